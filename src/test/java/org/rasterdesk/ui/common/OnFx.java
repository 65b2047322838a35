package org.rasterdesk.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/** Reads the scene graph from a test thread by asking the JavaFX thread, where it changes. */
public final class OnFx {

    /**
     * How long a test waits for something the window does in the background: generous, because a parse or a
     * database read on a machine whose cores run other builds takes many times its usual time. A condition that
     * holds ends the wait at once, so the deadline costs nothing when all goes well.
     */
    public static final long DEADLINE_SECONDS = 120;

    /** Between two looks at a condition: often enough to be quick, rare enough not to keep the FX thread busy. */
    private static final long POLL_MILLIS = 50;

    private OnFx() {
    }

    /**
     * Evaluates {@code read} on the JavaFX thread. Streaming an observable list from the test thread while the
     * JavaFX thread replaces its items throws ConcurrentModificationException now and then. Called on the JavaFX
     * thread it reads at once (waiting for the thread it runs on would never end).
     */
    public static <T> T read(Callable<T> read) {
        try {
            if (Platform.isFxApplicationThread()) {
                return read.call();
            }
            return WaitForAsyncUtils.asyncFx(read).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The JavaFX thread could not be read from", e);
        }
    }

    /**
     * Waits until {@code condition}, evaluated on the JavaFX thread, holds, up to {@link #DEADLINE_SECONDS}. For
     * state the JavaFX thread changes (lists, properties, nodes): read anywhere else it may be half changed.
     */
    public static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        waitUntil(DEADLINE_SECONDS, condition);
    }

    /** {@link #waitUntil(Callable)} with a deadline of its own, for what should take longer still. */
    public static void waitUntil(long seconds, Callable<Boolean> condition) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Boolean.TRUE.equals(read(condition))) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("The condition did not hold within " + seconds + " s");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TimeoutException("Interrupted while waiting for a condition");
            }
        }
    }
}
