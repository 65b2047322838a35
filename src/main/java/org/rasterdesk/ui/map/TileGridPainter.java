package org.rasterdesk.ui.map;

import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;

/**
 * Draws the tile grid over the map: each tile's outline and z/x/y, and how the top layer covers it — its own
 * tile, an ancestor blown up (beyond max zoom, or where the parse stored no tile: empty or missing), or nothing.
 */
final class TileGridPainter {

    /** How a layer covers one tile address. */
    record Status(Kind kind, Optional<TileKey> source) {

        static Status stored() {
            return new Status(Kind.STORED, Optional.empty());
        }

        /**
         * @param beyondMaxZoom the address is deeper than the layer's max zoom
         * @param insideLayer   the address lies within the rectangle of the layer's tiles
         */
        static Status fallback(Optional<TileKey> source, boolean beyondMaxZoom, boolean insideLayer) {
            if (beyondMaxZoom) {
                return new Status(Kind.BEYOND_MAX_ZOOM, source);
            }
            if (!insideLayer) {
                return new Status(Kind.OUTSIDE, source);
            }
            return new Status(Kind.NO_TILE, source);
        }
    }

    enum Kind { STORED, BEYOND_MAX_ZOOM, NO_TILE, OUTSIDE }

    static final Color LINE = Color.rgb(20, 20, 20, 0.55);
    static final Color NO_TILE_FILL = Color.rgb(220, 40, 40, 0.18);
    static final Color NO_TILE_TEXT = Color.rgb(170, 20, 20);
    static final Color BEYOND_TEXT = Color.rgb(20, 70, 160);

    private TileGridPainter() {
    }

    /** @param status how the top layer covers an address; null for "not known yet" */
    static void paint(GraphicsContext gc, MapViewport view, TileRange range, Function<TileKey, Status> status) {
        gc.setLineWidth(1);
        gc.setFont(MapView.labelFont());
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        for (TileKey key : range.keys()) {
            double x = view.tileLeft(key.x());
            double y = view.tileTop(key.y());
            Status s = status.apply(key);
            if (s != null && s.kind() == Kind.NO_TILE) {
                gc.setFill(NO_TILE_FILL);
                gc.fillRect(x, y, 256, 256);
            }
            gc.setStroke(LINE);
            gc.strokeRect(x + 0.5, y + 0.5, 256, 256);
            // Labels go to the tile's top left corner on screen: a tile cut by the view's edge is still named.
            double lx = Math.max(x, 0) + 4;
            double ly = Math.max(y, 0) + 4;
            if (lx > x + 256 - 60 || ly > y + 256 - 36) {
                continue;
            }
            x = lx - 4;
            y = ly - 4;
            label(gc, x + 4, y + 4, key.toString(), Color.BLACK);
            if (s == null) {
                continue;
            }
            switch (s.kind()) {
                case STORED -> { }
                case BEYOND_MAX_ZOOM -> label(gc, x + 4, y + 20,
                        "beyond max zoom: " + s.source().map(TileKey::toString).orElse("no data"), BEYOND_TEXT);
                case NO_TILE -> label(gc, x + 4, y + 20, "no tile (empty or missing)"
                        + s.source().map(k -> ", drawn from " + k).orElse(""), NO_TILE_TEXT);
                case OUTSIDE -> { }
            }
        }
    }

    private static void label(GraphicsContext gc, double x, double y, String text, Color color) {
        double w = text.length() * 6.2 + 6;
        gc.setFill(Color.rgb(255, 255, 255, 0.8));
        gc.fillRect(x - 2, y - 1, w, 15);
        gc.setFill(color);
        gc.fillText(text, x + 1, y);
    }
}
