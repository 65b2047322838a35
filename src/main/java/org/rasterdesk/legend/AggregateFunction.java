package org.rasterdesk.legend;

import java.util.Arrays;

/**
 * django-raster's one-argument min, max, mean, median, std and sum: numpy reductions over the whole array, so in a
 * legend they summarise the tile being drawn (no-data pixels left out, as numpy's masked arrays leave them out).
 */
enum AggregateFunction {
    MIN, MAX, MEAN, MEDIAN, STD, SUM;

    /** The reduction of the first n values; NaN when n is 0 (numpy gives a masked result). */
    double reduce(double[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        switch (this) {
            case MIN: {
                double m = Double.POSITIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    m = Math.min(m, values[i]);
                }
                return m;
            }
            case MAX: {
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    m = Math.max(m, values[i]);
                }
                return m;
            }
            case SUM:
                return sum(values, n);
            case MEAN:
                return sum(values, n) / n;
            case STD: {
                // numpy.std: population deviation (ddof = 0), two passes for accuracy.
                double mean = sum(values, n) / n;
                double squares = 0;
                for (int i = 0; i < n; i++) {
                    double d = values[i] - mean;
                    squares += d * d;
                }
                return Math.sqrt(squares / n);
            }
            case MEDIAN: {
                double[] sorted = Arrays.copyOf(values, n);
                Arrays.sort(sorted);
                return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            }
            default:
                throw new AssertionError(this);
        }
    }

    private static double sum(double[] values, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += values[i];
        }
        return s;
    }
}
