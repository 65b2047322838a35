package org.rasterdesk.source;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Watches a blocking transfer from another thread: when the caller cancels, or no byte arrived for the stall
 * timeout, it aborts the transfer so that the blocked read returns within a fraction of a second.
 */
final class TransferWatch implements AutoCloseable {

    private final ScheduledExecutorService timer;
    private final Thread worker = Thread.currentThread();
    private volatile Runnable abort;
    private volatile boolean cancelled;
    private volatile boolean stalled;

    TransferWatch(BooleanSupplier cancel, ProgressMeter meter, long stallNanos) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "transfer-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (!cancelled && !stalled) {
                if (cancel.getAsBoolean()) {
                    cancelled = true;
                } else if (meter.nanosSinceLastByte() > stallNanos) {
                    stalled = true;
                } else {
                    return;
                }
            }
            // Repeated on every tick until the worker gives up: the first abort may come before the stream exists.
            Runnable a = abort;
            if (a != null) {
                a.run();
            } else {
                worker.interrupt();
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** What stops the current transfer (closing its stream); null between transfers. */
    void abortWith(Runnable abort) {
        this.abort = abort;
    }

    /** True once the transfer should stop, for the worker to check between reads. */
    boolean stopped() {
        return cancelled || stalled;
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean stalled() {
        return stalled;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        Thread.interrupted();
    }
}
