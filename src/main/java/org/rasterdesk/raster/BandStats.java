package org.rasterdesk.raster;

/**
 * Exact statistics of one band over its valid (non-nodata, non-NaN) pixels, as django-raster stores them per
 * band: min, max, mean, population standard deviation, and a 100-bin histogram whose 101 edges span
 * floor(min)..ceil(max) (numpy.histogram semantics: bins half-open, the last one closed).
 * A band without any valid pixel has {@code validCount == 0}, NaN for min, max, mean and std, and empty
 * histogram arrays: there is nothing to describe, and a made-up range would look like data.
 *
 * @param band       0-based band index
 * @param nodata     the nodata value the statistics excluded, or null
 * @param histValues 100 counts (empty without valid pixels)
 * @param histBins   101 bin edges (empty without valid pixels)
 */
public record BandStats(int band, Double nodata, double min, double max, double mean, double std,
                        long[] histValues, double[] histBins, long validCount) {

    public boolean hasData() {
        return validCount > 0;
    }
}
