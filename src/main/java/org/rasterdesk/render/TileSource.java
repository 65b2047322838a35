package org.rasterdesk.render;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** Where the tiles of one layer come from. Implementations are thread safe; calls may block (database). */
public interface TileSource {

    /** The tile at this address, or empty when the layer has none there. */
    Optional<TileData> read(TileKey key);

    /**
     * The first of several addresses where the layer has a tile, deepest first (a tile then its ancestors).
     * Sources that can look for all at once (one database query) override this.
     */
    default Optional<TileData> readDeepest(List<TileKey> candidates) {
        for (TileKey key : candidates) {
            Optional<TileData> tile = read(key);
            if (tile.isPresent()) {
                return tile;
            }
        }
        return Optional.empty();
    }

    /**
     * The tiles at several addresses, each handed on with a way to get its samples as soon as it is found: the
     * consumer may decode on other threads while the rest are read. Addresses without a tile are skipped. Sources
     * that can read all at once (one database query) override this.
     */
    default void readEach(Collection<TileKey> keys, BiConsumer<TileKey, Supplier<TileData>> found) {
        for (TileKey key : keys) {
            read(key).ifPresent(tile -> found.accept(key, () -> tile));
        }
    }
}
