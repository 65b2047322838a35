package org.rasterdesk.tiling;

import org.rasterdesk.raster.RasterInfo;

/**
 * Computes the tile pixels from the source coordinates their centres map to, following GDAL's warp kernel:
 * a tile pixel whose centre maps outside the raster is nodata; a source pixel is valid unless it is the band's
 * nodata (or NaN). Nearest takes the pixel that holds the point. Bilinear and cubic are nodata if the pixel that
 * holds the point is nodata, and otherwise weigh only the valid pixels of the kernel, renormalising the weights
 * (pixels past the raster edge count as invalid). Average weighs every valid source pixel by the area it shares
 * with the tile pixel's footprint (estimated from the neighbouring pixels' mapping) and is nodata without any.
 * Unlike GDAL, bilinear and cubic do not widen their kernel when the tile pixels are coarser than the source
 * (at the max zoom they are not); use AVERAGE for reduction.
 */
final class PixelSampler {

    private static final int N = TileData.SIZE;
    /** GDAL nudges the mapped point by this much before flooring, so points on a pixel edge fall inside. */
    private static final double EDGE_EPSILON = 1e-10;
    private static final double CUBIC_A = -0.5;

    private final RasterInfo info;
    private final Resampling resampling;
    private final double[] tileNodata;
    private final SampleFitter[] fitters;
    private final int bands;

    PixelSampler(RasterInfo info, Resampling resampling, double[] tileNodata) {
        if (tileNodata.length != info.bandCount()) {
            throw new IllegalArgumentException("one tile nodata value per band is needed");
        }
        this.info = info;
        this.resampling = resampling;
        this.tileNodata = tileNodata.clone();
        this.bands = info.bandCount();
        this.fitters = new SampleFitter[bands];
        for (int b = 0; b < bands; b++) {
            fitters[b] = new SampleFitter(info.pixelType(), tileNodata[b]);
        }
    }

    /** Fills out[band][pixel] for one tile; window may be null when the tile misses the raster. */
    void sample(SourceWindow window, double[] sx, double[] sy, double[][] out) {
        for (int b = 0; b < bands; b++) {
            java.util.Arrays.fill(out[b], tileNodata[b]);
        }
        if (window == null) {
            return;
        }
        int w = info.width();
        int h = info.height();
        for (int p = 0; p < N * N; p++) {
            double x = sx[p];
            double y = sy[p];
            if (!(x >= 0 && y >= 0)) {
                continue;
            }
            int col = (int) (x + EDGE_EPSILON);
            int row = (int) (y + EDGE_EPSILON);
            if (col >= w || row >= h || !window.contains(col, row)) {
                continue;
            }
            switch (resampling) {
                case NEAREST -> nearest(window, col, row, out, p);
                case BILINEAR -> bilinear(window, col, row, x, y, out, p);
                case CUBIC -> cubic(window, col, row, x, y, out, p);
                case AVERAGE -> average(window, x, y, footprint(sx, p, 1), footprint(sy, p, N),
                        footprint(sx, p, N), footprint(sy, p, 1), out, p);
                default -> throw new AssertionError(resampling);
            }
        }
    }

    private void nearest(SourceWindow window, int col, int row, double[][] out, int p) {
        int i = window.index(col, row);
        for (int b = 0; b < bands; b++) {
            double v = window.bands()[b][i];
            if (!info.isNodata(b, v)) {
                out[b][p] = fitters[b].fit(v);
            }
        }
    }

    private void bilinear(SourceWindow window, int col, int row, double x, double y, double[][] out, int p) {
        int c0 = (int) Math.floor(x - 0.5);
        int r0 = (int) Math.floor(y - 0.5);
        double fx = x - 0.5 - c0;
        double fy = y - 0.5 - r0;
        double[] wx = {1 - fx, fx};
        double[] wy = {1 - fy, fy};
        convolve(window, col, row, c0, r0, wx, wy, out, p);
    }

