package org.rasterdesk.tiling;

/**
 * Samples of a rectangle of the source raster, all bands, as read from a RasterReader.
 *
 * @param nodataAsNaN whether the bands' nodata samples were replaced by NaN, so that a kernel can tell valid
 *                    samples by one test of its result
 */
record SourceWindow(int x0, int y0, int width, int height, double[][] bands, boolean nodataAsNaN) {

    SourceWindow(int x0, int y0, int width, int height, double[][] bands) {
        this(x0, y0, width, height, bands, false);
    }

    boolean contains(int col, int row) {
        return col >= x0 && row >= y0 && col < x0 + width && row < y0 + height;
    }

    /**
     * A copy of part of this window (clipped to it). Sampling one tile from a compact copy keeps its pixels in
     * the CPU caches; a tile row's window is as wide as the raster, so its rows are far apart in memory.
     */
    SourceWindow crop(int cx0, int cy0, int cx1, int cy1) {
        return crop(cx0, cy0, cx1, cy1, null);
    }

    /**
     * As {@link #crop(int, int, int, int)}, replacing per band the samples equal to {@code nodata[band]} by NaN
     * (NaN: the band has no nodata); null copies them as they are.
     */
    SourceWindow crop(int cx0, int cy0, int cx1, int cy1, double[] nodata) {
        return crop(cx0, cy0, cx1, cy1, nodata, null);
    }

    /**
     * As {@link #crop(int, int, int, int, double[])}, into the caller's arrays (one per band, each at least as
     * long as the copy) when they are given, so that a warper copies every tile's window into the same memory:
     * a new copy per tile was 0.56 GB of the Lisbon benchmark raster's allocation. The copy's bands may be longer
     * than its pixels.
     */
    SourceWindow crop(int cx0, int cy0, int cx1, int cy1, double[] nodata, double[][] into) {
        int ax = Math.max(x0, cx0);
        int ay = Math.max(y0, cy0);
        int bx = Math.min(x0 + width, cx1);
        int by = Math.min(y0 + height, cy1);
        if (ax >= bx || ay >= by) {
            return null;
        }
        int w = bx - ax;
        int h = by - ay;
        double[][] out = into != null ? into : new double[bands.length][w * h];
        for (int b = 0; b < bands.length; b++) {
            double nd = nodata == null ? Double.NaN : nodata[b];
            for (int r = 0; r < h; r++) {
                int from = index(ax, ay + r);
                if (nd == nd) {
                    double[] src = bands[b];
                    double[] dst = out[b];
                    for (int c = 0, i = r * w; c < w; c++, i++) {
                        double v = src[from + c];
                        dst[i] = v == nd ? Double.NaN : v;
                    }
                } else {
                    System.arraycopy(bands[b], from, out[b], r * w, w);
                }
            }
        }
        return new SourceWindow(ax, ay, w, h, out, nodata != null || nodataAsNaN);
    }

    /** Index into a band of the sample at a raster column and row. */
    int index(int col, int row) {
        return (row - y0) * width + (col - x0);
    }
}
