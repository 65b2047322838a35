package org.rasterdesk.raster;

import java.io.IOException;
import org.rasterdesk.raster.tiff.Ifd;

/** Reads the geotransform from ModelTransformation or ModelTiepoint + ModelPixelScale, as GDAL does. */
final class GeoTransforms {

    private static final int MODEL_PIXEL_SCALE = 33550;
    private static final int MODEL_TIEPOINT = 33922;
    private static final int MODEL_TRANSFORMATION = 34264;

    private GeoTransforms() {
    }

    /** GDAL's default for an image without georeferencing: pixel coordinates, y down. */
    static final GeoTransform IDENTITY = new GeoTransform(0, 1, 0, 0, 0, 1);

    static GeoTransform read(Ifd ifd, GeoKeys keys, String name) throws IOException {
        GeoTransform gt = IDENTITY;
        double[] m = ifd.doubles(MODEL_TRANSFORMATION);
        double[] tie = ifd.doubles(MODEL_TIEPOINT);
        double[] scale = ifd.doubles(MODEL_PIXEL_SCALE);
        if (m != null && m.length >= 16) {
            gt = new GeoTransform(m[3], m[0], m[1], m[7], m[4], m[5]);
        } else if (tie != null && tie.length >= 6 && tie.length < 12 && scale != null && scale.length >= 2) {
            gt = new GeoTransform(tie[3] - tie[0] * scale[0], scale[0], 0,
                    tie[4] + tie[1] * scale[1], 0, -scale[1]);
        } else if (tie != null && tie.length >= 6) {
            // Tie points without a pixel scale are ground control points (GDAL reads them so): the image is not
            // on a grid of its CRS until something fits a transformation through them.
            throw new IOException(name + " is georeferenced only by " + tie.length / 6 + " ground control "
                    + "point(s), which RasterDesk cannot warp; warp it onto its CRS first (gdalwarp -t_srs EPSG:CODE "
                    + name + " warped.tif)");
        } else {
            return gt;
        }
        if (keys.integer(GeoKeys.RASTER_TYPE, 1) == GeoKeys.RASTER_PIXEL_IS_POINT) {
            // The tie point is a pixel centre; GDAL moves the origin to the corner by half a pixel.
            gt = new GeoTransform(gt.originX() - 0.5 * gt.scaleX() - 0.5 * gt.skewX(), gt.scaleX(), gt.skewX(),
                    gt.originY() - 0.5 * gt.skewY() - 0.5 * gt.scaleY(), gt.skewY(), gt.scaleY());
        }
        return gt;
    }
}
