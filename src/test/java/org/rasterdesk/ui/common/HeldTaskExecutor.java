package org.rasterdesk.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps background work until the test lets it run, on the calling thread: a test decides the order in which
 * answers arrive (a late answer for an old request, say) instead of racing threads.
 */
public final class HeldTaskExecutor implements TaskExecutor {

    private final Deque<BackgroundTask<?>> held = new ArrayDeque<>();

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        held.addLast(task);
    }

    /** How many tasks wait. */
    public int held() {
        return held.size();
    }

    /** Runs the oldest waiting task. */
    public void runNext() {
        CurrentThreadTaskExecutor.run(held.removeFirst());
    }

    /** Runs waiting tasks, and those they start, until none waits. */
    public void runAll() {
        while (!held.isEmpty()) {
            runNext();
        }
    }
}
