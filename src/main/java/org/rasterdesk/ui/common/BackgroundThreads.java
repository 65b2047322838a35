package org.rasterdesk.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

    /**
     * Runs the task on one of the threads. Work handed in after {@link #close} or {@link #finish} is dropped: it
     * comes from a window that is going (a reload or selection check it had queued on the FX thread), and an
     * exception would only reach the FX thread's console as the application quits.
     */
    @Override
    public void execute(Runnable task) {
        try {
            threads.execute(task);
        } catch (RejectedExecutionException e) {
            if (!threads.isShutdown()) {
                throw e;
            }
        }
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
