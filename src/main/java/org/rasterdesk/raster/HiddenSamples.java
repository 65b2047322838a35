package org.rasterdesk.raster;

import java.io.IOException;

/**
 * Which samples of one of several rasters (the files of a mosaic) another of them paints over, so that statistics
 * over all of them count each visible pixel once.
 */
@FunctionalInterface
public interface HiddenSamples {

    /** Nothing is hidden: every valid sample of every raster counts. */
    HiddenSamples NONE = (part, x, y, width, height) -> null;

    /** What {@link #hidden} answers when the whole window is hidden, so that it is not even read. */
    boolean[][] EVERY = new boolean[0][];

    /**
     * @param part the index of the raster the window is read from
     * @return per band, for each sample of the window (row after row), whether it is hidden; null when none is,
     *         {@link #EVERY} when all are
     */
    boolean[][] hidden(int part, int x, int y, int width, int height) throws IOException;
}
