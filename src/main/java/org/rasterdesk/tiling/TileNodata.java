package org.rasterdesk.tiling;

import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

/**
 * The nodata value of tiles judged from a band's min and max only: the type's lowest value (for Float32/64 the most
 * negative finite value rather than NaN, which many PostGIS functions and clients handle poorly), else its highest.
 * A parse chooses with the exact values of the data instead ({@link TileFormat}); this serves rasters whose nodata is
 * known (the reprojected copy) and tests.
 */
public final class TileNodata {

    private TileNodata() {
    }

    /**
     * @param sourceNodata the band's nodata (null without one): it is kept
     * @param min          the band's smallest valid value, or NaN when unknown
     * @param max          the band's largest valid value, or NaN when unknown
     */
    public static double choose(PixelType type, Double sourceNodata, double min, double max) {
        if (sourceNodata != null) {
            return sourceNodata;
        }
        if (Double.isNaN(min) || min > type.min()) {
            return type.min();
        }
        if (Double.isNaN(max) || max < type.max()) {
            return type.max();
        }
        return type.min();
    }

    /** Per band, without statistics. */
    public static double[] forRaster(RasterInfo info) {
        double[] nodata = new double[info.bandCount()];
        for (int b = 0; b < nodata.length; b++) {
            nodata[b] = choose(info.pixelType(), info.nodata(b), Double.NaN, Double.NaN);
        }
        return nodata;
    }
}
