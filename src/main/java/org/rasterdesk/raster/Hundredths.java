package org.rasterdesk.raster;

import java.util.Arrays;

/**
 * How many of a band's samples fall on each hundredth k/100 and strictly between it and the next, for samples whose
 * 100·v a double holds exactly (Float32 and integers of up to 32 bits): enough to make the exact histogram once min
 * and max are known, without reading the samples again. The histogram's range runs from one integer to another
 * (floor(min), ceil(max), or widened by 0.5 for a constant), so its exact edges are hundredths: a sample on a
 * hundredth is added as itself, and the samples strictly between two hundredths share a bin unless a computed
 * edge, a few double roundings away from its hundredth, falls between them, which {@link Histogram#addRange}
 * detects. An edge whose exact value is 0 often comes out as ±1e-14 or so ({@code -55 + 50 * 1.1}), and Float32
 * values are dense near 0: so the few samples closer to 0 than {@link #TINY} are kept one by one. With that, edges
 * of ranges up to about 10^6 were never found straddled (checked for millions of random ranges and edges); wider
 * ranges exceed the cap anyway. The counts cover a window of consecutive hundredths that grows as samples arrive,
 * up to a cap.
 */
final class Hundredths {

    /** The most hundredths one instance counts (two ints each): 8 MB; a wider range is counted otherwise. */
    static final int MAX_HUNDREDTHS = 1 << 20;
    /** Values beyond which k = floor(100·v) could not be held exactly or a window of them would overflow a long. */
    private static final double LIMIT = 0x1p52;
    /** Samples nearer 0 than this (but not 0) are kept one by one; the computed edge 0 is off by far less. */
    static final double TINY = 0x1p-20;
    /** The most samples kept one by one. */
    static final int MAX_KEPT = 1 << 16;

    private final int cap;
    /** The hundredth k that counts[0] and counts[1] stand for. */
    private long base;
    /** At 2(k − base) the samples equal to k/100, at 2(k − base) + 1 those strictly between k/100 and (k+1)/100. */
    private int[] counts = new int[0];
    private long samples;
    private double[] kept = new double[0];
    private int keptCount;

    /** @param cap the most hundredths counted, at most {@link #MAX_HUNDREDTHS} */
    Hundredths(int cap) {
        this.cap = Math.min(cap, MAX_HUNDREDTHS);
    }

    /** Whether {@code more} samples can still be counted without an int count overflowing. */
    boolean roomFor(long more) {
        return samples + more <= Integer.MAX_VALUE;
    }

    /**
     * The counts, for a caller that adds samples inside the window itself: at 2(k − {@link #base()}) the samples
     * equal to k/100, at 2(k − base) + 1 those strictly between k/100 and (k+1)/100, except those nearer 0 than
     * {@link #TINY}, which go through {@link #add}; the caller then tells {@link #counted} how many it added. Both
     * change when {@link #add} grows the window.
     */
    int[] slots() {
        return counts;
    }

    /** The hundredth that {@link #slots()}[0] and [1] stand for. */
    long base() {
        return base;
    }

    /** Notes {@code added} samples that the caller counted in {@link #slots()}. */
    void counted(int added) {
        samples += added;
    }

    /** Counts one sample (not NaN); false, counting nothing, when its hundredth is beyond the cap's window. */
    boolean add(double v) {
        double h = v * 100;
        // floor(h) by truncation and a step down for negative fractions, in the loop the tiles' threads run.
        long k = (long) h;
        if (k > h) {
            k--;
        }
        long at = k - base;
        if (at < 0 || at >= counts.length >> 1) {
            if (!grow(h)) {
                return false;
            }
            at = (long) Math.floor(h) - base;
        }
        if (h == k) {
            counts[(int) at * 2]++;
        } else if (Math.abs(v) < TINY) {
            if (keptCount == kept.length) {
                if (keptCount == MAX_KEPT) {
                    return false;
                }
                kept = Arrays.copyOf(kept, Math.max(64, Math.min(MAX_KEPT, keptCount * 2)));
            }
            kept[keptCount++] = v;
        } else {
            counts[(int) at * 2 + 1]++;
        }
        samples++;
        return true;
    }

