package org.rasterdesk.tiling;

import java.util.concurrent.ArrayBlockingQueue;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Bands of tiles no one reads any more, for the warpers to fill again: a max-zoom tile's samples live only until
 * the pyramid has reduced the tile (its WKB is made before), and a new band per tile was 1.0 GB of the Lisbon
 * benchmark raster's allocation, promoted by the young collections while the tiles waited in the warp queue. Holds
 * bands of one pixel type, a bounded number; what does not fit is left to the collector. Safe for several threads.
 */
public final class RecycledSamples {

    private final PixelType type;
    private final ArrayBlockingQueue<TileSamples> free;

    /** @param kept the most bands held for reuse */
    public RecycledSamples(PixelType type, int kept) {
        this.type = type;
        this.free = new ArrayBlockingQueue<>(Math.max(1, kept));
    }

    /**
     * Takes back the bands of a tile that no one reads any more (the caller drops every reference to it). Bands
     * the tile was given by its maker (not copied) and bands of another type are left alone.
     */
    public void give(TileData tile) {
        if (tile.pixelType() != type) {
            return;
        }
        for (int b = 0; b < tile.bandCount(); b++) {
            TileSamples s = tile.samples(b);
            if (s.ownArray()) {
                free.offer(s);
            }
        }
    }

    /** A band to overwrite, or null when none is free. */
    TileSamples take(PixelType pixelType) {
        return pixelType == type ? free.poll() : null;
    }
}
