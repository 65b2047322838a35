package org.rasterdesk.source;

/** Thrown inside a parse when its caller asked it to stop. */
public final class ParseCancelledException extends Exception {
    public ParseCancelledException() {
        super("Parsing was cancelled; the previous tiles are kept.");
    }
}
