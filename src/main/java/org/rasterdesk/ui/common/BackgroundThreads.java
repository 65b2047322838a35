package org.rasterdesk.ui.common;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * The application's executor for one kind of work that must stay off the FX thread (database reads, parses, map
 * tiles): a fixed number of named threads; outcomes go back to the FX thread. Its threads are daemons: work still
 * running when the window closes must not keep the JVM alive.
 */
public final class BackgroundThreads implements TaskExecutor, AutoCloseable {

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
    public <T> void execute(BackgroundTask<T> task) {
        try {
            threads.execute(() -> {
                if (task.isCancelled()) {
                    Platform.runLater(task::skipped);
                    return;
                }
                T value;
                try {
                    value = task.call();
                } catch (Throwable e) {
                    Platform.runLater(() -> task.failed(e));
                    return;
                }
                Platform.runLater(() -> task.succeeded(value));
            });
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

    /** Takes no new work; what runs ends by itself, uninterrupted. */
    public void shutdown() {
        threads.shutdown();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
