package org.rasterdesk.tiling.wkb;

import java.util.Arrays;
import java.util.Objects;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * One band of a PostGIS raster: its pixel type, nodata value and samples in row-major order.
 *
 * @param nodata     the band's nodata value, or null when the band has none (NaN is a valid nodata value)
 * @param allNodata  the WKB "isNodataValue" flag as read (every pixel is nodata); the encoder ignores this field
 *                   and derives the flag from the samples
 * @param samples    width × height values, indexed [row * width + col]
 */
public record WkbBand(PixelType pixelType, Double nodata, boolean allNodata, double[] samples) {

    public WkbBand {
        Objects.requireNonNull(pixelType, "pixelType");
        Objects.requireNonNull(samples, "samples");
    }

    public WkbBand(PixelType pixelType, Double nodata, double[] samples) {
        this(pixelType, nodata, false, samples);
    }

    public boolean hasNodata() {
        return nodata != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WkbBand other && pixelType == other.pixelType && Objects.equals(nodata, other.nodata)
                && allNodata == other.allNodata && Arrays.equals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pixelType, nodata, allNodata, Arrays.hashCode(samples));
    }

    @Override
    public String toString() {
        return "WkbBand[" + pixelType + ", nodata=" + nodata + ", allNodata=" + allNodata + ", "
                + samples.length + " samples]";
    }
}