    /** Counts {@code zeros} samples equal to 0; false, counting none, when 0 is beyond the cap's window. */
    boolean addZeros(int zeros) {
        if (zeros == 0) {
            return true;
        }
        if (base > 0 || -base >= counts.length >> 1) {
            if (!grow(0.0)) {
                return false;
            }
        }
        counts[(int) -base * 2] += zeros;
        samples += zeros;
        return true;
    }

    /**
     * Adds the counted samples to {@code histogram}, whose range holds them; false when some samples between two
     * hundredths straddle one of its computed edges (the histogram then holds part of the counts and is of no use).
     * Between two hundredths only Float32 values occur (integers are all on one), hence the Float32 bounds.
     */
    boolean addTo(Histogram histogram) {
        for (int i = 0; i < keptCount; i++) {
            histogram.add(kept[i]);
        }
        for (int i = 0; i < counts.length; i++) {
            int c = counts[i];
            if (c == 0) {
                continue;
            }
            long k = base + (i >> 1);
            if ((i & 1) == 0) {
                // k/100 is the sample itself: a double (and so the Float32 value) equal to k/100 rounds to itself.
                histogram.add(k / 100.0, c);
            } else if (!histogram.addRange(k == 0 ? TINY : floatAbove(k), k == -1 ? -TINY : floatBelow(k + 1), c)) {
                return false;
            }
        }
        return true;
    }

    /** Drops the counts, keeping none of their memory. */
    void release() {
        counts = new int[0];
        kept = new double[0];
        keptCount = 0;
        samples = 0;
    }

    /** The smallest Float32 value above k/100 (100·f is exact in a double, so the comparison is). */
    static double floatAbove(long k) {
        float f = (float) (k / 100.0);
        while (100.0 * f <= k) {
            f = Math.nextUp(f);
        }
        while (100.0 * Math.nextDown(f) > k) {
            f = Math.nextDown(f);
        }
        return f;
    }

    /** The largest Float32 value below k/100. */
    static double floatBelow(long k) {
        float f = (float) (k / 100.0);
        while (100.0 * f >= k) {
            f = Math.nextDown(f);
        }
        while (100.0 * Math.nextUp(f) < k) {
            f = Math.nextUp(f);
        }
        return f;
    }

    /**
     * Widens the window to hold the hundredth floor({@code h}) (h = 100·v): at least doubling, the room to spare on
     * the side it grows to, within the cap; false when the hundredths counted and that one span more than the cap.
     */
    private boolean grow(double h) {
        if (!(Math.abs(h) < LIMIT)) {
            return false;
        }
        long key = (long) Math.floor(h);
        int length = counts.length >> 1;
        if (length == 0) {
            int first = Math.min(cap, 1024);
            base = key - first / 2;
            counts = new int[first * 2];
            return true;
        }
        // The hundredths counted so far, found by a scan: growing is rare, a test per sample is not.
        int from = 0;
        while (from < counts.length && counts[from] == 0) {
            from++;
        }
        int to = counts.length - 1;
        while (to >= from && counts[to] == 0) {
            to--;
        }
        if (from == counts.length) {
            // Only samples kept one by one so far: the window moves to k.
            base = key - length / 2;
            return true;
        }
        long lowest = base + (from >> 1);
        long highest = base + (to >> 1);
        long lo = Math.min(lowest, key);
        long hi = Math.max(highest, key) + 1;
        if (hi - lo > cap) {
            return false;
        }
        int wider = (int) Math.min(cap, Math.max(hi - lo, 2L * length));
        long newBase = key < base ? hi - wider : lo;
        int[] grown = new int[wider * 2];
        System.arraycopy(counts, (int) (lowest - base) * 2, grown, (int) (lowest - newBase) * 2,
                (int) (highest - lowest + 1) * 2);
        base = newBase;
        counts = grown;
        return true;
    }
}
