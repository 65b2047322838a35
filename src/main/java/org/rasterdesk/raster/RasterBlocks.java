package org.rasterdesk.raster;

import java.io.IOException;
import java.util.function.Consumer;
import org.rasterdesk.raster.tiff.Block;

/**
 * The blocks (strips or tiles) a raster file stores its samples in, for work that must see every sample exactly
 * once whatever windows are read: band statistics gathered while the tiles are made.
 */
public interface RasterBlocks {

    /** One decoded block: its part inside the raster and the bands it holds. */
    record View(int index, int x0, int y0, int width, int height, int firstBand, Block block) {
    }

    int blockCount();

    /**
     * Decodes a block for a pass over the file, without keeping it (the window cache is left alone), into the sample
     * arrays of {@code reuse} where they fit: the block of an earlier decode that the caller no longer reads, or null.
     * A pass decodes every block of the file: new arrays per block were a quarter of the Lisbon benchmark parse's
     * allocation.
     */
    View decode(int index, Block reuse) throws IOException;

    /**
     * Tells the listener of every block decoded for window reads from now on (again when one is decoded twice),
     * on the thread that decoded it; null to stop.
     */
    void listen(Consumer<View> listener);

    /**
     * A value the file stores for nodata when the declared value does not fit the samples (a Float32 file whose
     * nodata needs a double), and the declared value reads give instead; NaN for none.
     */
    double storedNodata();

    /** The declared nodata value that {@link #storedNodata()} stands for. */
    double declaredNodata();
}
