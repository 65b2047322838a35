package org.rasterdesk.ui.map;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.scene.image.Image;
import org.rasterdesk.tiling.TileKey;

/**
 * Images of the map's underlay (outline or base map tiles) by address, least recently used dropped first. An
 * address can be known to have no image (no line crosses it, the server has no tile there). JavaFX thread only.
 */
final class TileImageCache {

    private final Map<TileKey, Optional<Image>> images;

    TileImageCache(int capacity) {
        images = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<TileKey, Optional<Image>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The image, an empty optional when the address has none, or null when not known yet. */
    Optional<Image> get(TileKey key) {
        return images.get(key);
    }

    boolean contains(TileKey key) {
        return images.containsKey(key);
    }

    void put(TileKey key, Image image) {
        images.put(key, Optional.ofNullable(image));
    }

    void clear() {
        images.clear();
    }

    int size() {
        return images.size();
    }
}
