package org.rasterdesk.tiling.wkb;

import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** The georeference of XYZ tiles in EPSG:3857, as django-raster computes it. */
final class WebMercatorTiles {

    static final int SRID = 3857;
    /** Circumference of the web mercator sphere, the width of the whole grid. */
    static final double WORLD_SIZE = 2 * Math.PI * 6378137;
    static final double SHIFT = WORLD_SIZE / 2;

    private WebMercatorTiles() {
    }

    static double span(int z) {
        return WORLD_SIZE / Math.pow(2, z);
    }

    static GeoTransform transform(TileKey key) {
        double span = span(key.z());
        double pixel = span / TileData.SIZE;
        return new GeoTransform(key.x() * span - SHIFT, pixel, 0, SHIFT - key.y() * span, 0, -pixel);
    }

    /** The tile whose bounds the raster covers, within a millionth of a pixel. */
    static TileKey keyOf(WkbRaster raster) {
        GeoTransform t = raster.geoTransform();
        if (raster.srid() != SRID || raster.width() != TileData.SIZE || raster.height() != TileData.SIZE
                || t.isRotated() || t.scaleX() <= 0 || t.scaleY() != -t.scaleX()) {
            throw new IllegalStateException("not an EPSG:3857 tile: srid " + raster.srid() + ", "
                    + raster.width() + "×" + raster.height() + ", transform "
                    + java.util.Arrays.toString(t.toArray()));
        }
        int z = (int) Math.round(Math.log(WORLD_SIZE / (t.scaleX() * TileData.SIZE)) / Math.log(2));
        double span = span(z);
        double x = (t.originX() + SHIFT) / span;
        double y = (SHIFT - t.originY()) / span;
        long ix = Math.round(x);
        long iy = Math.round(y);
        double tolerance = 1e-6 / TileData.SIZE;
        if (z < 0 || z > 30 || Math.abs(t.scaleX() * TileData.SIZE / span - 1) > tolerance
                || Math.abs(x - ix) > tolerance || Math.abs(y - iy) > tolerance) {
            throw new IllegalStateException("raster is not aligned on the tile grid: transform "
                    + java.util.Arrays.toString(t.toArray()));
        }
        return new TileKey(z, (int) ix, (int) iy);
    }
}
