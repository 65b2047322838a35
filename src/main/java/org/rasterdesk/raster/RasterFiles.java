package org.rasterdesk.raster;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a raster file of any format RasterDesk reads, chosen by its content (and, where the content cannot tell,
 * its name). Every way in — a parse, the window's look at a dropped file — opens files here.
 */
public final class RasterFiles {

    private RasterFiles() {
    }

    /**
     * Opens the raster; fails with one sentence naming the file and the problem, and never with another exception
     * or an {@link OutOfMemoryError} for a damaged file.
     */
    public static RasterReader open(Path file) throws IOException {
        return GeoTiffReader.open(file);
    }
}
