package org.rasterdesk.source;

import java.util.Locale;

/** Counts the bytes of one step and tells the listener at most a few times a second, so a fast copy stays fast. */
final class ProgressMeter {

    private static final long INTERVAL_NANOS = 250_000_000L;

    private final FetchListener listener;
    private final String verb;
    private final String what;
    private volatile long total;
    private volatile long done;
    private volatile long lastByteNanos = System.nanoTime();
    private long lastReportNanos;

    ProgressMeter(FetchListener listener, String verb, String what, long total) {
        this.listener = listener;
        this.verb = verb;
        this.what = what;
        this.total = total;
    }

    void total(long total) {
        this.total = total;
    }

    long total() {
        return total;
    }

    long done() {
        return done;
    }

    /** Sets the count back, as when a server ignores a range request and sends the whole file again. */
    void reset(long bytes) {
        done = bytes;
        lastByteNanos = System.nanoTime();
    }

    /** Called from the one thread that moves the bytes. */
    void add(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        lastByteNanos = now;
        if (now - lastReportNanos >= INTERVAL_NANOS) {
            lastReportNanos = now;
            report();
        }
    }

    /** Something arrived (headers, a connection) though no body bytes yet. */
    void alive() {
        lastByteNanos = System.nanoTime();
    }

    long nanosSinceLastByte() {
        return System.nanoTime() - lastByteNanos;
    }

    void report() {
        listener.progress(done, total, verb + " " + what + " (" + size(done)
                + (total >= 0 ? " of " + size(total) : "") + ")");
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
