package org.rasterdesk.tiling;

import org.rasterdesk.raster.pixel.PixelType;

/**
 * Makes a tile of zoom z-1 from its up to four children at zoom z by 2×2 reduction: each child fills one
 * quadrant of the parent. A 2×2 block with no valid pixel is nodata; a missing child is all nodata. Parents are held
 * in the tiles' pixel type. Not thread safe (it keeps a scratch band).
 */
public final class PyramidReducer {

    private static final int N = TileData.SIZE;
    private static final int HALF = N / 2;

    private final Reduction reduction;
    private final PixelType pixelType;
    private final double[] nodata;
    private final SampleFitter[] fitters;
    /** A child band as doubles, for a child held in its own type. */
    private final double[] scratch = new double[N * N];

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

    /** The bands of a parent tile full of nodata, in the tiles' pixel type, to reduce children into. */
    public TileSamples[] emptyParent() {
        TileSamples[] bands = new TileSamples[nodata.length];
        for (int b = 0; b < bands.length; b++) {
            bands[b] = TileSamples.filled(pixelType, nodata[b], nodata[b]);
        }
        return bands;
    }

    /** Writes the reduction of a child tile into its quadrant of the parent's bands. */
    public void reduceInto(TileData child, TileSamples[] parent) {
        if (child.bandCount() != nodata.length) {
            throw new IllegalArgumentException("the child has " + child.bandCount() + " bands, expected "
                    + nodata.length);
        }
        int offsetX = (child.key().x() & 1) * HALF;
        int offsetY = (child.key().y() & 1) * HALF;
        double[] block = new double[4];
        for (int b = 0; b < nodata.length; b++) {
            TileSamples held = child.samples(b);
            double[] in = held.heldDoubles();
            if (in == null) {
                in = scratch;
                held.copyTo(in);
            }
            TileSamples out = parent[b];
            double nd = nodata[b];
            for (int r = 0; r < HALF; r++) {
                int at = (offsetY + r) * N + offsetX;
                for (int c = 0; c < HALF; c++) {
                    int p = 2 * r * N + 2 * c;
                    double v00 = in[p];
                    double v10 = in[p + 1];
                    double v01 = in[p + N];
                    double v11 = in[p + N + 1];
                    if (reduction == Reduction.MODE && v00 == v10 && v00 == v01 && v00 == v11) {
                        // Four equal pixels (not NaN), the usual case of categorical data: their value, nodata or not.
                        out.set(at + c, v00);
                        continue;
                    }
                    int valid = 0;
                    valid = add(block, valid, v00, b);
                    valid = add(block, valid, v10, b);
                    valid = add(block, valid, v01, b);
                    valid = add(block, valid, v11, b);
                    out.set(at + c, valid == 0 ? nd : reduce(block, valid, b));
                }
            }
        }
    }

    /** The parent of up to four children (null entries or fewer children: missing, all nodata). */
    public TileData parent(TileKey parentKey, TileData... children) {
        TileSamples[] bands = emptyParent();
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
