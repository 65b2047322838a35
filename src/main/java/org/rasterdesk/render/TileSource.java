package org.rasterdesk.render;

import java.util.Optional;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** Where the tiles of one layer come from. Implementations are thread safe; calls may block (database). */
public interface TileSource {

    /** The tile at this address, or empty when the layer has none there. */
    Optional<TileData> read(TileKey key);
}
