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
 * @param usedValues for 8- and 16-bit integer bands, which values occur (bit {@code v - type.min()}), from the
 *                   exact count of every value; null for other types, whose used values are not known
 */
public record BandStats(int band, Double nodata, double min, double max, double mean, double std,
                        long[] histValues, double[] histBins, long validCount, java.util.BitSet usedValues) {

    /** Statistics without the set of used values (types that are not counted value by value). */
    public BandStats(int band, Double nodata, double min, double max, double mean, double std, long[] histValues,
                     double[] histBins, long validCount) {
        this(band, nodata, min, max, mean, std, histValues, histBins, validCount, null);
    }

    public boolean hasData() {
        return validCount > 0;
    }
}
