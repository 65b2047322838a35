package org.rasterdesk.tiling;

import org.apache.sis.referencing.operation.matrix.Matrices;
import org.apache.sis.referencing.operation.transform.AbstractMathTransform2D;
import org.opengis.referencing.operation.Matrix;

/**
 * Brings longitudes (the first coordinate, in degrees) into the 360° around a centre: the longitudes a raster
 * across the antimeridian or in 0…360° uses, where web mercator's are −180…180°. GDAL does the same for a
 * geographic source (its CENTER_LONG), and PROJ for projected ones (it brings λ − λ0 into ±180°).
 */
final class LongitudeWrap extends AbstractMathTransform2D {

    private final double west;

    /** @param centre the longitude the result is centred on: results lie in [centre − 180, centre + 180) */
    LongitudeWrap(double centre) {
        this.west = centre - 180;
    }

    @Override
    public Matrix transform(double[] srcPts, int srcOff, double[] dstPts, int dstOff, boolean derivate) {
        double lon = srcPts[srcOff];
        double lat = srcPts[srcOff + 1];
        if (dstPts != null) {
            dstPts[dstOff] = lon - 360 * Math.floor((lon - west) / 360);
            dstPts[dstOff + 1] = lat;
        }
        return derivate ? Matrices.createIdentity(2) : null;
    }
}
