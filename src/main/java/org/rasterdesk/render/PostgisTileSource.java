package org.rasterdesk.render;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** The tiles of one layer as stored in raster_rastertile. */
public final class PostgisTileSource implements TileSource {

    private final TileRepository tiles;
    private final int layerId;

    public PostgisTileSource(TileRepository tiles, int layerId) {
        this.tiles = tiles;
        this.layerId = layerId;
    }

    @Override
    public Optional<TileData> read(TileKey key) {
        return tiles.read(layerId, key);
    }

    @Override
    public Optional<TileData> readDeepest(List<TileKey> candidates) {
        return tiles.readDeepest(layerId, candidates);
    }

    @Override
    public void readEach(Collection<TileKey> keys, BiConsumer<TileKey, Supplier<TileData>> found) {
        tiles.readEach(layerId, keys, encoded -> found.accept(encoded.key(), encoded::decode));
    }
}
