package org.rasterdesk.parse;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the time of one parse went, phase by phase. Phases overlap (the upload, the warp threads and the tile
 * writer run at the same time), so each phase counts the CPU time of the threads doing it, summed, and for the
 * database's phases the CPU time of its server process when that runs on this machine (else the time waited for
 * it); the wall clock of the whole parse is kept apart. For benchmarks and the debug log, not the user's log.
 */
public final class ParseTimings {

    /** The phases of a parse, in the order the work flows. */
    public enum Phase {
        /** Storing the source file's bytes in the database. */
        UPLOAD,
        /** Reading and decoding the source's blocks (compression, predictor). */
        READ,
        /** Band statistics over the decoded samples. */
        STATISTICS,
        /** Mapping tiles onto the source and sampling their pixels. */
        WARP,
        /** Building the lower zooms by 2×2 reduction. */
        REDUCE,
        /** Turning tiles into PostGIS raster WKB. */
        ENCODE,
        /** Sending tiles to the database and its inserting them (the writer's time). */
        WRITE,
        /** The final transaction: metadata, status and the swap of tiles. */
        COMMIT
    }

    private final AtomicLongArray nanos = new AtomicLongArray(Phase.values().length);
    private final AtomicLong tileBytes = new AtomicLong();
    private final AtomicLong tiles = new AtomicLong();
    private volatile long sourceBytes;
    private volatile long sourcePixels;
    private volatile long wallNanos;

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** The calling thread's CPU time: phases are measured in CPU time, which a busy machine does not inflate. */
    static long cpuNow() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Adds CPU time to a phase. */
    public void add(Phase phase, long nanoseconds) {
        nanos.addAndGet(phase.ordinal(), nanoseconds);
    }

    /** Runs the action and counts the time it took (elapsed) to the phase. */
    public <E extends Exception> void time(Phase phase, ThrowingRunnable<E> action) throws E {
        long started = System.nanoTime();
        try {
            action.run();
        } finally {
            add(phase, System.nanoTime() - started);
        }
    }

    /** An action that may throw a checked exception. */
    @FunctionalInterface
    public interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }

    void addTile(long wkbBytes) {
        tiles.incrementAndGet();
        tileBytes.addAndGet(wkbBytes);
    }

    void source(long fileBytes, long pixels) {
        this.sourceBytes = fileBytes;
        this.sourcePixels = pixels;
    }

    void wall(long nanoseconds) {
        this.wallNanos = nanoseconds;
    }

    public double seconds(Phase phase) {
        return nanos.get(phase.ordinal()) / 1e9;
    }

    public double wallSeconds() {
        return wallNanos / 1e9;
    }

    public long tiles() {
        return tiles.get();
    }

    /** Bytes of tile WKB sent to the database. */
    public long tileBytes() {
        return tileBytes.get();
    }

    public long sourceBytes() {
        return sourceBytes;
    }

    public long sourcePixels() {
        return sourcePixels;
    }

    /**
     * One line of figures, {@code key=value} separated by spaces, for the debug log and benchmarks: wall and busy
     * seconds per phase, tiles, bytes.
     */
    public String summary() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "wall=%.3f", wallSeconds()));
        for (Phase phase : Phase.values()) {
            s.append(String.format(Locale.ROOT, " %s=%.3f", phase.name().toLowerCase(Locale.ROOT), seconds(phase)));
        }
        s.append(String.format(Locale.ROOT, " tiles=%d tile_bytes=%d source_bytes=%d source_pixels=%d", tiles(),
                tileBytes(), sourceBytes(), sourcePixels()));
        return s.toString();
    }
}
