package org.rasterdesk.ui.map;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;

/**
 * The slippy map: the tiles of its layers drawn on a canvas, dragged to pan, zoomed with the wheel around the
 * pointer and with the keyboard, with an optional tile grid that names each tile and marks where a layer has no
 * tile of its own. Tiles come from a {@link MapTileLoader}; until one arrives, its nearest drawn ancestor stands in.
 */
public final class MapView extends Region {

    private static final Color BACKGROUND = Color.web("#d9dcde");
    private static final Color WORLD = Color.web("#eef0f1");

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<MapViewport> viewport = new SimpleObjectProperty<>(this, "viewport",
            MapViewport.world(0, 0));
    private final BooleanProperty gridVisible = new SimpleBooleanProperty(this, "gridVisible", false);
    private final ObjectProperty<Point2D> pointer = new SimpleObjectProperty<>(this, "pointer");
    private final ObservableList<MapLayer> layers = FXCollections.observableArrayList(
            l -> new Observable[] {l.opacityProperty(), l.visibleProperty(), l.styleProperty()});
    private final MapTileCache cache;
    private final MapTileLoader loader;
    private final Set<MapTileCache.Key> notYetShown = new HashSet<>();
    private volatile Set<MapTileCache.Key> wantedNow = Set.of();
    private LongConsumer tileShown = n -> { };
    private LongConsumer framePainted = n -> { };
    private final AnimationTimer frames;
    /** The base map and outlines under the layers; none in a bare map (benchmarks, some tests). */
    private MapUnderlay underlay;
    private boolean dirty = true;
    private boolean paintQueued;
    private double wheel;
    private Point2D dragFrom;

