package org.rasterdesk.ui.map;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The world's outlines as tiles for the map: each address drawn once on a background thread and kept, so that
 * panning only blits images. JavaFX thread, except the drawing.
 */
final class OutlineTiles {

    private static final Logger LOG = Logger.getLogger(OutlineTiles.class.getName());

    /** 256 tiles: six screens of a full-HD map; most outline tiles (open sea, inland) hold no image at all. */
    private static final int KEPT = 256;

    /** The projected outlines, read once per process (the first tile waits for them: half a second). */
    private static OutlineRasterizer shared;
    private static boolean unavailable;

    private final TaskExecutor executor;
    private final Runnable repaint;
    private final TileImageCache images = new TileImageCache(KEPT);
    private final Set<TileKey> coming = new HashSet<>();
    private volatile Set<TileKey> wanted = Set.of();

    /** @param repaint called on the JavaFX thread when a tile came in */
    OutlineTiles(TaskExecutor executor, Runnable repaint) {
        this.executor = executor;
        this.repaint = repaint;
    }

    /** The outline image of an address: empty when no line crosses it, null while not drawn yet. */
    Optional<Image> get(TileKey key) {
        return images.get(key);
    }

    /** Asks for the tiles a view shows; earlier asks not started yet are dropped. */
    void request(List<TileKey> keys) {
        wanted = Set.copyOf(keys);
        for (TileKey key : keys) {
            if (images.contains(key) || !coming.add(key)) {
                continue;
            }
            // A tile the view no longer wants when its turn comes is not drawn: null.
            BackgroundTask.of(() -> wanted.contains(key) ? Optional.ofNullable(draw(key)) : null)
                    .onFinished(() -> coming.remove(key))
                    .onSuccess(image -> {
                        if (image != null) {
                            images.put(key, image.orElse(null));
                            repaint.run();
                        }
                    })
                    .onFailure(e -> LOG.log(Level.FINE, "cannot draw the outlines of " + key, e))
                    .executeWith(executor);
        }
    }

    boolean isIdle() {
        return coming.isEmpty();
    }

    private static Image draw(TileKey key) {
        OutlineRasterizer rasterizer = rasterizer();
        int[] argb = rasterizer == null ? null : rasterizer.draw(key);
        if (argb == null) {
            return null;
        }
        WritableImage image = new WritableImage(TileData.SIZE, TileData.SIZE);
        image.getPixelWriter().setPixels(0, 0, TileData.SIZE, TileData.SIZE, PixelFormat.getIntArgbInstance(), argb,
                0, TileData.SIZE);
        return image;
    }

    private static synchronized OutlineRasterizer rasterizer() {
        if (shared == null && !unavailable) {
            try {
                shared = OutlineRasterizer.naturalEarth();
            } catch (RuntimeException e) {
                // A broken build without the resources: the map goes without outlines rather than failing.
                LOG.log(Level.WARNING, "The world outlines cannot be read; the map is drawn without them", e);
                unavailable = true;
            }
        }
        return shared;
    }
}
