package org.rasterdesk.raster;

import java.util.List;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * What a raster file says about itself: grid size, bands, sample type, georeferencing and nodata.
 *
 * @param crs      the coordinate reference system, or null when the file has none
 * @param srid     the EPSG code of the CRS when it has one, else null
 * @param srsWkt   the CRS as WKT (null without CRS)
 * @param nodata   per band the nodata value, or null for a band without one (NaN is a valid nodata value)
 */
public record RasterInfo(int width, int height, int bandCount, PixelType pixelType, GeoTransform geoTransform,
                         CoordinateReferenceSystem crs, Integer srid, String srsWkt, List<Double> nodata,
                         int blockWidth, int blockHeight) {

    public RasterInfo {
        nodata = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(nodata));
        if (nodata.size() != bandCount) {
            throw new IllegalArgumentException("nodata must have one entry per band");
        }
    }

    public Double nodata(int band) {
        return nodata.get(band);
    }

    /** Whether a sample of the band is nodata (NaN samples always are). */
    public boolean isNodata(int band, double value) {
        if (Double.isNaN(value)) {
            return true;
        }
        Double nd = nodata.get(band);
        return nd != null && nd == value;
    }
}
