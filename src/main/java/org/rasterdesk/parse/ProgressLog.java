package org.rasterdesk.parse;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.rasterdesk.layer.ParseStatus;

/**
 * Puts a long parse's progress into its log every {@link #PERIOD_NANOS} ("Zoom 14: 1200 of 36864 tiles, 33%,
 * 450 tiles/s"), so that the log says something between "Creating up to N tiles" and the end, as a long job's log
 * should; passes every call on to the listener it wraps.
 */
final class ProgressLog implements ParseListener {

    /** Often enough to show the parse lives, seldom enough not to bury the other lines: a line per 10 s. */
    static final long PERIOD_NANOS = 10_000_000_000L;

    private final ParseListener listener;
    private final Consumer<String> log;
    private final LongSupplier clock;
    private final int zoom;
    private final long topTiles;
    private long lastLine;

    /**
     * @param log      takes a line for the parse's log
     * @param clock    System::nanoTime, or a test's clock
     * @param zoom     the zoom the tiles are made at
     * @param topTiles how many tiles that zoom has at most
     */
    ProgressLog(ParseListener listener, Consumer<String> log, LongSupplier clock, int zoom, long topTiles) {
        this.listener = listener;
        this.log = log;
        this.clock = clock;
        this.zoom = zoom;
        this.topTiles = topTiles;
        this.lastLine = clock.getAsLong();
    }

    @Override
    public void phase(ParseStatus status) {
        listener.phase(status);
    }

    @Override
    public void logLine(String line) {
        listener.logLine(line);
    }

    @Override
    public void progress(double fraction, long tilesDone, double tilesPerSecond) {
        listener.progress(fraction, tilesDone, tilesPerSecond);
        long now = clock.getAsLong();
        if (now - lastLine >= PERIOD_NANOS) {
            lastLine = now;
            log.accept(String.format(Locale.ROOT, "Zoom %d: %d of up to %s written, %.0f%% of the parse, "
                    + "%.0f tiles/s.", zoom, tilesDone, Counted.of(topTiles, "tile"), 100 * fraction, tilesPerSecond));
        }
    }
}
