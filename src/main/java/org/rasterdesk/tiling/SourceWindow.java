package org.rasterdesk.tiling;

/** Samples of a rectangle of the source raster, all bands, as read from a RasterReader. */
record SourceWindow(int x0, int y0, int width, int height, double[][] bands) {

    boolean contains(int col, int row) {
        return col >= x0 && row >= y0 && col < x0 + width && row < y0 + height;
    }

    /**
     * A copy of part of this window (clipped to it). Sampling one tile from a compact copy keeps its pixels in
     * the CPU caches; a tile row's window is as wide as the raster, so its rows are far apart in memory.
     */
    SourceWindow crop(int cx0, int cy0, int cx1, int cy1) {
        int ax = Math.max(x0, cx0);
        int ay = Math.max(y0, cy0);
        int bx = Math.min(x0 + width, cx1);
        int by = Math.min(y0 + height, cy1);
        if (ax >= bx || ay >= by) {
            return null;
        }
        int w = bx - ax;
        int h = by - ay;
        double[][] out = new double[bands.length][w * h];
        for (int b = 0; b < bands.length; b++) {
            for (int r = 0; r < h; r++) {
                System.arraycopy(bands[b], index(ax, ay + r), out[b], r * w, w);
            }
        }
        return new SourceWindow(ax, ay, w, h, out);
    }

    /** Index into a band of the sample at a raster column and row. */
    int index(int col, int row) {
        return (row - y0) * width + (col - x0);
    }
}
