package org.rasterdesk.ui.map;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.render.TileImage;
import org.rasterdesk.tiling.TileKey;

/**
 * Draws tiles the map asks for on background threads and hands them back on the JavaFX thread. The tiles of one
 * layer that a view needs are asked for together: read in one query, decoded, coloured and made images on all the
 * loader's threads as they arrive. A tile whose request is still waiting when the view has moved on is dropped.
 */
public final class MapTileLoader {

    private static final Logger LOG = Logger.getLogger(MapTileLoader.class.getName());

    private final Executor executor;
    private final Set<MapTileCache.Key> inFlight = new HashSet<>();
    private final Set<MapTileCache.Key> failed = new HashSet<>();
    private volatile Predicate<MapTileCache.Key> wanted = k -> true;
    private BiConsumer<MapTileCache.Key, RuntimeException> onFailure = (k, e) -> { };

    /** @param executor reads and draws the tiles: give it threads of its own, as many as there are cores */
    public MapTileLoader(Executor executor) {
        this.executor = executor;
    }

    /** Which tiles are still worth drawing; asked on the background threads before a tile is read and drawn. */
    public void setWanted(Predicate<MapTileCache.Key> test) {
        wanted = test;
    }

    /** Asks for one tile; see {@link #request(List, LayerRenderer, BiConsumer)}. */
    public void request(MapTileCache.Key key, LayerRenderer renderer, BiConsumer<MapTileCache.Key, MapTile> done) {
        request(List.of(key), renderer, done);
    }

    /**
     * Asks for tiles of one layer (one style version), those not already coming (nor failed before). JavaFX thread.
     *
     * @param done called on the JavaFX thread with each tile once drawn
     */
    public void request(List<MapTileCache.Key> keys, LayerRenderer renderer,
                        BiConsumer<MapTileCache.Key, MapTile> done) {
        Map<TileKey, MapTileCache.Key> asked = new LinkedHashMap<>();
        for (MapTileCache.Key key : keys) {
            if (!failed.contains(key) && inFlight.add(key)) {
                asked.put(key.tile(), key);
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        long requested = System.nanoTime();
        executor.execute(() -> {
            try {
                renderer.renderAll(List.copyOf(asked.keySet()), executor, new LayerRenderer.BatchListener() {
                    @Override
                    public boolean wanted(TileKey tile) {
                        MapTileCache.Key key = asked.get(tile);
                        if (wanted.test(key)) {
                            return true;
                        }
                        Platform.runLater(() -> inFlight.remove(key));
                        return false;
                    }

                    @Override
                    public void drawn(RenderedTile rendered) {
                        MapTileCache.Key key = asked.get(rendered.key());
                        MapTile tile = new MapTile(rendered.key(), rendered.source(), imageOf(rendered.image()),
                                requested);
                        Platform.runLater(() -> {
                            inFlight.remove(key);
                            done.accept(key, tile);
                        });
                    }

                    @Override
                    public void failed(TileKey tile, RuntimeException e) {
                        MapTileCache.Key key = asked.get(tile);
                        Platform.runLater(() -> fail(key, e));
                    }
                });
            } catch (RuntimeException e) {
                // The read failed: the tiles not drawn by now will not be.
                Platform.runLater(() -> asked.values().stream().filter(inFlight::contains).toList()
                        .forEach(key -> fail(key, e)));
            }
        });
    }

    private void fail(MapTileCache.Key key, RuntimeException e) {
        LOG.log(Level.FINE, "cannot draw tile " + key, e);
        inFlight.remove(key);
        failed.add(key);
        onFailure.accept(key, e);
    }

    /** Told on the JavaFX thread when a tile could not be drawn (a lost connection, say); it is not asked again. */
    public void setOnFailure(BiConsumer<MapTileCache.Key, RuntimeException> listener) {
        onFailure = listener;
    }

    /** Forgets failures, so that a retry (after a reconnect, say) reads again. */
    public void forgetFailures() {
        failed.clear();
    }

    /** How many tiles are being drawn or wait to be. */
    public int pending() {
        return inFlight.size();
    }

    /** A JavaFX image of a tile; images may be made off the JavaFX thread. */
    static WritableImage imageOf(TileImage tile) {
        WritableImage image = new WritableImage(TileImage.SIZE, TileImage.SIZE);
        image.getPixelWriter().setPixels(0, 0, TileImage.SIZE, TileImage.SIZE, PixelFormat.getIntArgbInstance(),
                tile.argb(), 0, TileImage.SIZE);
        return image;
    }
}
