package org.rasterdesk.tiling;

/** Samples of a rectangle of the source raster, all bands, as read from a RasterReader. */
record SourceWindow(int x0, int y0, int width, int height, double[][] bands) {

    boolean contains(int col, int row) {
        return col >= x0 && row >= y0 && col < x0 + width && row < y0 + height;
    }

    /** Index into a band of the sample at a raster column and row. */
    int index(int col, int row) {
        return (row - y0) * width + (col - x0);
    }
}
