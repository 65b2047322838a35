package org.rasterdesk.legend;

/** A legend formula that cannot be read, with the character offset where reading stopped. */
public final class ExpressionException extends IllegalArgumentException {

    private final String reason;
    private final int position;

    public ExpressionException(String reason, int position) {
        super(reason + " at " + position);
        this.reason = reason;
        this.position = position;
    }

    /** What is wrong, without the position. */
    public String reason() {
        return reason;
    }

    /** The 0-based character offset in the formula as written. */
    public int position() {
        return position;
    }
}
