package org.rasterdesk.parse;

import org.rasterdesk.layer.ParseStatus;

/** What a parse tells its caller as it goes; called on the parsing thread, so implementations hand off quickly. */
public interface ParseListener {

    /** A new phase of the parse (django-raster's status codes). */
    default void phase(ParseStatus status) {
    }

    /** A log line as stored, with its timestamp prefix. */
    default void logLine(String line) {
    }

    /**
     * Progress of the current parse.
     *
     * @param fraction   0..1 of the whole parse, as well as can be told
     * @param tilesDone  tiles made so far (all zooms)
     * @param tilesPerSecond the current rate
     */
    default void progress(double fraction, long tilesDone, double tilesPerSecond) {
    }

    /** Where the time of a finished parse went, for benchmarks and diagnostics; called once, at the end. */
    default void timings(ParseTimings timings) {
    }

    ParseListener NONE = new ParseListener() {
    };
}
