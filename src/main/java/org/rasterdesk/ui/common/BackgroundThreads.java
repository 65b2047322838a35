package org.rasterdesk.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The window's executor for database reads and other work that must stay off the FX thread. Its threads are
 * daemons: a read still running when the window closes must not keep the JVM alive.
 */
public final class BackgroundThreads implements Executor, AutoCloseable {

    private final ExecutorService threads;

    public BackgroundThreads(String name, int size) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread t = new Thread(task, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.threads = Executors.newFixedThreadPool(size, factory);
    }

    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }

    /**
     * Takes no new work and waits up to {@code seconds} for the running work to end by itself, without
     * interrupting it; returns early when it has.
     */
    public void finish(long seconds) throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
