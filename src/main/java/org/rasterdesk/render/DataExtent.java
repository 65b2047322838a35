package org.rasterdesk.render;

import java.util.Optional;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;

/**
 * Where a layer has data, in EPSG:3857: the pixels with a value in the tiles of a coarse level, so that "zoom to
 * layer" frames the raster rather than the whole squares of its tiles. Reads at most {@link #MAX_TILES} tiles.
 */
public final class DataExtent {

    /** Tiles read at most: the level used is the deepest whose tiles over the layer are no more than these. */
    static final int MAX_TILES = 16;

    private DataExtent() {
    }

    /**
     * @param tiles  the layer's tiles at its max zoom (the rectangle holding them)
     * @param source the layer's tiles; levels above the max zoom are read from it (a pyramid), else the max zoom
     * @return the extent of the pixels with data; the rectangle of the tiles when no tile of that level is stored
     */
    public static Extent of(TileRange tiles, TileSource source) {
        TileRange level = tiles;
        while (level.count() > MAX_TILES && level.z() > 0) {
            level = level.atZoom(level.z() - 1);
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        boolean found = false;
        if (level.count() <= MAX_TILES) {
            for (TileKey key : level.keys()) {
                Optional<TileData> tile = source.read(key);
                if (tile.isEmpty()) {
                    continue;
                }
                int[] box = dataBox(tile.get());
                if (box == null) {
                    continue;
                }
                found = true;
                Extent b = WebMercator.tileBounds(key);
                double pixel = WebMercator.pixelSize(key.z());
                minX = Math.min(minX, b.minX() + box[0] * pixel);
                maxX = Math.max(maxX, b.minX() + (box[2] + 1) * pixel);
                maxY = Math.max(maxY, b.maxY() - box[1] * pixel);
                minY = Math.min(minY, b.maxY() - (box[3] + 1) * pixel);
            }
        }
        return found ? new Extent(minX, minY, maxX, maxY) : tiles.bounds();
    }

    /** {minCol, minRow, maxCol, maxRow} of the pixels with a value in any band, or null when there are none. */
    static int[] dataBox(TileData tile) {
        int minCol = TileData.SIZE;
        int minRow = TileData.SIZE;
        int maxCol = -1;
        int maxRow = -1;
        for (int row = 0; row < TileData.SIZE; row++) {
            for (int col = 0; col < TileData.SIZE; col++) {
                int i = row * TileData.SIZE + col;
                for (int b = 0; b < tile.bandCount(); b++) {
                    if (!tile.isNodata(b, tile.bands()[b][i])) {
                        minCol = Math.min(minCol, col);
                        maxCol = Math.max(maxCol, col);
                        minRow = Math.min(minRow, row);
                        maxRow = Math.max(maxRow, row);
                        break;
                    }
                }
            }
        }
        return maxCol < 0 ? null : new int[] {minCol, minRow, maxCol, maxRow};
    }
}
