package org.rasterdesk.raster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes exact {@link BandStats} by streaming windows over a reader: one pass for min, max and mean, a second
 * for the deviations from that mean (numerically stable) and the histogram, whose range needs min and max.
 */
public final class BandStatistics {

    public static final int BINS = 100;
    /** Samples per window across all bands; keeps memory flat whatever the raster's size. */
    private static final long WINDOW_SAMPLES = 4L << 20;

    private BandStatistics() {
    }

    /** Statistics of every band, excluding each band's nodata value from the file. */
    public static List<BandStats> compute(RasterReader reader) throws IOException {
        return compute(reader, reader.info().nodata());
    }

    /** Statistics of every band, excluding {@code nodata.get(band)} (null: no nodata) and NaN. */
    public static List<BandStats> compute(RasterReader reader, List<Double> nodata) throws IOException {
        RasterInfo info = reader.info();
        int bands = info.bandCount();
        double[] min = new double[bands];
        double[] max = new double[bands];
        double[] sum = new double[bands];
        double[] compensation = new double[bands];
        long[] count = new long[bands];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        int rows = windowRows(info);
        for (int y = 0; y < info.height(); y += rows) {
            int h = Math.min(rows, info.height() - y);
            double[][] data = reader.read(0, y, info.width(), h);
            for (int b = 0; b < bands; b++) {
                double nd = nodataOf(nodata, b);
                double s = sum[b];
                double c = compensation[b];
                double lo = min[b];
                double hi = max[b];
                long n = count[b];
                for (double v : data[b]) {
                    if (v != v || v == nd) {
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
        }
        double[] mean = new double[bands];
        Histogram[] histograms = new Histogram[bands];
        for (int b = 0; b < bands; b++) {
            mean[b] = count[b] == 0 ? Double.NaN : sum[b] / count[b];
            histograms[b] = count[b] == 0 ? null : new Histogram(Math.floor(min[b]), Math.ceil(max[b]));
        }
        double[] squares = new double[bands];
        boolean anyData = java.util.Arrays.stream(count).anyMatch(n -> n > 0);
        for (int y = 0; anyData && y < info.height(); y += rows) {
            int h = Math.min(rows, info.height() - y);
            double[][] data = reader.read(0, y, info.width(), h);
            for (int b = 0; b < bands; b++) {
                if (count[b] == 0) {
                    continue;
                }
                double nd = nodataOf(nodata, b);
                double m = mean[b];
                double sq = squares[b];
                Histogram hist = histograms[b];
                for (double v : data[b]) {
                    if (v != v || v == nd) {
                        continue;
                    }
                    double d = v - m;
                    sq += d * d;
                    hist.add(v);
                }
                squares[b] = sq;
            }
        }
        List<BandStats> out = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            Double nd = nodata.get(b);
            if (count[b] == 0) {
                out.add(new BandStats(b, nd, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new long[0],
                        new double[0], 0));
            } else {
                out.add(new BandStats(b, nd, min[b], max[b], mean[b], Math.sqrt(squares[b] / count[b]),
                        histograms[b].counts(), histograms[b].edges(), count[b]));
            }
        }
        return out;
    }

    /** NaN when there is no nodata: {@code v == NaN} is never true, so the test in the loop stays one compare. */
    private static double nodataOf(List<Double> nodata, int band) {
        Double nd = nodata.get(band);
        return nd == null ? Double.NaN : nd;
    }

    /** Whole block rows, as many as fit in the window budget, so that every block is decoded once per pass. */
    private static int windowRows(RasterInfo info) {
        long rowSamples = (long) info.width() * info.bandCount();
        int blockRows = Math.max(1, info.blockHeight());
        long rows = Math.max(1, WINDOW_SAMPLES / rowSamples / blockRows) * blockRows;
        return (int) Math.min(rows, info.height());
    }
}
