package org.rasterdesk.tiling;

/**
 * The EPSG:3857 tile grid of django-raster: 256-pixel tiles, XYZ numbering with y = 0 at the north edge.
 */
public final class WebMercator {

    /** Circumference of the WGS 84 equator, the width of the square world in EPSG:3857 metres. */
    public static final double WORLD_SIZE = 2 * Math.PI * 6378137;
    /** Half the world size: EPSG:3857 x and y run from -SHIFT to +SHIFT. */
    public static final double SHIFT = WORLD_SIZE / 2;
    /** The latitude where EPSG:3857 y reaches SHIFT, so that the world is a square. */
    public static final double MAX_LATITUDE = Math.toDegrees(Math.atan(Math.sinh(Math.PI)));
    public static final Extent WORLD = new Extent(-SHIFT, -SHIFT, SHIFT, SHIFT);

    private WebMercator() {
    }

    public static double tileSpan(int z) {
        return WORLD_SIZE / (1L << z);
    }

    public static double pixelSize(int z) {
        return tileSpan(z) / TileData.SIZE;
    }

    public static Extent tileBounds(TileKey key) {
        double span = tileSpan(key.z());
        double minX = key.x() * span - SHIFT;
        double maxY = SHIFT - key.y() * span;
        return new Extent(minX, maxY - span, minX + span, maxY);
    }

    /** Column of the tile holding x at zoom z, clamped to the grid. */
    public static int tileX(int z, double x) {
        return clamp(z, (long) Math.floor((x + SHIFT) / tileSpan(z)));
    }

    /** Row of the tile holding y at zoom z, clamped to the grid. */
    public static int tileY(int z, double y) {
        return clamp(z, (long) Math.floor((SHIFT - y) / tileSpan(z)));
    }

    /**
     * The tiles that intersect an extent. Tiles that only touch the extent along an edge are left out, so that
     * an extent aligned to the grid does not drag in a row of empty neighbours.
     */
    public static TileRange tilesCovering(int z, Extent extent) {
        Extent e = extent.intersection(WORLD);
        if (e.isEmpty()) {
            return null;
        }
        double span = tileSpan(z);
        int minX = tileX(z, e.minX());
        int maxX = clamp(z, (long) Math.ceil((e.maxX() + SHIFT) / span) - 1);
        int minY = tileY(z, e.maxY());
        int maxY = clamp(z, (long) Math.ceil((SHIFT - e.minY()) / span) - 1);
        return new TileRange(z, Math.min(minX, maxX), Math.min(minY, maxY), maxX, maxY);
    }

    /** Web mercator y of a latitude in degrees, clipped to the square world. */
    public static double latitudeToY(double latitude) {
        double lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, latitude));
        return 6378137 * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2));
    }

    public static double longitudeToX(double longitude) {
        return 6378137 * Math.toRadians(longitude);
    }

    private static int clamp(int z, long v) {
        long n = 1L << z;
        return (int) Math.max(0, Math.min(n - 1, v));
    }
}
