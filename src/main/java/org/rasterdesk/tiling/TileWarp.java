package org.rasterdesk.tiling;

import java.io.IOException;
import java.util.function.Consumer;

/** Makes the EPSG:3857 tiles of a range from a layer's source: one raster ({@link Warper}) or a mosaic. */
public interface TileWarp {

    /** Makes every tile of the range, in row-major order, handing each (empty ones too) to the consumer. */
    void warp(TileRange range, Consumer<TileData> consumer) throws IOException;
}
