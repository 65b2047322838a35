package org.rasterdesk.raster;

import java.io.IOException;

/**
 * Reads windows of a raster's samples; the whole raster is never needed in memory.
 * Implementations are not thread safe unless {@link #isThreadSafe()} says so.
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
     * As {@link #read(int, int, int, int)}, into the caller's arrays when it gives them (one per band, each at least
     * {@code width * height} long; the samples fill the start of each), so that a caller reading window after window
     * reuses one buffer. Returns the arrays the samples are in: {@code into}, or new ones when this reader cannot
     * read into them or {@code into} is null or too short.
     */
    default double[][] read(int x, int y, int width, int height, double[][] into) throws IOException {
        return read(x, y, width, height);
    }

    /** Whether several threads may read windows at the same time. */
    default boolean isThreadSafe() {
        return false;
    }

    /** The file's storage blocks, when this reader decodes a file block by block. */
    default java.util.Optional<RasterBlocks> blocks() {
        return java.util.Optional.empty();
    }

    /** CPU time spent decoding the file's data so far, summed over threads (0 when not measured). */
    default long decodeNanos() {
        return 0;
    }

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
