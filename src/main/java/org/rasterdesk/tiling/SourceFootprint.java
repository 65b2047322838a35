package org.rasterdesk.tiling;

import java.util.ArrayList;
import java.util.List;

/**
 * The extent in EPSG:3857 of a source raster. The boundary is densified before it is transformed because
 * projected edges are curves; latitudes past ±85.0511° are clipped to the square world; a raster that holds a
 * pole (polar stereographic) spans every longitude and reaches the world's edge on that side.
 */
public final class SourceFootprint {

    /** Points per edge of the raster boundary. */
    private static final int DENSITY = 256;

    private SourceFootprint() {
    }

    /** The extent, or null when no point of the raster can be placed on the earth. */
    public static Extent of(SourceProjection projection) {
        List<Extent> parts = parts(projection);
        if (parts.isEmpty()) {
            return null;
        }
        Extent e = parts.get(0);
        for (Extent p : parts) {
            e = new Extent(Math.min(e.minX(), p.minX()), Math.min(e.minY(), p.minY()), Math.max(e.maxX(), p.maxX()),
                    Math.max(e.maxY(), p.maxY()));
        }
        return e;
    }

    /**
     * The extent in one part, or in two for a raster across the antimeridian (the part east of 180° lands at the
     * west edge of the world, as web mercator's longitudes end at ±180°); empty when no point of the raster can be
     * placed on the earth.
     */
    public static List<Extent> parts(SourceProjection projection) {
        int w = projection.info().width();
        int h = projection.info().height();
        double[] xy = new double[8 * DENSITY];
        int n = 0;
        for (int i = 0; i < DENSITY; i++) {
            double t = (double) i / DENSITY;
            n = put(xy, n, t * w, 0);
            n = put(xy, n, w, t * h);
            n = put(xy, n, w - t * w, h);
            n = put(xy, n, 0, h - t * h);
        }
        new PointTransform(projection.pixelToGeographic()).transform(xy, n);
        double minLon = Double.POSITIVE_INFINITY;
        double maxLon = Double.NEGATIVE_INFINITY;
        double minLat = Double.POSITIVE_INFINITY;
        double maxLat = Double.NEGATIVE_INFINITY;
        double previousLon = Double.NaN;
        boolean crossesAntimeridian = false;
        for (int i = 0; i < n; i++) {
            double lon = xy[2 * i];
            double lat = xy[2 * i + 1];
            if (!Double.isFinite(lon) || !Double.isFinite(lat)) {
                continue;
            }
            if (Math.abs(lon - previousLon) > 180) {
                crossesAntimeridian = true;
            }
            previousLon = lon;
            minLon = Math.min(minLon, lon);
            maxLon = Math.max(maxLon, lon);
            minLat = Math.min(minLat, lat);
            maxLat = Math.max(maxLat, lat);
        }
        if (minLon > maxLon) {
            return List.of();
        }
        boolean north = holds(projection, 90);
        boolean south = holds(projection, -90);
        if (north) {
            maxLat = 90;
        }
        if (south) {
            minLat = -90;
        }
        if (north || south || crossesAntimeridian || maxLon - minLon >= 360) {
            // The boundary's longitudes no longer bound the raster: take every longitude.
            minLon = -180;
            maxLon = 180;
        } else if (minLon < -180 || maxLon > 180) {
            // Longitudes past ±180° (a grid in 0..360°, a raster across the antimeridian): the same range moved to
            // start within ±180°, and what then lies past 180° again at the west edge of the world.
            double shift = 360 * Math.floor((minLon + 180) / 360);
            minLon -= shift;
            maxLon -= shift;
            if (maxLon > 180) {
                List<Extent> parts = new ArrayList<>();
                add(parts, minLon, 180, minLat, maxLat);
                add(parts, -180, maxLon - 360, minLat, maxLat);
                return parts;
            }
        }
        List<Extent> parts = new ArrayList<>();
        add(parts, minLon, maxLon, minLat, maxLat);
        return parts;
    }

    private static void add(List<Extent> parts, double west, double east, double south, double north) {
        Extent extent = new Extent(WebMercator.longitudeToX(Math.max(-180, west)), WebMercator.latitudeToY(south),
                WebMercator.longitudeToX(Math.min(180, east)), WebMercator.latitudeToY(north));
        if (!extent.isEmpty()) {
            parts.add(extent);
        }
    }

    private static boolean holds(SourceProjection projection, double latitude) {
        double[] pole = {0, latitude};
        new PointTransform(projection.geographicToPixel()).transform(pole, 1);
        return pole[0] >= 0 && pole[1] >= 0 && pole[0] <= projection.info().width()
                && pole[1] <= projection.info().height();
    }

    private static int put(double[] xy, int n, double x, double y) {
        xy[2 * n] = x;
        xy[2 * n + 1] = y;
        return n + 1;
    }
}
