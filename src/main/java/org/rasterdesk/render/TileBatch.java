package org.rasterdesk.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * Draws the tiles of one layer that a map view needs, all at once: the stored tiles of the addresses (for levels
 * past max zoom, their ancestors at max zoom) in one query, then the ancestors of those missing in a second. Each
 * tile is decoded and coloured on the workers as soon as its row arrives, so that reading and drawing overlap and
 * every core draws; one query instead of one per tile saves a round trip per tile. An address nothing covers gets
 * a transparent tile, as {@link LayerRenderer#render} gives.
 */
final class TileBatch {

    private final TileSource source;
    private final int maxZoom;
    private final Function<TileData, TileImage> paint;
    private final Executor workers;
    private final LayerRenderer.BatchListener listener;

    TileBatch(TileSource source, int maxZoom, Function<TileData, TileImage> paint, Executor workers,
              LayerRenderer.BatchListener listener) {
        this.source = source;
        this.maxZoom = maxZoom;
        this.paint = paint;
        this.workers = workers;
        this.listener = listener;
    }

    /** Reads on the calling thread; draws on the workers. A failed read is thrown, after the tiles read so far. */
    void render(List<TileKey> keys) {
        // Which stored tile answers for each address: its own, or past max zoom its ancestor at max zoom.
        Map<TileKey, List<TileKey>> askers = new LinkedHashMap<>();
        for (TileKey key : keys) {
            if (listener.wanted(key)) {
                TileKey read = key;
                while (read.z() > maxZoom) {
                    read = read.parent();
                }
                askers.computeIfAbsent(read, k -> new ArrayList<>()).add(key);
            }
        }
        if (askers.isEmpty()) {
            return;
        }
        Set<TileKey> missing = new LinkedHashSet<>(askers.keySet());
        source.readEach(askers.keySet(), (found, data) -> {
            if (missing.remove(found)) {
                List<TileKey> targets = askers.get(found);
                workers.execute(() -> draw(found, data, targets));
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        // The ancestors of all missing tiles in one query; each missing tile is drawn from its deepest.
        Set<TileKey> ancestors = new LinkedHashSet<>();
        for (TileKey m : missing) {
            for (TileKey a = m; a.z() > 0; ) {
                a = a.parent();
                ancestors.add(a);
            }
        }
        Map<TileKey, Supplier<TileData>> stored = new HashMap<>();
        source.readEach(ancestors, stored::put);
        Map<TileKey, List<TileKey>> byAncestor = new LinkedHashMap<>();
        for (TileKey m : missing) {
            Optional<TileKey> deepest = Optional.empty();
            for (TileKey a = m; a.z() > 0 && deepest.isEmpty(); ) {
                a = a.parent();
                if (stored.containsKey(a)) {
                    deepest = Optional.of(a);
                }
            }
            if (deepest.isPresent()) {
                byAncestor.computeIfAbsent(deepest.get(), k -> new ArrayList<>()).addAll(askers.get(m));
            } else {
                for (TileKey target : askers.get(m)) {
                    listener.drawn(new RenderedTile(target, Optional.empty(), TileImage.transparent()));
                }
            }
        }
        byAncestor.forEach((ancestor, targets) -> workers.execute(() -> draw(ancestor, stored.get(ancestor),
                targets)));
    }

    /** Decodes a stored tile once and draws every address it answers for, those beyond the first on other workers. */
    private void draw(TileKey from, Supplier<TileData> data, List<TileKey> targets) {
        TileData tile;
        try {
            tile = data.get();
        } catch (RuntimeException e) {
            targets.forEach(t -> listener.failed(t, e));
            return;
        }
        for (int i = 1; i < targets.size(); i++) {
            TileKey target = targets.get(i);
            workers.execute(() -> drawOne(from, tile, target));
        }
        drawOne(from, tile, targets.get(0));
    }

    private void drawOne(TileKey from, TileData tile, TileKey target) {
        if (!listener.wanted(target)) {
            return;
        }
        try {
            TileImage image = paint.apply(TileUpsampler.crop(tile, target));
            listener.drawn(new RenderedTile(target, Optional.of(from), image));
        } catch (RuntimeException e) {
            listener.failed(target, e);
        }
    }
}
