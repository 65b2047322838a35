package org.rasterdesk.tiling;

/** How four pixels of a tile become one pixel of its parent tile. */
public enum Reduction {
    /** The mean of the valid pixels, for continuous data. */
    AVERAGE,
    /**
     * The most frequent valid value, for discrete data (categorical, mask, rank ordered), where a mean would
     * invent classes; ties go to the smallest value so that the result does not depend on pixel order.
     */
    MODE
}
