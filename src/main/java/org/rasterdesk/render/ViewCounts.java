package org.rasterdesk.render;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;

/**
 * How many pixels of a map view each legend entry covers: the tiles under the view, cut to the part on screen,
 * coloured with the layer's colormap. Counts are in pixels of the view's zoom level.
 */
public final class ViewCounts {

    private ViewCounts() {
    }

    /**
     * @param cancelled polled between tiles: a view that moved on makes the count moot
     * @return entry expression → pixels, in entry order; empty for colormaps without entries, or when cancelled
     */
    public static Map<String, Long> count(LayerRenderer renderer, MapViewport view, BooleanSupplier cancelled) {
        Map<String, Long> totals = new LinkedHashMap<>();
        Optional<TileRange> range = view.visibleTiles();
        if (range.isEmpty() || !(renderer.colormap() instanceof DiscreteColormap)) {
            return totals;
        }
        Extent shown = view.extent();
        for (TileKey key : range.get().keys()) {
            if (cancelled.getAsBoolean()) {
                return Map.of();
            }
            Optional<TileData> tile = renderer.values(key);
            if (tile.isEmpty()) {
                continue;
            }
            double[] values = onScreen(TileRenderer.valuesOf(tile.get(), renderer.band()), key, shown);
            Map<String, Integer> counts = renderer.colormap().paint(values, new int[values.length]);
            counts.forEach((entry, n) -> totals.merge(entry, (long) n, Long::sum));
        }
        return totals;
    }

    /** The pixels of a tile whose centres lie inside the shown extent. */
    static double[] onScreen(double[] band, TileKey key, Extent shown) {
        Extent bounds = WebMercator.tileBounds(key);
        double pixel = WebMercator.pixelSize(key.z());
        int col0 = clampIndex(Math.ceil((shown.minX() - bounds.minX()) / pixel - 0.5));
        int col1 = clampIndex(Math.floor((shown.maxX() - bounds.minX()) / pixel - 0.5) + 1);
        int row0 = clampIndex(Math.ceil((bounds.maxY() - shown.maxY()) / pixel - 0.5));
        int row1 = clampIndex(Math.floor((bounds.maxY() - shown.minY()) / pixel - 0.5) + 1);
        int cols = col1 - col0;
        int rows = row1 - row0;
        if (cols <= 0 || rows <= 0) {
            return new double[0];
        }
        if (cols == TileData.SIZE && rows == TileData.SIZE) {
            return band;
        }
        double[] cut = new double[cols * rows];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(band, (row0 + r) * TileData.SIZE + col0, cut, r * cols, cols);
        }
        return cut;
    }

    private static int clampIndex(double v) {
        return (int) Math.max(0, Math.min(TileData.SIZE, v));
    }
}
