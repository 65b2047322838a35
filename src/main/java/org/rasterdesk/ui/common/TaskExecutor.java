package org.rasterdesk.ui.common;

/**
 * Runs the window's background work: a {@link BackgroundTask}'s work off the FX thread, its outcome back on the
 * FX thread. The application makes one per kind of work ({@link BackgroundThreads}: database reads, parses, map
 * tiles) and hands it to the views that need it; a test hands in one that runs the work at once, on its own thread.
 */
public interface TaskExecutor {

    /** Starts the task. Called on the FX thread, like the task's callbacks. */
    <T> void execute(BackgroundTask<T> task);
}
