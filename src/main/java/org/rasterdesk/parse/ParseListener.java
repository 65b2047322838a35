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

    /**
     * The database went away in the middle of the parse (false), which waits for it, or came back (true). A parse
     * whose database stays away fails.
     */
    default void databaseAvailable(boolean available) {
    }

    /**
     * Asks whether the parse goes on despite its pre-flight's warnings (a far too fine max zoom, coordinates that
     * cannot be right); called before any tile is made. Without someone to ask, it goes on.
     */
    default boolean confirm(Preflight preflight) {
        return true;
    }

    ParseListener NONE = new ParseListener() {
    };
}
