package org.rasterdesk.ui.map;

import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.render.TileImage;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * Draws tiles the map asks for on background threads (read from PostGIS, colour, make an image) and hands them
 * back on the JavaFX thread. A request still waiting when the view has moved on is dropped unread.
 */
public final class MapTileLoader {

    private static final Logger LOG = Logger.getLogger(MapTileLoader.class.getName());

    private final TaskExecutor executor;
    private final Set<MapTileCache.Key> inFlight = new HashSet<>();
    private final Set<MapTileCache.Key> failed = new HashSet<>();
    private volatile Predicate<MapTileCache.Key> wanted = k -> true;
    private BiConsumer<MapTileCache.Key, RuntimeException> onFailure = (k, e) -> { };

    public MapTileLoader(TaskExecutor executor) {
        this.executor = executor;
    }

    /** Which tiles are still worth drawing; asked on the background thread just before a tile is read. */
    public void setWanted(Predicate<MapTileCache.Key> test) {
        wanted = test;
    }

    /**
     * Asks for a tile unless it is already coming (or failed before). JavaFX thread.
     *
     * @param done called on the JavaFX thread with the tile once drawn
     */
    public void request(MapTileCache.Key key, LayerRenderer renderer, BiConsumer<MapTileCache.Key, MapTile> done) {
        if (failed.contains(key) || !inFlight.add(key)) {
            return;
        }
        long requested = System.nanoTime();
        // A tile no longer wanted when its turn comes is not read: null.
        BackgroundTask.of(() -> wanted.test(key) ? draw(key, renderer, requested) : null)
                .onFinished(() -> inFlight.remove(key))
                .onSuccess(tile -> {
                    if (tile != null) {
                        done.accept(key, tile);
                    }
                })
                .onFailure(e -> {
                    LOG.log(Level.FINE, "cannot draw tile " + key, e);
                    failed.add(key);
                    onFailure.accept(key, e instanceof RuntimeException r ? r : new IllegalStateException(e));
                })
                .executeWith(executor);
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

    static MapTile draw(MapTileCache.Key key, LayerRenderer renderer, long requestedNanos) {
        RenderedTile rendered = renderer.render(key.tile());
        return new MapTile(rendered.key(), rendered.source(), imageOf(rendered.image()), requestedNanos);
    }

    /** A JavaFX image of a tile; images may be made off the JavaFX thread. */
    static WritableImage imageOf(TileImage tile) {
        WritableImage image = new WritableImage(TileImage.SIZE, TileImage.SIZE);
        image.getPixelWriter().setPixels(0, 0, TileImage.SIZE, TileImage.SIZE, PixelFormat.getIntArgbInstance(),
                tile.argb(), 0, TileImage.SIZE);
        return image;
    }
}
