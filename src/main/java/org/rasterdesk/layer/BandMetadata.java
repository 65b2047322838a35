package org.rasterdesk.layer;

import java.util.Arrays;
import java.util.Objects;

/**
 * Statistics of one band of a layer's source raster (raster_rasterlayerbandmetadata), nodata excluded.
 *
 * @param band        0-based band index
 * @param histValues  the counts of the histogram's bins (100 in django-raster)
 * @param histBins    the bin edges, one more than the counts
 */
public record BandMetadata(int layerId, int band, Double nodataValue, double min, double max, Double mean,
                           Double std, long[] histValues, double[] histBins) {

    /** The number of histogram bins django-raster uses. */
    public static final int HISTOGRAM_BINS = 100;

    public BandMetadata {
        if (band < 0) {
            throw new IllegalArgumentException("band index must be >= 0: " + band);
        }
        Objects.requireNonNull(histValues, "histValues");
        Objects.requireNonNull(histBins, "histBins");
    }

    /**
     * Band statistics with the empty histogram django-raster stores when it first saves a band: zero counts over
     * 100 equal bins from floor(min) to ceil(max), computed as numpy.histogram does.
     */
    public static BandMetadata of(int layerId, int band, Double nodataValue, double min, double max, Double mean,
                                  Double std) {
        return new BandMetadata(layerId, band, nodataValue, min, max, mean, std, new long[HISTOGRAM_BINS],
                histogramEdges(Math.floor(min), Math.ceil(max), HISTOGRAM_BINS));
    }

    /**
     * Bin edges as numpy.histogram makes them: an empty range widens to ±0.5, then numpy.linspace
     * (start + i·step, the last edge exactly the stop).
     */
    public static double[] histogramEdges(double first, double last, int bins) {
        if (first > last) {
            throw new IllegalArgumentException("histogram range is reversed: " + first + " > " + last);
        }
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        double[] edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int i = 0; i < bins; i++) {
            edges[i] = i * step + first;
        }
        edges[bins] = last;
        return edges;
    }

    public BandMetadata withHistogram(long[] values, double[] bins) {
        return new BandMetadata(layerId, band, nodataValue, min, max, mean, std, values, bins);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandMetadata other && layerId == other.layerId && band == other.band
                && Objects.equals(nodataValue, other.nodataValue) && Double.compare(min, other.min) == 0
                && Double.compare(max, other.max) == 0 && Objects.equals(mean, other.mean)
                && Objects.equals(std, other.std) && Arrays.equals(histValues, other.histValues)
                && Arrays.equals(histBins, other.histBins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layerId, band, nodataValue, min, max, mean, std, Arrays.hashCode(histValues),
                Arrays.hashCode(histBins));
    }

    @Override
    public String toString() {
        return "BandMetadata[layer " + layerId + ", band " + band + ", nodata " + nodataValue + ", min " + min
                + ", max " + max + ", mean " + mean + ", std " + std + ", hist " + Arrays.toString(histValues)
                + " over " + Arrays.toString(histBins) + "]";
    }
}
