package org.rasterdesk.tiling;

import org.rasterdesk.raster.pixel.PixelType;

/**
 * The samples of one 256×256 tile in EPSG:3857, every band, indexed [band][row * 256 + col].
 * Pixels outside the data hold the band's nodata value.
 *
 * @param nodata per band the nodata value written into the tile band (NaN allowed for floating point types)
 */
public record TileData(TileKey key, PixelType pixelType, double[] nodata, double[][] bands) {

    public static final int SIZE = 256;

    public int bandCount() {
        return bands.length;
    }

    public boolean isNodata(int band, double value) {
        return Double.isNaN(value) ? true : value == nodata[band];
    }

    /** Whether every pixel of every band is nodata. */
    public boolean isEmpty() {
        for (int b = 0; b < bands.length; b++) {
            double[] samples = bands[b];
            for (double v : samples) {
                if (!isNodata(b, v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