    private void cubic(SourceWindow window, int col, int row, double x, double y, double[][] out, int p) {
        int c0 = (int) Math.floor(x - 0.5) - 1;
        int r0 = (int) Math.floor(y - 0.5) - 1;
        double[] wx = new double[4];
        double[] wy = new double[4];
        for (int k = 0; k < 4; k++) {
            wx[k] = keys(x - 0.5 - (c0 + k));
            wy[k] = keys(y - 0.5 - (r0 + k));
        }
        convolve(window, col, row, c0, r0, wx, wy, out, p);
    }

    private void convolve(SourceWindow window, int col, int row, int c0, int r0, double[] wx, double[] wy,
                          double[][] out, int p) {
        int centre = window.index(col, row);
        for (int b = 0; b < bands; b++) {
            double[] band = window.bands()[b];
            if (info.isNodata(b, band[centre])) {
                continue;
            }
            double sum = 0;
            double weight = 0;
            for (int j = 0; j < wy.length; j++) {
                int r = r0 + j;
                for (int i = 0; i < wx.length; i++) {
                    int c = c0 + i;
                    if (!window.contains(c, r)) {
                        continue;
                    }
                    double v = band[window.index(c, r)];
                    if (info.isNodata(b, v)) {
                        continue;
                    }
                    double k = wx[i] * wy[j];
                    sum += k * v;
                    weight += k;
                }
            }
            if (Math.abs(weight) > 1e-5) {
                out[b][p] = fitters[b].fit(sum / weight);
            }
        }
    }

    private void average(SourceWindow window, double x, double y, double dxAlongCols, double dyAlongRows,
                         double dxAlongRows, double dyAlongCols, double[][] out, int p) {
        double hx = 0.5 * (Math.abs(dxAlongCols) + Math.abs(dxAlongRows));
        double hy = 0.5 * (Math.abs(dyAlongCols) + Math.abs(dyAlongRows));
        double left = x - hx;
        double right = x + hx;
        double top = y - hy;
        double bottom = y + hy;
        int c0 = Math.max(window.x0(), (int) Math.floor(left));
        int c1 = Math.min(window.x0() + window.width() - 1, (int) Math.ceil(right) - 1);
        int r0 = Math.max(window.y0(), (int) Math.floor(top));
        int r1 = Math.min(window.y0() + window.height() - 1, (int) Math.ceil(bottom) - 1);
        for (int b = 0; b < bands; b++) {
            double[] band = window.bands()[b];
            double sum = 0;
            double weight = 0;
            for (int r = r0; r <= r1; r++) {
                double wy = Math.min(bottom, r + 1) - Math.max(top, r);
                for (int c = c0; c <= c1; c++) {
                    double v = band[window.index(c, r)];
                    if (info.isNodata(b, v)) {
                        continue;
                    }
                    double k = wy * (Math.min(right, c + 1) - Math.max(left, c));
                    sum += k * v;
                    weight += k;
                }
            }
            if (weight > 0) {
                out[b][p] = fitters[b].fit(sum / weight);
            }
        }
    }

    /** The change of a mapped coordinate from one tile pixel to the next (step 1: along a row, N: down). */
    private static double footprint(double[] s, int p, int step) {
        int along = step == 1 ? p % N : p / N;
        double ahead = along + 1 < N ? s[p + step] : Double.NaN;
        double behind = along > 0 ? s[p - step] : Double.NaN;
        if (Double.isFinite(ahead) && Double.isFinite(behind)) {
            return (ahead - behind) / 2;
        }
        if (Double.isFinite(ahead)) {
            return ahead - s[p];
        }
        return Double.isFinite(behind) ? s[p] - behind : 1;
    }

    private static double keys(double t) {
        double a = Math.abs(t);
        if (a <= 1) {
            return ((CUBIC_A + 2) * a - (CUBIC_A + 3)) * a * a + 1;
        }
        if (a < 2) {
            return ((CUBIC_A * a - 5 * CUBIC_A) * a + 8 * CUBIC_A) * a - 4 * CUBIC_A;
        }
        return 0;
    }
}
