package org.rasterdesk.ui.map;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.render.TileBatch;
import org.rasterdesk.render.TileImage;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * Draws tiles the map asks for on background threads and hands them back on the JavaFX thread. The tiles of one
 * layer that a view needs are asked for together: read in one task (one query, a second for the ancestors of
 * missing ones), then decoded, coloured and made images one task per tile, so that all the executor's threads
 * draw. A tile still waiting for its turn when the view has moved on is dropped.
 */
public final class MapTileLoader {

    private static final Logger LOG = Logger.getLogger(MapTileLoader.class.getName());

    private final TaskExecutor executor;
    private final Set<MapTileCache.Key> inFlight = new HashSet<>();
    private final Set<MapTileCache.Key> failed = new HashSet<>();
    private volatile Predicate<MapTileCache.Key> wanted = k -> true;
    private BiConsumer<MapTileCache.Key, RuntimeException> onFailure = (k, e) -> { };

    /** @param executor reads and draws the tiles: give it threads of its own, as many as there are cores */
    public MapTileLoader(TaskExecutor executor) {
        this.executor = executor;
    }

    /** Which tiles are still worth drawing; asked on the background threads before a tile is read or drawn. */
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
        List<MapTileCache.Key> asked = new ArrayList<>();
        for (MapTileCache.Key key : keys) {
            if (!failed.contains(key) && inFlight.add(key)) {
                asked.add(key);
            }
        }
        if (asked.isEmpty()) {
            return;
        }
        MapTileCache.Key first = asked.get(0);
        long requested = System.nanoTime();
        BackgroundTask.of(() -> {
            // Tiles the view no longer wants when the read's turn comes are not read.
            List<TileKey> still = asked.stream().filter(wanted).map(MapTileCache.Key::tile).toList();
            if (still.isEmpty()) {
                return null;
            }
            TileBatch batch = renderer.readAll(still);
            // The first tile (the view's middle one: asked for first) is drawn here at once, without waiting for
            // a turn of its own: a lone tile comes as fast as before batches.
            MapTile drawnFirst = null;
            if (!batch.reads().isEmpty()) {
                TileBatch.Read read = batch.reads().get(0);
                try {
                    drawnFirst = tileOf(renderer.draw(read, read.targets().get(0)), requested);
                } catch (RuntimeException e) {
                    // Left to its own task, which fails alone: the other tiles of the batch still come.
                    drawnFirst = null;
                }
            }
            return new Batch(batch, drawnFirst);
        }).onSuccess(read -> {
            if (read == null) {
                asked.forEach(inFlight::remove);
                return;
            }
            Set<MapTileCache.Key> coming = new HashSet<>();
            TileBatch batch = read.batch();
            for (TileBatch.Read stored : batch.reads()) {
                for (TileKey target : stored.targets()) {
                    MapTileCache.Key key = keyOf(first, target);
                    coming.add(key);
                    if (read.first() != null && target.equals(read.first().key())) {
                        inFlight.remove(key);
                        done.accept(key, read.first());
                    } else {
                        drawLater(key, () -> renderer.draw(stored, target), requested, done);
                    }
                }
            }
            for (TileKey target : batch.uncovered()) {
                MapTileCache.Key key = keyOf(first, target);
                coming.add(key);
                drawLater(key, () -> new RenderedTile(target, Optional.empty(), TileImage.transparent()), requested,
                        done);
            }
            // Asked for but dropped before the read (no longer wanted then).
            asked.stream().filter(k -> !coming.contains(k)).forEach(inFlight::remove);
        }).onFailure(e -> asked.stream().filter(inFlight::contains).toList().forEach(key -> fail(key, e)))
                .executeWith(executor);
    }

    /** A batch read, with its first tile already drawn (null when nothing was read). */
    private record Batch(TileBatch batch, MapTile first) {
    }

    private static MapTile tileOf(RenderedTile rendered, long requested) {
        return new MapTile(rendered.key(), rendered.source(), imageOf(rendered.image()), requested);
    }

    private void drawLater(MapTileCache.Key key, java.util.function.Supplier<RenderedTile> drawing, long requested,
                           BiConsumer<MapTileCache.Key, MapTile> done) {
        // A tile no longer wanted when its turn comes is not drawn: null.
        BackgroundTask.of(() -> {
            if (!wanted.test(key)) {
                return null;
            }
            return tileOf(drawing.get(), requested);
        }).onFinished(() -> inFlight.remove(key))
                .onSuccess(tile -> {
                    if (tile != null) {
                        done.accept(key, tile);
                    }
                })
                .onFailure(e -> fail(key, e))
                .executeWith(executor);
    }

    private static MapTileCache.Key keyOf(MapTileCache.Key sameLayer, TileKey tile) {
        return new MapTileCache.Key(sameLayer.layerId(), sameLayer.version(), tile);
    }

    private void fail(MapTileCache.Key key, Throwable e) {
        LOG.log(Level.FINE, "cannot draw tile " + key, e);
        inFlight.remove(key);
        failed.add(key);
        onFailure.accept(key, e instanceof RuntimeException r ? r : new IllegalStateException(e));
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
