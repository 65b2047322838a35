package org.rasterdesk.tiling;

import org.rasterdesk.raster.pixel.PixelType;

/**
 * Fits an interpolated value into a band's pixel type: integers are rounded half up and clamped to the type's
 * range (as gdalwarp does), Float32 is rounded to float. A valid value that lands on the nodata value by
 * arithmetic is moved off it by one step so that it does not vanish (gdalwarp 3.6 lets it become nodata).
 */
final class SampleFitter {

    private final PixelType type;
    private final double nodata;

    SampleFitter(PixelType type, double nodata) {
        this.type = type;
        this.nodata = nodata;
    }

    double fit(double value) {
        double v;
        if (type.isFloatingPoint()) {
            v = type == PixelType.FLOAT32 ? (float) value : value;
        } else {
            v = Math.max(type.min(), Math.min(type.max(), Math.floor(value + 0.5)));
        }
        if (v == nodata) {
            v = offNodata(v);
        }
        return v;
    }

    private double offNodata(double v) {
        if (type.isFloatingPoint()) {
            return type == PixelType.FLOAT32 ? Math.nextUp((float) v) : Math.nextUp(v);
        }
        return v < type.max() ? v + 1 : v - 1;
    }
}
