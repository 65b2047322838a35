package org.rasterdesk.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an exception into one or two sentences for the window. Wrappers (the pool, the repository) say what was
 * being done and the innermost cause says why; the stack trace goes to the debug log only.
 */
final class ErrorText {

    private static final int MAX_LENGTH = 400;

    private ErrorText() {
    }

    static String of(Throwable error) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = error; t != null && messages.size() < 10; t = t.getCause()) {
            String m = t.getMessage();
            // new RuntimeException(cause) takes cause.toString() as its message: the cause says it better.
            boolean onlyNamesCause = t.getCause() != null && t.getCause().toString().equals(m);
            if (m != null && !m.isBlank() && !onlyNamesCause
                    && messages.stream().noneMatch(seen -> seen.contains(m.strip()))) {
                messages.add(m.strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String text;
        if (messages.isEmpty()) {
            text = error.getClass().getSimpleName();
        } else if (messages.size() == 1) {
            text = messages.get(0);
        } else {
            text = messages.get(0) + ": " + messages.get(messages.size() - 1);
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 1) + "…" : text;
    }
}
