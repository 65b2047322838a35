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
    private final String datumShift;

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
        double det = info.geoTransform().determinant();
        if (!(Math.abs(det) > 0) || !Double.isFinite(det)) {
            throw new IllegalArgumentException("The raster's georeferencing is degenerate (its pixels have no area), "
                    + "so it cannot be placed on the map");
        }
        this.info = info;
        this.crs = rightHanded(given);
        CoordinateReferenceSystem geographic = ReferencingCache.named("WGS84 normalized geographic",
                CommonCRS.WGS84::normalizedGeographic);
        MathTransform pixelToCrs = affine(info.geoTransform());
        MathTransform crsToPixel = affine(info.geoTransform().inverse());
        // The datum shift as GDAL and PROJ choose it: the best one for the raster's own area (see DatumShift). It
        // depends on the raster's extent, so SIS's answer is kept under the georeferencing that makes that extent.
        Object[] toMercatorShift = datumShift(info, this.crs, Mercator.crs());
        MathTransform toMercator = (MathTransform) toMercatorShift[0];
        this.datumShift = (String) toMercatorShift[1];
        MathTransform toGeographic = (MathTransform) datumShift(info, this.crs, geographic)[0];
        try {
            pixelToGeographic = MathTransforms.concatenate(pixelToCrs, toGeographic);
            geographicToPixel = pixelToGeographic.inverse();
            Double centre = centreLongitude(info, pixelToGeographic);
            if (centre == null) {
                mercatorToPixel = MathTransforms.concatenate(toMercator.inverse(), crsToPixel);
            } else {
                // Web mercator's longitudes are -180..180; the raster's lie around its centre (0..360, 170..190).
                MathTransform mercatorToGeographic = ReferencingCache.transform(Mercator.crs(), geographic);
                mercatorToPixel = MathTransforms.concatenate(MathTransforms.concatenate(mercatorToGeographic,
                        new LongitudeWrap(centre)), geographicToPixel);
            }
            pixelToMercator = MathTransforms.concatenate(pixelToCrs, toMercator);
        } catch (org.opengis.referencing.operation.NoninvertibleTransformException e) {
            throw new IllegalArgumentException("The raster's CRS cannot be inverted: " + e.getMessage(), e);
        }
    }

    /**
     * {transform, description} of {@link DatumShift} from {@code source} to {@code target} over the raster's area,
     * computed from SIS's exact objects or read from the cache of its answers.
     */
    private static Object[] datumShift(RasterInfo info, CoordinateReferenceSystem source,
                                       CoordinateReferenceSystem target) throws FactoryException {
        GeoTransform g = info.geoTransform();
        String area = "datum shift over " + info.width() + "x" + info.height() + " pixels of " + g.scaleX() + " "
                + g.skewX() + " " + g.originX() + " " + g.skewY() + " " + g.scaleY() + " " + g.originY();
        return ReferencingCache.computed(area, java.util.List.of(source, target), exact -> {
            DatumShift shift = DatumShift.of(info, exact[0]);
            MathTransform transform = shift.transform(exact[0], exact[1]);
            return new Object[] {transform, shift.description()};
        });
    }

    /**
     * The longitude of the raster's centre when some of its longitudes lie outside -180..180 (a grid in 0..360°,
     * a raster across the antimeridian), else null: such a raster needs web mercator's longitudes brought around
     * its own. Its edges are sampled, as a projected raster's longitudes grow along them.
     */
    private static Double centreLongitude(RasterInfo info, MathTransform pixelToGeographic) {
        int steps = 64;
        double[] xy = new double[8 * steps + 2];
        int n = 0;
        for (int i = 0; i < steps; i++) {
            double t = (double) i / steps;
            double[][] points = {{t * info.width(), 0}, {info.width(), t * info.height()},
                {info.width() - t * info.width(), info.height()}, {0, info.height() - t * info.height()}};
            for (double[] p : points) {
                xy[2 * n] = p[0];
                xy[2 * n + 1] = p[1];
                n++;
            }
        }
        xy[2 * n] = info.width() / 2.0;
        xy[2 * n + 1] = info.height() / 2.0;
        n++;
        new PointTransform(pixelToGeographic).transform(xy, n);
        boolean outside = false;
        for (int i = 0; i < n; i++) {
            outside |= Math.abs(xy[2 * i]) > 180 + 1e-9;
        }
        double centre = xy[2 * (n - 1)];
        return outside && Double.isFinite(centre) ? centre : null;
    }

    public RasterInfo info() {
        return info;
    }

    /**
     * The datum shift between the raster's CRS and web mercator's WGS 84 — the transformation's name, EPSG code and
     * accuracy — or null when the raster is on WGS 84 already.
     */
    public String datumShift() {
        return datumShift;
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
