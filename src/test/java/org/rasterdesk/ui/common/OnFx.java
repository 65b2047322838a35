package org.rasterdesk.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Reads the scene graph from a test thread by asking the JavaFX thread, where it changes. */
public final class OnFx {
    private OnFx() {
    }

    /**
     * Evaluates {@code read} on the JavaFX thread. Streaming an observable list from the test thread while the
     * JavaFX thread replaces its items throws ConcurrentModificationException now and then.
     */
    public static <T> T read(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The JavaFX thread could not be read from", e);
        }
    }
}
