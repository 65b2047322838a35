package org.rasterdesk.raster;

/**
 * A 100-bin histogram with numpy.histogram's semantics: equal bins over [first, last], each half-open except
 * the last; a zero-width range is widened by 0.5 on both sides, as numpy does.
 */
final class Histogram {

    private final double first;
    private final double last;
    private final double[] edges;
    private final long[] counts = new long[BandStatistics.BINS];
    private final double span;

    Histogram(double first, double last) {
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        this.first = first;
        this.last = last;
        int n = BandStatistics.BINS;
        edges = new double[n + 1];
        double step = (last - first) / n;
        for (int i = 0; i < n; i++) {
            edges[i] = first + i * step;
        }
        edges[n] = last;
        span = last - first;
    }

    void add(double v) {
        add(v, 1);
    }

    /** Adds {@code samples} samples of the value {@code v}. */
    void add(double v, long samples) {
        int i = bin(v);
        if (i >= 0) {
            counts[i] += samples;
        }
    }

    /**
     * Adds {@code samples} samples whose values all lie in [{@code lo}, {@code hi}], when {@link #add} puts every
     * value of that interval in one bin; false, adding nothing, when the interval meets an edge or leaves the range.
     * The index {@link #add} computes before its correction is monotone in the value, and the correction moves it by
     * one at most; so when both ends land in bin r and lie within r's edges, every value between them lands in r.
     */
    boolean addRange(double lo, double hi, long samples) {
        int r = bin(lo);
        if (r < 0 || bin(hi) != r || lo < edges[r]
                || (r < BandStatistics.BINS - 1 ? hi >= edges[r + 1] : hi > last)) {
            return false;
        }
        counts[r] += samples;
        return true;
    }

    /** The bin of {@code v}, or -1 outside the range. */
    private int bin(double v) {
        if (v < first || v > last) {
            return -1;
        }
        int n = BandStatistics.BINS;
        int i = (int) ((v - first) / span * n);
        if (i >= n) {
            i = n - 1;
        }
        // numpy corrects the computed index against the edges, so values on an edge land where they belong.
        if (v < edges[i]) {
            i--;
        } else if (i != n - 1 && v >= edges[i + 1]) {
            i++;
        }
        return i;
    }

    /** Adds another histogram's counts over the same range. */
    void addAll(Histogram other) {
        if (other.first != first || other.last != last) {
            throw new IllegalArgumentException("histograms of different ranges");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    long[] counts() {
        return counts.clone();
    }

    double[] edges() {
        return edges.clone();
    }
}
