package org.rasterdesk.raster;

import java.io.IOException;

/**
 * Reads windows of a raster's samples; the whole raster is never needed in memory.
 * Implementations are not thread safe: each thread opens its own reader.
 */
public interface RasterReader extends AutoCloseable {

    RasterInfo info();

    /**
     * Reads a window of all bands. The result is indexed [band][row * width + col]. A nodata pixel holds exactly
     * {@code info().nodata(band)} (or NaN), whatever the file's compression or predictor.
     *
     * @throws IOException when the file cannot be read or decoded
     */
    double[][] read(int x, int y, int width, int height) throws IOException;

    /**
     * The colour of each value of band 0 as ARGB, for a palette (colour map) image, indexed by value; null for a
     * raster without palette.
     */
    default int[] palette() {
        return null;
    }

    @Override
    void close() throws IOException;
}
