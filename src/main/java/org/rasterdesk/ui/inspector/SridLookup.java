package org.rasterdesk.ui.inspector;

import java.util.HashMap;
import java.util.Map;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * EPSG codes looked up in SIS's EPSG database for the layer form: each code once, in the background (the first
 * look-up takes seconds); the form is told when an answer arrives. FX thread.
 */
final class SridLookup {

    enum State { CHECKING, KNOWN, UNKNOWN, FAILED }

    /** @param text the CRS name of a known code, why the look-up failed, else "" */
    record Answer(State state, String text) {
    }

    private static final Answer CHECKING = new Answer(State.CHECKING, "");

    private final TaskExecutor executor;
    private final Runnable answered;
    private final Map<Integer, Answer> answers = new HashMap<>();
    /** Failures not shown yet; once shown, the code is looked up again at the next check. */
    private final Map<Integer, String> failures = new HashMap<>();

    /** @param answered called when a look-up has answered, to check the field again */
    SridLookup(TaskExecutor executor, Runnable answered) {
        this.executor = executor;
        this.answered = answered;
    }

    /** What is known of a code; a first call starts its look-up. */
    Answer check(int code) {
        Answer known = answers.get(code);
        if (known != null) {
            return known;
        }
        String failure = failures.remove(code);
        if (failure != null) {
            return new Answer(State.FAILED, failure);
        }
        answers.put(code, CHECKING);
        Answer[] failedAtOnce = {null};
        BackgroundTask.of(() -> CrsNames.epsgName(code))
                .describedAs("EPSG lookup of " + code + " failed")
                .onSuccess(name -> {
                    answers.put(code, name.map(n -> new Answer(State.KNOWN, n))
                            .orElse(new Answer(State.UNKNOWN, "")));
                    answered.run();
                })
                .onFailure(e -> {
                    answers.remove(code);
                    failedAtOnce[0] = new Answer(State.FAILED, ErrorText.of(e));
                    failures.put(code, failedAtOnce[0].text());
                    answered.run();
                })
                .executeWith(executor);
        // An executor that runs the look-up at once has answered already.
        Answer now = answers.get(code);
        return now != null ? now : failedAtOnce[0];
    }
}
