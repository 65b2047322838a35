package org.rasterdesk.ui.map;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.image.Image;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.webtiles.TileDiskCache;
import org.rasterdesk.webtiles.WebTiles;
import org.rasterdesk.webtiles.XyzSource;

/**
 * The online base map's tiles for the map: fetched on background threads (through the disk cache) only for the
 * view, decoded there and kept in memory. Past the source's deepest level its tiles are blown up. When the source
 * cannot be reached, a one-line status says so and the map draws the outlines where it has no tile. JavaFX thread,
 * except the fetching.
 */
final class BaseMapTiles {

    private static final Logger LOG = Logger.getLogger(BaseMapTiles.class.getName());

    /** 192 tiles of 256 KB decoded: 48 MB, four screens of a full-HD map. */
    private static final int KEPT = 192;

    private final TaskExecutor executor;
    private final TileDiskCache disk;
    private final Supplier<HttpClient> client;
    private final Runnable repaint;
    private final TileImageCache images = new TileImageCache(KEPT);
    private final Set<TileKey> coming = new HashSet<>();
    /** Tiles that could not be had, and when: asked again once the source's offline pause is over. */
    private final Map<TileKey, Instant> failed = new HashMap<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private volatile Set<TileKey> wanted = Set.of();
    private WebTiles web;
    /** Bumped when the source changes: tiles of the previous source still coming are dropped. */
    private int generation;

    /** @param repaint called on the JavaFX thread when a tile came in */
    BaseMapTiles(TaskExecutor executor, TileDiskCache disk, Supplier<HttpClient> client, Runnable repaint) {
        this.executor = executor;
        this.disk = disk;
        this.client = client;
        this.repaint = repaint;
    }

    /** Draws another source's tiles from now on. */
    void setSource(XyzSource source) {
        if (web != null && web.source().equals(source)) {
            return;
        }
        web = new WebTiles(source, disk, client, Clock.systemUTC());
        generation++;
        images.clear();
        coming.clear();
        failed.clear();
        status.set("");
    }

    XyzSource source() {
        return web == null ? null : web.source();
    }

    /** "" while the base map is drawn; one line saying why not when its source cannot be reached. */
    ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The level of the source's own tiles that shows a view's level. */
    int levelFor(int zoom) {
        return Math.min(zoom, web.source().maxZoom());
    }

    /**
     * The image to draw for an address of the view: the tile of the source, or the nearest kept ancestor while it
     * comes (or past the source's deepest level); null when there is none.
     */
    Stand imageFor(TileKey key) {
        TileKey own = key;
        while (own.z() > levelFor(key.z())) {
            own = own.parent();
        }
        for (TileKey k = own; ; k = k.parent()) {
            Optional<Image> image = images.get(k);
            if (image != null && image.isPresent()) {
                return new Stand(image.get(), key.z() - k.z());
            }
            if (k.z() == 0) {
                return null;
            }
        }
    }

    /** An image standing for a tile: its own ({@code levels} 0) or an ancestor's, to blow up. */
    record Stand(Image image, int levels) {
    }

    /** Asks for the source's tiles of a view (those not kept, not coming, not failed lately); nothing else. */
    void request(List<TileKey> viewKeys) {
        if (web == null) {
            return;
        }
        Set<TileKey> keys = new LinkedHashSet<>();
        for (TileKey key : viewKeys) {
            TileKey own = key;
            while (own.z() > levelFor(key.z())) {
                own = own.parent();
            }
            keys.add(own);
        }
        wanted = Set.copyOf(keys);
        Instant now = Instant.now();
        failed.values().removeIf(at -> Duration.between(at, now).compareTo(WebTiles.OFFLINE_PAUSE) > 0);
        WebTiles source = web;
        int mine = generation;
        for (TileKey key : keys) {
            if (images.contains(key) || failed.containsKey(key) || !coming.add(key)) {
                continue;
            }
            fetch(source, key, mine);
        }
    }

    boolean isIdle() {
        return coming.isEmpty();
    }

    /** What fetching a tile gave: its image (null when the source has none there), or that it was unreachable. */
    private record Fetched(Image image, boolean unreachable, String offline) {
    }

    private void fetch(WebTiles source, TileKey key, int mine) {
        // A tile the view no longer wants when its turn comes is not fetched: null.
        BackgroundTask.of(() -> wanted.contains(key) ? fetchNow(source, key) : null)
                .onFinished(() -> {
                    if (mine == generation) {
                        coming.remove(key);
                    }
                })
                .whileCurrent(() -> mine == generation)
                .onSuccess(fetched -> {
                    if (fetched == null) {
                        return;
                    }
                    if (fetched.unreachable()) {
                        failed.put(key, Instant.now());
                    } else {
                        images.put(key, fetched.image());
                    }
                    status.set(fetched.offline().isEmpty() ? ""
                            : "Base map offline: " + fetched.offline() + "; the outlines are drawn instead.");
                    repaint.run();
                })
                .onFailure(e -> LOG.log(Level.FINE, "base map tile " + key, e))
                .executeWith(executor);
    }

    private static Fetched fetchNow(WebTiles source, TileKey key) {
        Image image = null;
        boolean unreachable = false;
        try {
            Optional<byte[]> bytes = source.fetch(key);
            if (bytes.isPresent()) {
                image = new Image(new ByteArrayInputStream(bytes.get()));
                if (image.isError()) {
                    LOG.log(Level.FINE, "tile " + key + " of " + source.source().host() + " is not an image",
                            image.getException());
                    image = null;
                }
            }
        } catch (WebTiles.UnreachableException e) {
            LOG.log(Level.FINE, "base map tile " + key, e);
            unreachable = true;
        }
        return new Fetched(image, unreachable, source.offlineReason().orElse(""));
    }
}
