package org.rasterdesk.ui.common;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an exception into one or two sentences for the window: what was being done (the outermost message) and
 * why (the database driver's message, else the innermost cause's). The stack trace goes to the debug log only.
 */
public final class ErrorText {

    private static final int MAX_LENGTH = 400;

    private ErrorText() {
    }

    public static String of(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && chain.size() < 10; t = t.getCause()) {
            if (hasOwnMessage(t)) {
                chain.add(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String text;
        if (chain.isEmpty()) {
            text = error.getClass().getSimpleName();
        } else {
            Throwable outer = chain.get(0);
            Throwable reason = chain.stream().filter(t -> t instanceof SQLException).findFirst()
                    .orElse(chain.get(chain.size() - 1));
            // The driver's message is whole ("Connection to host:port refused. Check that ..."); its own causes
            // (a ConnectException) only repeat it in fewer words.
            text = outer == reason || outer.getMessage().contains(reason.getMessage())
                    ? outer.getMessage().strip()
                    : outer.getMessage().strip() + ": " + reason.getMessage().strip();
        }
        return text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 1) + "…" : text;
    }

    private static boolean hasOwnMessage(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return false;
        }
        // new RuntimeException(cause) takes cause.toString() as its message: the cause says it better.
        if (t.getCause() != null && t.getCause().toString().equals(m)) {
            return false;
        }
        // The pool's "Connection is not available, request timed out" hides the driver's reason in its cause.
        return !(t instanceof SQLTransientConnectionException && t.getCause() != null);
    }
}
