package org.rasterdesk.ui.common;

/**
 * Runs background work at once on the calling thread (the FX thread, in a window test) and delivers its outcome
 * before {@code execute} returns: a test sees the result of an action as soon as the action is done, without
 * waiting. A database read then runs on the FX thread, which only a test may allow itself.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        run(task);
    }

    static <T> void run(BackgroundTask<T> task) {
        if (task.isCancelled()) {
            task.skipped();
            return;
        }
        T value;
        try {
            value = task.call();
        } catch (Exception | Error e) {
            task.failed(e);
            return;
        }
        task.succeeded(value);
    }
}
