package org.rasterdesk.parse;

import org.rasterdesk.layer.DataType;
import org.rasterdesk.tiling.Resampling;

/**
 * Choices of a parse that django-raster's layer table has no column for.
 *
 * @param resampling how tiles are resampled at max zoom; null for the datatype's default
 */
public record ParseOptions(Resampling resampling) {

    public static ParseOptions defaults() {
        return new ParseOptions(null);
    }

    /**
     * Nearest neighbour for discrete data, whose values are classes that must not be blended; bilinear for
     * continuous data, where nearest neighbour shows blocky steps at zooms finer than the data.
     */
    public Resampling resamplingFor(DataType datatype) {
        if (datatype.isDiscrete()) {
            return Resampling.NEAREST;
        }
        return resampling != null ? resampling : Resampling.BILINEAR;
    }
}
