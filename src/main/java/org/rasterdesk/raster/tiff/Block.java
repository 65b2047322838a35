package org.rasterdesk.raster.tiff;

import java.util.Arrays;

/**
 * The decoded samples of one strip or tile, per band of the block, each {@code width × rows} in row order.
 * Types that a float holds exactly (8 and 16-bit integers, Float32) are kept as floats: half the memory, and a
 * 256×256 tile stays below the size at which the G1 collector treats arrays as humongous.
 */
public final class Block {

    private final int width;
    private final int rows;
    private final float[][] floats;
    private final double[][] doubles;

    Block(int width, int rows, float[][] floats, double[][] doubles) {
        this.width = width;
        this.rows = rows;
        this.floats = floats;
        this.doubles = doubles;
    }

    public int width() {
        return width;
    }

    public int rows() {
        return rows;
    }

    public int bands() {
        return floats != null ? floats.length : doubles.length;
    }

    /** The samples of a band as floats (rows of {@link #width()}), or null when they are kept as doubles. */
    public float[] floats(int band) {
        return floats == null ? null : floats[band];
    }

    /** The samples of a band as doubles, or null when they are kept as floats. */
    public double[] doubles(int band) {
        return doubles == null ? null : doubles[band];
    }

    /** Memory held by the samples, for the cache's budget. */
    public long bytes() {
        return (long) bands() * width * rows * (floats != null ? Float.BYTES : Double.BYTES);
    }

    /** Copies {@code length} samples of a band from block index {@code from} to {@code dst[to]}. */
    public void copy(int band, int from, double[] dst, int to, int length) {
        if (doubles != null) {
            System.arraycopy(doubles[band], from, dst, to, length);
        } else {
            float[] src = floats[band];
            for (int i = 0; i < length; i++) {
                dst[to + i] = src[from + i];
            }
        }
    }

    void fill(double value) {
        for (int b = 0; b < bands(); b++) {
            if (doubles != null) {
                Arrays.fill(doubles[b], value);
            } else {
                Arrays.fill(floats[b], (float) value);
            }
        }
    }
}
