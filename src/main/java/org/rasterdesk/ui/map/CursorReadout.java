package org.rasterdesk.ui.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The line under the map that says what is under the pointer: longitude and latitude, EPSG:3857 coordinates, the
 * tile there, and the raw value of every band of each layer shown, read from the layer's finest tile there.
 */
public final class CursorReadout {

    /** Tiles of values kept for the pointer, per layer version and address; small, since the pointer moves slowly. */
    private static final int KEPT_TILES = 16;

    private final Label label = new Label();
    private final MapView map;
    private final TaskExecutor executor;
    private final AtomicLong generation = new AtomicLong();
    private final Map<MapTileCache.Key, Optional<TileData>> values = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<MapTileCache.Key, Optional<TileData>> eldest) {
            return size() > KEPT_TILES;
        }
    };

    public CursorReadout(MapView map, TaskExecutor executor) {
        this.map = map;
        this.executor = executor;
        label.setId("map-readout");
        label.getStyleClass().add("map-readout");
        label.setMaxWidth(Double.MAX_VALUE);
        map.pointerProperty().addListener((obs, was, now) -> update());
        map.viewportProperty().addListener((obs, was, now) -> update());
        update();
    }

    public Label getView() {
        return label;
    }

    public String text() {
        return label.getText();
    }

    private void update() {
        Point2D p = map.pointerProperty().get();
        MapViewport view = map.viewport();
        if (p == null) {
            label.setText("Point at the map to read coordinates and values.\n ");
            return;
        }
        double mx = view.mercatorX(p.getX());
        double my = view.mercatorY(p.getY());
        if (Math.abs(mx) > WebMercator.SHIFT || Math.abs(my) > WebMercator.SHIFT) {
            label.setText("Outside the web mercator world\n ");
            return;
        }
        String place = place(mx, my, view.tileAt(p.getX(), p.getY(), view.zoom()).orElseThrow());
        List<MapLayer> shown = map.layers().stream()
                .filter(l -> l.visibleProperty().get() && l.renderer() != null).toList();
        List<String> parts = new ArrayList<>();
        List<ValueRead> reads = new ArrayList<>();
        for (MapLayer layer : shown) {
            LayerRenderer renderer = layer.renderer();
            TileKey finest = view.tileAt(p.getX(), p.getY(), renderer.maxZoom()).orElseThrow();
            MapTileCache.Key key = new MapTileCache.Key(layer.layerId(), layer.version(), finest);
            Optional<TileData> tile = values.get(key);
            if (tile == null) {
                parts.add(layer.nameProperty().get() + ": …");
                reads.add(new ValueRead(key, renderer));
            } else {
                parts.add(layer.nameProperty().get() + " " + valuesAt(tile, mx, my, finest));
            }
        }
        // Two lines, so that the values are not cut off in a narrow window: where, then what. Always two (a blank
        // second line is a space), so that the map above does not change size as the pointer moves.
        label.setText(place + "\n" + (parts.isEmpty() ? " " : String.join("   ·   ", parts)));
        long g = generation.incrementAndGet();
        for (ValueRead r : reads) {
            // A read the pointer has moved away from before its turn is not made: null.
            BackgroundTask.of(() -> generation.get() == g ? r.renderer().values(r.key().tile()) : null)
                    .onSuccess(found -> {
                        if (found != null) {
                            values.put(r.key(), found);
                            update();
                        }
                    })
                    // Not kept: a tile that could not be read (a lost connection) is read again when the pointer
                    // moves.
                    .onFailure(e -> { })
                    .executeWith(executor);
        }
    }

    /** A tile whose values the readout waits for. */
    private record ValueRead(MapTileCache.Key key, LayerRenderer renderer) {
    }

    /** "38.71234° N 9.14321° W   EPSG:3857 -1017622.1, 4679512.9   tile 11/552/858". */
    static String place(double mx, double my, TileKey tile) {
        double lon = MapViewport.longitude(mx);
        double lat = MapViewport.latitude(my);
        return String.format(Locale.ROOT, "%.5f° %s %.5f° %s   EPSG:3857 %.1f, %.1f   tile %s",
                Math.abs(lat), lat >= 0 ? "N" : "S", Math.abs(lon), lon >= 0 ? "E" : "W", mx, my, tile);
    }

    /** "12.5" for one band, "b1 12 b2 40 b3 7" for several, "no data" where the tile has none. */
    static String valuesAt(Optional<TileData> tile, double mx, double my, TileKey key) {
        if (tile.isEmpty()) {
            return "no tile";
        }
        Extent b = WebMercator.tileBounds(key);
        double pixel = WebMercator.pixelSize(key.z());
        int col = (int) Math.min(TileData.SIZE - 1, Math.max(0, Math.floor((mx - b.minX()) / pixel)));
        int row = (int) Math.min(TileData.SIZE - 1, Math.max(0, Math.floor((b.maxY() - my) / pixel)));
        TileData t = tile.get();
        List<String> bands = new ArrayList<>();
        for (int band = 0; band < t.bandCount(); band++) {
            double v = t.bands()[band][row * TileData.SIZE + col];
            String text = t.isNodata(band, v) ? "no data" : number(v);
            bands.add(t.bandCount() == 1 ? text : "b" + (band + 1) + " " + text);
        }
        return String.join(" ", bands) + " (" + key + ")";
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
