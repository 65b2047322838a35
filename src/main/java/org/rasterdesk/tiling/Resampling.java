package org.rasterdesk.tiling;

/** How a tile pixel takes its value from the source pixels around the point it maps to. */
public enum Resampling {
    /** The source pixel that holds the point (GDAL's {@code -r near}); the only choice for discrete data. */
    NEAREST(1),
    /** 2×2 source pixels weighted by distance (GDAL's {@code -r bilinear}). */
    BILINEAR(2),
    /** 4×4 source pixels, Keys' cubic convolution with a = -0.5 (GDAL's {@code -r cubic}). */
    CUBIC(3),
    /** The area-weighted mean of the source pixels the tile pixel covers (GDAL's {@code -r average}). */
    AVERAGE(2);

    private final int margin;

    Resampling(int margin) {
        this.margin = margin;
    }

    /** Source pixels needed around the mapped point's pixel, beyond the point itself. */
    int margin() {
        return margin;
    }
}
