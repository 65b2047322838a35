package org.rasterdesk.raster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Computes exact {@link BandStats} by streaming windows over a reader: one pass for min, max and mean, a second
 * for the deviations from that mean (numerically stable) and the histogram, whose range needs min and max.
 */
public final class BandStatistics {

    public static final int BINS = 100;
    /** Samples per window across all bands; keeps memory flat whatever the raster's size. */
    static final long WINDOW_SAMPLES = 4L << 20;
    /** The most value counters kept for a one-read integer raster (8 bytes each): 32 MB. */
    static final long MAX_TALLY_ENTRIES = 4L << 20;

    private interface WindowVisitor {
        /**
         * @param part   the index of the reader the window comes from
         * @param hidden per band whether each sample is hidden by another reader, or null when none is
         */
        void visit(int part, double[][] samples, boolean[][] hidden) throws IOException;
    }

    private BandStatistics() {
    }

    /** Statistics of every band, excluding each band's nodata value from the file. */
    public static List<BandStats> compute(RasterReader reader) throws IOException {
        return compute(reader, reader.info().nodata());
    }

    /** Statistics of every band, excluding {@code nodata.get(band)} (null: no nodata) and NaN. */
    public static List<BandStats> compute(RasterReader reader, List<Double> nodata) throws IOException {
        return compute(reader, nodata, () -> false);
    }

    /**
     * As {@link #compute(RasterReader, List)}, polling {@code cancelled} between windows (a fraction of a second
     * apart), so that a large raster's statistics can be given up quickly.
     *
     * @throws java.util.concurrent.CancellationException when {@code cancelled} said so
     */
    public static List<BandStats> compute(RasterReader reader, List<Double> nodata,
                                          java.util.function.BooleanSupplier cancelled) throws IOException {
        return compute(List.of(reader), List.of(nodata), cancelled);
    }

    /**
     * Statistics of every band over the pixels of several rasters of the same bands and sample type (the files of a
     * mosaic), each with its own nodata: as if their valid pixels were one set. Pixels where files overlap count
     * once per file.
     *
     * @param nodata per reader, per band the value to exclude (null: none)
     * @throws java.util.concurrent.CancellationException when {@code cancelled} said so
     */
    public static List<BandStats> compute(List<RasterReader> readers, List<List<Double>> nodata,
                                          java.util.function.BooleanSupplier cancelled) throws IOException {
        return compute(readers, nodata, HiddenSamples.NONE, cancelled);
    }

    /**
     * As {@link #compute(List, List, java.util.function.BooleanSupplier)}, leaving out the samples {@code hidden}
     * says another reader paints over: where the files of a mosaic overlap, a pixel counts once.
     */
    public static List<BandStats> compute(List<RasterReader> readers, List<List<Double>> nodata,
                                          HiddenSamples hidden, java.util.function.BooleanSupplier cancelled)
            throws IOException {
        RasterReader first = readers.get(0);
        int bands = first.info().bandCount();
        for (RasterReader reader : readers) {
            if (reader.info().bandCount() != bands || reader.info().pixelType() != first.info().pixelType()) {
                throw new IllegalArgumentException("the rasters differ in bands or sample type");
            }
        }
        double[][] nds = skipped(readers, nodata);
        List<Double> firstNodata = nodata.get(0);
        PixelType type = first.info().pixelType();
        if (tallied(type, bands)) {
            return fromTally(readers, firstNodata, nds, hidden, cancelled);
        }
        double[] min = new double[bands];
        double[] max = new double[bands];
        double[] sum = new double[bands];
        double[] compensation = new double[bands];
        long[] count = new long[bands];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        forEachWindow(readers, hidden, cancelled, (part, data, covered) -> {
            for (int b = 0; b < bands; b++) {
                double s = sum[b];
                double c = compensation[b];
                double lo = min[b];
                double hi = max[b];
                long n = count[b];
                double skip = nds[part][b];
                boolean[] over = covered == null ? null : covered[b];
                double[] values = data[b];
                for (int i = 0; i < values.length; i++) {
                    double v = values[i];
                    if (v != v || v == skip || over != null && over[i]) {
                        continue;
                    }
                    if (v < lo) {
                        lo = v;
                    }
                    if (v > hi) {
                        hi = v;
                    }
                    n++;
                    // Kahan summation: a large raster's mean must not drift with its size.
                    double t = s + (v - c);
                    c = (t - s) - (v - c);
                    s = t;
                }
                sum[b] = s;
                compensation[b] = c;
                min[b] = lo;
                max[b] = hi;
                count[b] = n;
            }
        });
        double[] mean = new double[bands];
        Histogram[] histograms = new Histogram[bands];
        for (int b = 0; b < bands; b++) {
            mean[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
            histograms[b] = count[b] == 0 ? null : new Histogram(Math.floor(min[b]), Math.ceil(max[b]));
        }
        double[] squares = new double[bands];
        if (Arrays.stream(count).anyMatch(n -> n > 0)) {
            forEachWindow(readers, hidden, cancelled, (part, data, covered) -> {
                for (int b = 0; b < bands; b++) {
                    if (count[b] == 0) {
                        continue;
                    }
                    double m = mean[b];
                    double sq = squares[b];
                    double skip = nds[part][b];
                    Histogram hist = histograms[b];
                    boolean[] over = covered == null ? null : covered[b];
                    double[] values = data[b];
                    for (int i = 0; i < values.length; i++) {
                        double v = values[i];
                        if (v != v || v == skip || over != null && over[i]) {
                            continue;
                        }
                        double d = v - m;
                        sq += d * d;
                        hist.add(v);
                    }
                    squares[b] = sq;
                }
            });
        }
        List<BandStats> out = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            Double bandNodata = firstNodata.get(b);
            if (count[b] == 0) {
                out.add(new BandStats(b, bandNodata, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new long[0],
                        new double[0], 0));
            } else {
                out.add(new BandStats(b, bandNodata, min[b], max[b], mean[b], Math.sqrt(squares[b] / count[b]),
                        histograms[b].counts(), histograms[b].edges(), count[b]));
            }
        }
        return out;
    }

