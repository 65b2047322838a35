package org.rasterdesk.tiling;

import java.util.Arrays;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Makes a tile of zoom z-1 from its up to four children at zoom z by 2×2 reduction: each child fills one
 * quadrant of the parent. A 2×2 block with no valid pixel is nodata; a missing child is all nodata.
 */
public final class PyramidReducer {

    private static final int N = TileData.SIZE;
    private static final int HALF = N / 2;

    private final Reduction reduction;
    private final PixelType pixelType;
    private final double[] nodata;
    private final SampleFitter[] fitters;

    /** @param nodata per band the nodata value of the tiles, children and parents alike */
    public PyramidReducer(Reduction reduction, PixelType pixelType, double[] nodata) {
        this.reduction = reduction;
        this.pixelType = pixelType;
        this.nodata = nodata.clone();
        this.fitters = new SampleFitter[nodata.length];
        for (int b = 0; b < nodata.length; b++) {
            fitters[b] = new SampleFitter(pixelType, nodata[b]);
        }
    }

    /** A parent tile full of nodata, to reduce children into. */
    public double[][] emptyParent() {
        double[][] bands = new double[nodata.length][N * N];
        for (int b = 0; b < bands.length; b++) {
            Arrays.fill(bands[b], nodata[b]);
        }
        return bands;
    }

    /** Writes the reduction of a child tile into its quadrant of the parent's bands. */
    public void reduceInto(TileData child, double[][] parent) {
        if (child.bandCount() != nodata.length) {
            throw new IllegalArgumentException("the child has " + child.bandCount() + " bands, expected "
                    + nodata.length);
        }
        int offsetX = (child.key().x() & 1) * HALF;
        int offsetY = (child.key().y() & 1) * HALF;
        double[] block = new double[4];
        for (int b = 0; b < nodata.length; b++) {
            double[] in = child.bands()[b];
            double[] out = parent[b];
            for (int r = 0; r < HALF; r++) {
                for (int c = 0; c < HALF; c++) {
                    int p = 2 * r * N + 2 * c;
                    int valid = 0;
                    valid = add(block, valid, in[p], b);
                    valid = add(block, valid, in[p + 1], b);
                    valid = add(block, valid, in[p + N], b);
                    valid = add(block, valid, in[p + N + 1], b);
                    out[(offsetY + r) * N + offsetX + c] = valid == 0 ? nodata[b] : reduce(block, valid, b);
                }
            }
        }
    }

    /** The parent of up to four children (null entries or fewer children: missing, all nodata). */
    public TileData parent(TileKey parentKey, TileData... children) {
        double[][] bands = emptyParent();
        for (TileData child : children) {
            if (child == null) {
                continue;
            }
            if (!child.key().parent().equals(parentKey)) {
                throw new IllegalArgumentException(child.key() + " is not a child of " + parentKey);
            }
            reduceInto(child, bands);
        }
        return new TileData(parentKey, pixelType, nodata.clone(), bands);
    }

    private int add(double[] block, int valid, double v, int band) {
        if (Double.isNaN(v) || v == nodata[band]) {
            return valid;
        }
        block[valid] = v;
        return valid + 1;
    }

    private double reduce(double[] block, int valid, int band) {
        if (reduction == Reduction.AVERAGE) {
            double sum = 0;
            for (int i = 0; i < valid; i++) {
                sum += block[i];
            }
            return fitters[band].fit(sum / valid);
        }
        return mode(block, valid);
    }

    private static double mode(double[] block, int valid) {
        double best = Double.NaN;
        int bestCount = 0;
        for (int i = 0; i < valid; i++) {
            int count = 0;
            for (int k = 0; k < valid; k++) {
                if (block[k] == block[i]) {
                    count++;
                }
            }
            if (count > bestCount || (count == bestCount && block[i] < best)) {
                best = block[i];
                bestCount = count;
            }
        }
        return best;
    }
}
