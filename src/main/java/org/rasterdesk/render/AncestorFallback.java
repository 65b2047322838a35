package org.rasterdesk.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * Reads a tile, or when it is missing (or beyond the layer's max zoom) the nearest ancestor's matching part, blown
 * up to 256×256 by nearest neighbour, as django-raster does for any tile it lacks. Thread safe.
 */
public final class AncestorFallback implements TileSource {

    private final TileSource source;
    private final int maxZoom;

    /**
     * @param maxZoom the layer's highest zoom level: deeper requests go straight to the ancestor at this level
     */
    public AncestorFallback(TileSource source, int maxZoom) {
        this.source = source;
        this.maxZoom = maxZoom;
    }

    /** The tile itself or its upsampled ancestor, keyed by the requested address; empty when there is neither. */
    @Override
    public Optional<TileData> read(TileKey key) {
        return readFound(key).map(found -> TileUpsampler.crop(found, key));
    }

    /** The tile or the ancestor that answers for it, as stored (keyed by its own address). */
    public Optional<TileData> readFound(TileKey key) {
        TileKey k = key;
        while (k.z() > maxZoom) {
            k = k.parent();
        }
        Optional<TileData> tile = source.read(k);
        if (tile.isPresent() || k.z() == 0) {
            return tile;
        }
        // Missing: all the ancestors asked for at once, rather than one query per level up to the world tile.
        List<TileKey> ancestors = new ArrayList<>(k.z());
        for (TileKey a = k.parent(); ; a = a.parent()) {
            ancestors.add(a);
            if (a.z() == 0) {
                break;
            }
        }
        return source.readDeepest(ancestors);
    }
}