    /**
     * Statistics of an 8- or 16-bit integer raster in one read of the file: how often each value occurs, from which
     * min, max, mean, standard deviation and the histogram follow exactly. Floating point data needs two reads (the
     * histogram's bins depend on min and max), which on a large file costs seconds.
     */
    private static List<BandStats> fromTally(List<RasterReader> readers, List<Double> nodata, double[][] nds,
                                             HiddenSamples hidden, java.util.function.BooleanSupplier cancelled)
            throws IOException {
        return fromTally(tally(readers, nds, hidden, cancelled), readers.get(0).info().pixelType(), nodata);
    }

    /**
     * Whether rasters of the type are tallied (how often each value occurs), so that their statistics follow from
     * counts that can be added and taken away: 8- and 16-bit integers.
     */
    public static boolean tallied(PixelType type, int bands) {
        return !type.isFloatingPoint() && type.bytes() <= 2
                && (long) bands * (long) (type.max() - type.min() + 1) <= MAX_TALLY_ENTRIES;
    }

    /**
     * How often each value occurs, per band ({@code [band][value - type.min()]}), over the samples of the rasters
     * that are valid and not hidden; windows {@code hidden} calls {@link HiddenSamples#EVERY} are not read.
     *
     * @param nodata per reader, per band the value to exclude (null: none)
     */
    public static long[][] tally(List<RasterReader> readers, List<List<Double>> nodata, HiddenSamples hidden,
                                 java.util.function.BooleanSupplier cancelled) throws IOException {
        return tally(readers, skipped(readers, nodata), hidden, cancelled);
    }

    /**
     * Per reader, per band the value its samples skip: the nodata value, or NaN when there is none ({@code v == NaN}
     * is never true, so the test stays one compare).
     */
    private static double[][] skipped(List<RasterReader> readers, List<List<Double>> nodata) {
        int bands = readers.get(0).info().bandCount();
        double[][] nds = new double[readers.size()][bands];
        for (int r = 0; r < readers.size(); r++) {
            for (int b = 0; b < bands; b++) {
                Double v = nodata.get(r).get(b);
                nds[r][b] = v == null ? Double.NaN : v;
            }
        }
        return nds;
    }

