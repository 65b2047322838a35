package org.rasterdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** What a view sees of its background work: the value or the failure after the end, or nothing once unwanted. */
class BackgroundTaskTest {

    private final List<String> seen = new ArrayList<>();

    @Test
    void theValueComesAfterTheEndIsAnnounced() {
        track(BackgroundTask.of(() -> 42)).executeWith(new CurrentThreadTaskExecutor());
        assertEquals(List.of("finished", "value 42"), seen);
    }

    @Test
    void aFailureGoesToItsHandlerNotToTheValue() {
        track(BackgroundTask.of(() -> {
            throw new IllegalStateException("the database went away");
        })).executeWith(new CurrentThreadTaskExecutor());
        assertEquals(List.of("finished", "failure the database went away"), seen);
    }

    @Test
    void anAnswerNoLongerCurrentIsDroppedButTheEndIsStillAnnounced() {
        long[] generation = {1};
        long requested = generation[0];
        HeldTaskExecutor held = new HeldTaskExecutor();
        track(BackgroundTask.of(() -> 42)).whileCurrent(() -> requested == generation[0]).executeWith(held);
        generation[0]++;
        held.runAll();
        assertEquals(List.of("finished"), seen);
    }

    @Test
    void aTaskCancelledBeforeItsTurnDoesNotRun() {
        AtomicBoolean ran = new AtomicBoolean();
        HeldTaskExecutor held = new HeldTaskExecutor();
        BackgroundTask<Integer> task = track(BackgroundTask.of(() -> {
            ran.set(true);
            return 1;
        })).executeWith(held);
        task.cancel();
        held.runAll();
        assertFalse(ran.get());
        assertTrue(task.isCancelled());
        assertEquals(List.of("finished"), seen);
    }

    @Test
    void anActionHasNoValueButAnEnd() {
        AtomicBoolean ran = new AtomicBoolean();
        BackgroundTask.ofAction(() -> ran.set(true)).onFinished(() -> seen.add("finished"))
                .executeWith(new CurrentThreadTaskExecutor());
        assertTrue(ran.get());
        assertEquals(List.of("finished"), seen);
    }

    private <T> BackgroundTask<T> track(BackgroundTask<T> task) {
        return task.onFinished(() -> seen.add("finished"))
                .onSuccess(value -> seen.add("value " + value))
                .onFailure(e -> seen.add("failure " + e.getMessage()));
    }
}
