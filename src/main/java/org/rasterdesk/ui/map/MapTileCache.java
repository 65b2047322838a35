package org.rasterdesk.ui.map;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rasterdesk.tiling.TileKey;

/**
 * The tiles the map has drawn, least recently used dropped first. Keyed by layer, the layer's style version and the
 * address, so that a restyled or re-parsed layer never shows a stale tile. JavaFX thread only.
 */
public final class MapTileCache {

    /** Where a tile belongs. */
    public record Key(int layerId, int version, TileKey tile) {
    }

    /**
     * 512 tiles of 256 KB: 128 MB, room for four layers on a full-HD screen (about 40 tiles each) with the levels
     * above and below kept for zooming back.
     */
    public static final int DEFAULT_CAPACITY = 512;

    private final Map<Key, MapTile> tiles;

    public MapTileCache(int capacity) {
        tiles = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MapTile> eldest) {
                return size() > capacity;
            }
        };
    }

    public MapTile get(Key key) {
        return tiles.get(key);
    }

    public void put(Key key, MapTile tile) {
        tiles.put(key, tile);
    }

    public boolean contains(Key key) {
        return tiles.containsKey(key);
    }

    public int size() {
        return tiles.size();
    }

    /** Forgets a layer's tiles, for a layer that left the map. */
    public void removeLayer(int layerId) {
        tiles.keySet().removeIf(k -> k.layerId() == layerId);
    }

    public void clear() {
        tiles.clear();
    }
}
