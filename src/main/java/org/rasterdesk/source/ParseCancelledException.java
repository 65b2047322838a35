package org.rasterdesk.source;

/** Thrown inside a parse when its caller asked it to stop. */
public final class ParseCancelledException extends Exception {
    private final String reason;

    public ParseCancelledException() {
        super("Parsing was cancelled.");
        reason = null;
    }

    /** @param reason why the parse was not let go on (a pre-flight warning the user did not accept) */
    public ParseCancelledException(String reason) {
        super("Not parsed: " + reason);
        this.reason = reason;
    }

    /** Why the parse stopped, null when its caller cancelled it. */
    public String reason() {
        return reason;
    }
}
