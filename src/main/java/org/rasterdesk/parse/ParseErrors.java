package org.rasterdesk.parse;

import java.sql.SQLException;

/** Turns what went wrong in a parse into one sentence for the log and the window. */
final class ParseErrors {

    private ParseErrors() {
    }

    static String sentence(Throwable e) {
        if (e instanceof SQLException s && isConnectionLoss(s)) {
            return "The connection to the database was lost (" + firstLine(s.getMessage()) + ").";
        }
        if (e instanceof OutOfMemoryError) {
            return "The raster needs more memory than Java was given.";
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        message = firstLine(message).strip();
        return message.endsWith(".") ? message : message + ".";
    }

    private static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01"));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