    public MapView(MapTileLoader loader, MapTileCache cache) {
        this.loader = loader;
        this.cache = cache;
        getStyleClass().add("map-view");
        setId("map-view");
        setFocusTraversable(true);
        setMinSize(50, 50);
        getChildren().add(canvas);
        loader.setWanted(k -> wantedNow.contains(k));

        viewport.addListener((obs, was, now) -> {
            dirty = true;
            requestVisible();
        });
        gridVisible.addListener((obs, was, now) -> dirty = true);
        layers.addListener((ListChangeListener<MapLayer>) c -> {
            dirty = true;
            requestVisible();
        });
        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (dirty) {
                    dirty = false;
                    paint();
                }
            }
        };
        frames.start();
        installInput();
    }

    /** The layers drawn, the first on top. */
    public ObservableList<MapLayer> layers() {
        return layers;
    }

    public ObjectProperty<MapViewport> viewportProperty() {
        return viewport;
    }

    public MapViewport viewport() {
        return viewport.get();
    }

    /** Whether the tile grid with z/x/y labels is drawn over the top layer. */
    public BooleanProperty gridVisibleProperty() {
        return gridVisible;
    }

    /** Where the pointer is over the map, in the map's own coordinates; null when it is elsewhere. */
    public ObjectProperty<Point2D> pointerProperty() {
        return pointer;
    }

    public MapTileCache cache() {
        return cache;
    }

    public MapTileLoader loader() {
        return loader;
    }

    /** Told the nanoseconds from a tile's request to the repaint that first draws it on the canvas. */
    public void setOnTileShown(LongConsumer listener) {
        tileShown = listener;
    }

    /** Told how many nanoseconds each repaint took. */
    public void setOnFramePainted(LongConsumer listener) {
        framePainted = listener;
    }

    /** Shows the whole extent (EPSG:3857), as deep as it fits. */
    public void zoomTo(Extent extent) {
        viewport.set(viewport.get().fitting(extent));
    }

    /** Zooms one or more levels in (positive) or out around a point of the map. */
    public void zoomBy(int levels, double x, double y) {
        MapViewport v = viewport.get();
        viewport.set(v.zoomedAround(x, y, v.zoom() + levels));
    }

    public void panBy(double dx, double dy) {
        viewport.set(viewport.get().pannedBy(dx, dy));
    }

    /** Asks for a repaint at the next frame, after a change the map cannot see (a tile cache cleared, say). */
    public void repaint() {
        dirty = true;
    }

    /** Stops repainting: the map's window is gone. */
    public void dispose() {
        frames.stop();
    }

    /** True when the last frame drew everything asked for: nothing to repaint, no tile still coming. */
    public boolean isIdle() {
        return !dirty && !paintQueued && loader.pending() == 0 && (underlay == null || underlay.isIdle());
    }

    /** Draws a base map and the world's outlines under the layers. */
    void setUnderlay(MapUnderlay drawnBeneath) {
        underlay = drawnBeneath;
        dirty = true;
    }

    MapUnderlay underlay() {
        return underlay;
    }

    /** The map as shown (tiles and grid, without the floating panels), for export. */
    public WritableImage snapshotImage() {
        paint();
        return canvas.snapshot(null, null);
    }

    /** The topmost visible layer with a renderer: the one the grid and the legend describe. */
    public Optional<MapLayer> topLayer() {
        return layers.stream().filter(l -> l.visibleProperty().get() && l.renderer() != null).findFirst();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            viewport.set(viewport.get().withSize(w, h));
        }
    }

    private void paint() {
        long start = System.nanoTime();
        MapViewport view = viewport.get();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setGlobalAlpha(1);
        // Clearing the whole canvas also drops the drawing commands still queued from earlier repaints.
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        gc.setFill(BACKGROUND);
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double worldLeft = view.tileLeft(0);
        double worldTop = view.tileTop(0);
        double worldSize = (double) TileData.SIZE * (1L << view.zoom());
        // Clipped here: the software pipeline draws nothing of a rectangle millions of pixels wide.
        double left = Math.max(0, worldLeft);
        double top = Math.max(0, worldTop);
        double right = Math.min(canvas.getWidth(), worldLeft + worldSize);
        double bottom = Math.min(canvas.getHeight(), worldTop + worldSize);
        gc.setFill(WORLD);
        if (right > left && bottom > top) {
            gc.fillRect(left, top, right - left, bottom - top);
        }
        Optional<TileRange> range = view.visibleTiles();
        if (range.isPresent()) {
            List<TileKey> keys = centreFirst(range.get(), view);
            List<MapLayer> drawn = drawnLayers();
            requestMissing(keys, drawn);
            if (underlay != null) {
                underlay.draw(gc, view, range.get());
                // Asked for once the layers' tiles are in: the base map and outlines never hold the data up.
                if (loader.pending() == 0) {
                    underlay.request(range.get());
                }
            }
            gc.setImageSmoothing(false);
            for (MapLayer layer : drawn) {
                gc.setGlobalAlpha(layer.opacityProperty().get());
                for (TileKey key : keys) {
                    drawTile(gc, view, new MapTileCache.Key(layer.layerId(), layer.version(), key));
                }
            }
            gc.setGlobalAlpha(1);
            if (gridVisible.get()) {
                TileGridPainter.paint(gc, view, range.get(), topLayer().map(this::statusOf).orElse(k -> null));
            }
        }
        if (underlay != null) {
            underlay.drawAttribution(gc, canvas.getWidth(), canvas.getHeight());
        }
        framePainted.accept(System.nanoTime() - start);
    }

    /**
     * Repaints right after the tiles that have arrived so far, rather than at the next frame: a repaint costs a
     * fraction of a millisecond, and the canvas then holds the tiles for the very next pulse instead of the one
     * after. Tiles arriving together (a whole view's) share one repaint.
     */
    private void paintSoon() {
        if (!paintQueued) {
            paintQueued = true;
            javafx.application.Platform.runLater(() -> {
                paintQueued = false;
                paint();
            });
        }
    }

    /** The layers to draw, bottom first. */
    private List<MapLayer> drawnLayers() {
        List<MapLayer> drawn = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            MapLayer layer = layers.get(i);
            if (layer.visibleProperty().get() && layer.renderer() != null && layer.opacityProperty().get() > 0) {
                drawn.add(layer);
            }
        }
        return drawn;
    }

    /** Asks for the tiles of the view as soon as it changes, not at the next frame: they may be in by then. */
    private void requestVisible() {
        MapViewport view = viewport.get();
        view.visibleTiles().ifPresent(range -> requestMissing(centreFirst(range, view), drawnLayers()));
    }

    /** Publishes what the view wants and asks the loader for the tiles it wants and the cache lacks. */
    private void requestMissing(List<TileKey> keys, List<MapLayer> drawn) {
        Set<MapTileCache.Key> wanted = new HashSet<>();
        for (MapLayer layer : drawn) {
            for (TileKey key : keys) {
                wanted.add(new MapTileCache.Key(layer.layerId(), layer.version(), key));
            }
        }
        // Published before asking, so that the loader does not drop what is asked for now.
        wantedNow = wanted;
        for (MapLayer layer : drawn) {
            Optional<TileRange> stored = layer.styleProperty().get().tiles();
            List<MapTileCache.Key> missing = new ArrayList<>();
            for (TileKey key : keys) {
                MapTileCache.Key k = new MapTileCache.Key(layer.layerId(), layer.version(), key);
                // Outside the rectangle of the layer's tiles: nothing to read, nothing to draw.
                if (!cache.contains(k) && stored.isPresent() && stored.get().covers(key)) {
                    missing.add(k);
                }
            }
            // All of a layer's missing tiles in one request: one query, drawn on all the loader's threads.
            loader.request(missing, layer.renderer(), (done, tile) -> {
                cache.put(done, tile);
                if (wantedNow.contains(done)) {
                    notYetShown.add(done);
                    paintSoon();
                }
            });
        }
    }

    private void drawTile(GraphicsContext gc, MapViewport view, MapTileCache.Key k) {
        double x = view.tileLeft(k.tile().x());
        double y = view.tileTop(k.tile().y());
        MapTile tile = cache.get(k);
        if (tile != null) {
            gc.drawImage(tile.image(), x, y);
            if (notYetShown.remove(k)) {
                tileShown.accept(System.nanoTime() - tile.requestedNanos());
            }
            return;
        }
        // Until the tile comes, the nearest ancestor already drawn stands in, blown up.
        TileKey ancestor = k.tile();
        while (ancestor.z() > 0) {
            ancestor = ancestor.parent();
            MapTile stand = cache.get(new MapTileCache.Key(k.layerId(), k.version(), ancestor));
            if (stand != null) {
                int levels = k.tile().z() - ancestor.z();
                double part = 256.0 / (1 << levels);
                double sx = (k.tile().x() - (ancestor.x() << levels)) * part;
                double sy = (k.tile().y() - (ancestor.y() << levels)) * part;
                gc.drawImage(stand.image(), sx, sy, part, part, x, y, 256, 256);
                return;
            }
        }
    }

    /** How the top layer covers a tile of the view, as the grid marks it; null while unknown (not drawn yet). */
    TileGridPainter.Status gridStatus(TileKey key) {
        return topLayer().map(this::statusOf).map(f -> f.apply(key)).orElse(null);
    }

    /** How the top layer covers each tile, from the tiles drawn so far (null while a tile is still coming). */
    private java.util.function.Function<TileKey, TileGridPainter.Status> statusOf(MapLayer layer) {
        LayerRenderer renderer = layer.renderer();
        Optional<TileRange> stored = layer.styleProperty().get().tiles();
        return key -> {
            MapTile tile = cache.get(new MapTileCache.Key(layer.layerId(), layer.version(), key));
            if (tile == null) {
                return null;
            }
            if (tile.isStored()) {
                return TileGridPainter.Status.stored();
            }
            boolean inside = stored.isPresent() && stored.get().covers(key);
            return TileGridPainter.Status.fallback(tile.source(), key.z() > renderer.maxZoom(), inside);
        };
    }

    /** Tiles nearest the centre first, so that they are asked for (and arrive) first. */
    private static List<TileKey> centreFirst(TileRange range, MapViewport view) {
        List<TileKey> keys = new ArrayList<>(range.keys());
        double cx = (view.centerX() + WebMercator.SHIFT) / WebMercator.tileSpan(range.z()) - 0.5;
        double cy = (WebMercator.SHIFT - view.centerY()) / WebMercator.tileSpan(range.z()) - 0.5;
        keys.sort(Comparator.comparingDouble(k -> Math.hypot(k.x() - cx, k.y() - cy)));
        return keys;
    }

    private void installInput() {
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            if (e.getButton() == MouseButton.PRIMARY) {
                dragFrom = new Point2D(e.getX(), e.getY());
                setCursor(javafx.scene.Cursor.CLOSED_HAND);
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (dragFrom != null) {
                panBy(e.getX() - dragFrom.getX(), e.getY() - dragFrom.getY());
                dragFrom = new Point2D(e.getX(), e.getY());
            }
            pointer.set(new Point2D(e.getX(), e.getY()));
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            dragFrom = null;
            setCursor(javafx.scene.Cursor.DEFAULT);
        });
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && e.isStillSincePress()) {
                zoomBy(e.isShiftDown() ? -1 : 1, e.getX(), e.getY());
            }
        });
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> pointer.set(new Point2D(e.getX(), e.getY())));
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> pointer.set(null));
        addEventHandler(ScrollEvent.SCROLL, e -> {
            // In notches: a mouse wheel gives whole ones, a touchpad fractions that add up.
            wheel += e.getMultiplierY() == 0 ? 0 : e.getDeltaY() / e.getMultiplierY();
            int steps = (int) wheel;
            if (steps != 0) {
                wheel -= steps;
                zoomBy(steps, e.getX(), e.getY());
            }
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            double step = e.isShiftDown() ? getWidth() / 2 : 64;
            switch (e.getCode()) {
                case LEFT -> panBy(step, 0);
                case RIGHT -> panBy(-step, 0);
                case UP -> panBy(0, step);
                case DOWN -> panBy(0, -step);
                case PLUS, ADD, EQUALS -> zoomBy(1, getWidth() / 2, getHeight() / 2);
                case MINUS, SUBTRACT -> zoomBy(-1, getWidth() / 2, getHeight() / 2);
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    static Font labelFont() {
        return Font.font("System", 11);
    }
}
