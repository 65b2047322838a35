package org.rasterdesk.raster;

import java.nio.file.Path;
import org.apache.sis.coverage.grid.GridGeometry;
import org.apache.sis.io.wkt.Convention;
import org.apache.sis.io.wkt.WKTFormat;
import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.crs.AbstractCRS;
import org.apache.sis.referencing.cs.AxesConvention;
import org.apache.sis.storage.Aggregate;
import org.apache.sis.storage.DataStore;
import org.apache.sis.storage.DataStores;
import org.apache.sis.storage.GridCoverageResource;
import org.apache.sis.storage.Resource;
import org.opengis.referencing.ReferenceIdentifier;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.cs.AxisDirection;

/**
 * Turns a GeoTIFF's GeoKeys into an Apache SIS CRS, its EPSG code and WKT. An EPSG code in the keys is looked
 * up directly; a CRS defined by its parameters only is built by SIS's GeoTIFF reader.
 */
final class CrsResolver {

    /** The CRS in the geotransform's axis order, its EPSG code (or null) and its WKT 1. */
    record Resolved(CoordinateReferenceSystem crs, Integer srid, String wkt) { }

    private static final System.Logger LOG = System.getLogger(CrsResolver.class.getName());

    private CrsResolver() {
    }

    /**
     * Resolves the file's CRS. A CRS that neither the EPSG database nor SIS's GeoTIFF reader can build is reported
     * as no CRS (and logged): the file's pixels stay readable, and the user can name the SRID, as for a file
     * without any CRS.
     */
    static Resolved resolve(Path file, GeoKeys keys) {
        if (keys.isEmpty()) {
            return new Resolved(null, null, null);
        }
        int code = keys.epsgCode();
        CoordinateReferenceSystem crs = null;
        Integer srid = null;
        Exception failure = null;
        if (code != 0) {
            try {
                return forCode(code);
            } catch (Exception e) {
                failure = e;
            }
        }
        if (crs == null) {
            try {
                crs = fromSis(file);
                srid = crs == null ? null : declaredEpsgCode(crs);
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (crs == null) {
            if (failure != null) {
                LOG.log(System.Logger.Level.WARNING, file.getFileName() + ": its coordinate reference system"
                        + (code != 0 ? " EPSG:" + code : "") + " cannot be understood (" + failure.getMessage()
                        + "); reading it as a file without CRS");
            }
            return new Resolved(null, null, null);
        }
        return new Resolved(eastingFirst(crs), srid, wkt(crs));
    }

    /**
     * The EPSG code the CRS itself declares. A search of the EPSG database for an equivalent CRS
     * ({@code IdentifiedObjects.lookupEPSG}) took up to a minute here, and GDAL reports no code in that case either.
     */
    private static Integer declaredEpsgCode(CoordinateReferenceSystem crs) {
        for (ReferenceIdentifier id : crs.getIdentifiers()) {
            if ("EPSG".equalsIgnoreCase(id.getCodeSpace())) {
                try {
                    return Integer.valueOf(id.getCode());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A CRS read by another store or from a side file, with its declared EPSG code and its WKT. */
    static Resolved of(CoordinateReferenceSystem crs) {
        return new Resolved(eastingFirst(crs), declaredEpsgCode(crs), wkt(crs));
    }

    /** The CRS of an EPSG code given by the user (a layer's SRID), in the geotransform's axis order. */
    static Resolved forEpsg(int srid) throws java.io.IOException {
        try {
            return forCode(srid);
        } catch (org.opengis.referencing.NoSuchAuthorityCodeException e) {
            throw new java.io.IOException("EPSG:" + srid + " is not a coordinate reference system of the EPSG "
                    + "database: check the layer's SRID", e);
        } catch (Exception e) {
            throw new java.io.IOException("The SRID " + srid + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** An EPSG code's CRS, easting first, and its WKT 1, through the cache of SIS's answers. */
    private static Resolved forCode(int code) throws org.opengis.util.FactoryException {
        CoordinateReferenceSystem crs = ReferencingCache.epsg(code);
        return new Resolved(ReferencingCache.derive(crs, "east-first", CrsResolver::eastingFirst), code,
                ReferencingCache.describe(crs, "WKT 1", CrsResolver::wkt));
    }

    private static CoordinateReferenceSystem fromSis(Path file) throws Exception {
        try (DataStore store = DataStores.open(file)) {
            GridCoverageResource image = firstImage(store);
            if (image == null) {
                return null;
            }
            GridGeometry grid = image.getGridGeometry();
            if (!grid.isDefined(GridGeometry.CRS)) {
                return null;
            }
            CoordinateReferenceSystem crs = grid.getCoordinateReferenceSystem();
            CoordinateReferenceSystem horizontal = CRS.getHorizontalComponent(crs);
            return horizontal != null ? horizontal : crs;
        }
    }

    private static GridCoverageResource firstImage(Resource resource) throws Exception {
        if (resource instanceof GridCoverageResource image) {
            return image;
        }
        if (resource instanceof Aggregate aggregate) {
            for (Resource child : aggregate.components()) {
                GridCoverageResource image = firstImage(child);
                if (image != null) {
                    return image;
                }
            }
        }
        return null;
    }

    /** EPSG puts latitude (or northing) first for some CRSs; the geotransform's x is always the first axis. */
    private static CoordinateReferenceSystem eastingFirst(CoordinateReferenceSystem crs) {
        AxisDirection first = crs.getCoordinateSystem().getAxis(0).getDirection();
        if (first == AxisDirection.NORTH || first == AxisDirection.SOUTH) {
            return AbstractCRS.castOrCopy(crs).forConvention(AxesConvention.RIGHT_HANDED);
        }
        return crs;
    }

    /** WKT 1 as GDAL and PostGIS's spatial_ref_sys write it, so it can be stored next to django-raster's. */
    private static String wkt(CoordinateReferenceSystem crs) {
        WKTFormat format = new WKTFormat();
        format.setConvention(Convention.WKT1_COMMON_UNITS);
        format.setIndentation(WKTFormat.SINGLE_LINE);
        return format.format(crs);
    }
}
