package org.rasterdesk.render;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rasterdesk.tiling.TileData;

/**
 * A rendered 256×256 tile: non-premultiplied ARGB pixels row by row from the north-west corner, and how many pixels
 * each legend entry matched, in entry order (django-raster reports these per tile).
 */
public record TileImage(int[] argb, Map<String, Integer> counts) {

    public static final int SIZE = TileData.SIZE;

    public TileImage {
        if (argb.length != SIZE * SIZE) {
            throw new IllegalArgumentException("a tile image has " + SIZE * SIZE + " pixels, not " + argb.length);
        }
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** A fully transparent tile, for places without data. */
    public static TileImage transparent() {
        return new TileImage(new int[SIZE * SIZE], Map.of());
    }

    public int pixel(int col, int row) {
        return argb[row * SIZE + col];
    }
}
