package org.rasterdesk.tiling;

import org.apache.sis.referencing.CommonCRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.apache.sis.referencing.operation.matrix.Matrix3;
import org.apache.sis.referencing.operation.transform.MathTransforms;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.operation.MathTransform;
import org.opengis.util.FactoryException;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.ReferencingCache;

/**
 * How a source raster's pixel grid relates to EPSG:3857 and to longitude/latitude.
 * Geotransforms follow GDAL, whose x is always the easting or longitude, so the CRS is used with its axes in
 * that order whatever the EPSG database says (SIS's right-handed convention does what GDAL's traditional GIS
 * order does, also for the polar stereographic CRSs with "south along 45°E" axes).
 */
public final class SourceProjection {

    private final RasterInfo info;
    private final CoordinateReferenceSystem crs;
    private final MathTransform mercatorToPixel;
    private final MathTransform pixelToMercator;
    private final MathTransform pixelToGeographic;
    private final MathTransform geographicToPixel;

    /**
     * @param crs the source CRS, overriding the file's; null to use {@code info.crs()}
     * @throws FactoryException when no operation to EPSG:3857 is known
     */
    public SourceProjection(RasterInfo info, CoordinateReferenceSystem crs) throws FactoryException {
        CoordinateReferenceSystem given = crs != null ? crs : info.crs();
        if (given == null) {
            throw new IllegalArgumentException("The raster has no coordinate reference system; give an SRID");
        }
        if (info.geoTransform() == null) {
            throw new IllegalArgumentException("The raster has no geotransform");
        }
        this.info = info;
        this.crs = rightHanded(given);
        CoordinateReferenceSystem geographic = ReferencingCache.named("WGS84 normalized geographic",
                CommonCRS.WGS84::normalizedGeographic);
        MathTransform pixelToCrs = affine(info.geoTransform());
        MathTransform crsToPixel = affine(info.geoTransform().inverse());
        MathTransform fromMercator = ReferencingCache.transform(Mercator.crs(), this.crs);
        MathTransform toGeographic = ReferencingCache.transform(this.crs, geographic);
        try {
            mercatorToPixel = MathTransforms.concatenate(fromMercator, crsToPixel);
            pixelToMercator = mercatorToPixel.inverse();
            pixelToGeographic = MathTransforms.concatenate(pixelToCrs, toGeographic);
            geographicToPixel = pixelToGeographic.inverse();
        } catch (org.opengis.referencing.operation.NoninvertibleTransformException e) {
            throw new IllegalArgumentException("The raster's CRS cannot be inverted: " + e.getMessage(), e);
        }
    }

    public RasterInfo info() {
        return info;
    }

    /** The CRS, axes in GDAL's order. */
    public CoordinateReferenceSystem crs() {
        return crs;
    }

    /** EPSG:3857 (x, y) to source pixel (column, row); pixel (0, 0) is the upper left corner of the raster. */
    public MathTransform mercatorToPixel() {
        return mercatorToPixel;
    }

    public MathTransform pixelToMercator() {
        return pixelToMercator;
    }

    /** Source pixel to WGS 84 (longitude, latitude) in degrees. */
    public MathTransform pixelToGeographic() {
        return pixelToGeographic;
    }

    public MathTransform geographicToPixel() {
        return geographicToPixel;
    }

    /** EPSG:3857 with its axes in GDAL's order, looked up once per process. */
    public static CoordinateReferenceSystem mercator() throws FactoryException {
        return Mercator.crs();
    }

    /** The CRS with GDAL's axis order (see the class comment), known to the cache of SIS's answers. */
    private static CoordinateReferenceSystem rightHanded(CoordinateReferenceSystem crs) {
        return ReferencingCache.derive(crs, "right-handed",
                c -> AbstractCRS.castOrCopy(c).forConvention(AxesConvention.RIGHT_HANDED));
    }

    private static MathTransform affine(GeoTransform g) {
        return MathTransforms.linear(new Matrix3(
                g.scaleX(), g.skewX(), g.originX(),
                g.skewY(), g.scaleY(), g.originY(),
                0, 0, 1));
    }

    /** EPSG:3857, looked up once: the first look-up in the EPSG database takes seconds. */
    private static final class Mercator {
        private static volatile CoordinateReferenceSystem crs;

        static CoordinateReferenceSystem crs() throws FactoryException {
            CoordinateReferenceSystem c = crs;
            if (c == null) {
                c = rightHanded(ReferencingCache.epsg(3857));
                crs = c;
            }
            return c;
        }
    }
}