    private static long[][] tally(List<RasterReader> readers, double[][] nds, HiddenSamples hidden,
                                  java.util.function.BooleanSupplier cancelled) throws IOException {
        int bands = nds[0].length;
        PixelType type = readers.get(0).info().pixelType();
        int offset = (int) type.min();
        long[][] tally = new long[bands][(int) (type.max() - type.min()) + 1];
        forEachWindow(readers, hidden, cancelled, (part, data, covered) -> {
            for (int b = 0; b < bands; b++) {
                long[] t = tally[b];
                double skip = nds[part][b];
                boolean[] over = covered == null ? null : covered[b];
                double[] values = data[b];
                for (int i = 0; i < values.length; i++) {
                    double v = values[i];
                    if (v != v || v == skip || over != null && over[i]) {
                        continue;
                    }
                    t[(int) v - offset]++;
                }
            }
        });
        return tally;
    }

    /** Every band's statistics from its tally (see {@link #tally}); {@code nodata} is what each band reports. */
    public static List<BandStats> fromTally(long[][] tally, PixelType type, List<Double> nodata) {
        List<BandStats> out = new ArrayList<>(tally.length);
        for (int b = 0; b < tally.length; b++) {
            out.add(fromCounts(b, nodata.get(b), tally[b], (int) type.min()));
        }
        return out;
    }

    /**
     * A band's statistics from how often each value occurs ({@code counts[v - offset]}), exactly, with the set of
     * values used (bit {@code v - offset}).
     */
    static BandStats fromCounts(int band, Double nodata, long[] t, int offset) {
        long count = 0;
        long sum = 0;
        int lo = -1;
        int hi = -1;
        java.util.BitSet used = new java.util.BitSet(t.length);
        for (int i = 0; i < t.length; i++) {
            if (t[i] != 0) {
                lo = lo < 0 ? i : lo;
                hi = i;
                count += t[i];
                sum += t[i] * (long) (i + offset);
                used.set(i);
            }
        }
        if (count == 0) {
            return new BandStats(band, nodata, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new long[0],
                    new double[0], 0, used);
        }
        double mean = (double) sum / count;
        double squares = 0;
        Histogram hist = new Histogram(lo + offset, hi + offset);
        for (int i = lo; i <= hi; i++) {
            if (t[i] != 0) {
                double d = i + offset - mean;
                squares += t[i] * d * d;
                hist.add(i + offset, t[i]);
            }
        }
        return new BandStats(band, nodata, lo + offset, hi + offset, mean, Math.sqrt(squares / count),
                hist.counts(), hist.edges(), count, used);
    }

    /**
     * Reads block-aligned windows in file order, each of about {@link #WINDOW_SAMPLES} samples, so that every
     * block is decoded once per pass: several whole strips of a striped file, or runs of tiles along a row.
     */
    private static void forEachWindow(List<RasterReader> readers, HiddenSamples hidden,
                                      java.util.function.BooleanSupplier cancelled, WindowVisitor visitor)
            throws IOException {
        for (int part = 0; part < readers.size(); part++) {
            forEachWindow(readers.get(part), part, hidden, cancelled, visitor);
        }
    }

    private static void forEachWindow(RasterReader reader, int part, HiddenSamples hidden,
                                      java.util.function.BooleanSupplier cancelled, WindowVisitor visitor)
            throws IOException {
        RasterInfo info = reader.info();
        int[] size = windowSize(info);
        for (int y = 0; y < info.height(); y += size[1]) {
            for (int x = 0; x < info.width(); x += size[0]) {
                if (cancelled.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("statistics cancelled");
                }
                int w = Math.min(size[0], info.width() - x);
                int h = Math.min(size[1], info.height() - y);
                boolean[][] covered = hidden.hidden(part, x, y, w, h);
                if (covered != HiddenSamples.EVERY) {
                    visitor.visit(part, reader.read(x, y, w, h), covered);
                }
            }
        }
    }

    /** The window's {width, height}: whole multiples of the block size, within the sample budget. */
    static int[] windowSize(RasterInfo info) {
        int bands = info.bandCount();
        int bw = Math.max(1, info.blockWidth());
        int bh = Math.max(1, info.blockHeight());
        if (bw >= info.width()) {
            int cols = info.width();
            long blocks = Math.max(1, WINDOW_SAMPLES / ((long) cols * bands * bh));
            return new int[] {cols, (int) Math.min(info.height(), blocks * bh)};
        }
        long blocks = Math.max(1, WINDOW_SAMPLES / ((long) bh * bands * bw));
        return new int[] {(int) Math.min(info.width(), blocks * bw), bh};
    }
}
