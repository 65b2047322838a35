package org.rasterdesk.raster.tiff;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Undoes TIFF predictors in place, row by row. Apache SIS is bypassed here: it refuses predictor 3 and reads
 * predictor 2 on floats wrongly, whereas libtiff (and so GDAL) applies predictor 2 to the samples' bit patterns
 * as integers of the sample's width, whatever their format.
 */
final class Predictors {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Bytes summed in 16-bit lanes before the lanes are folded: 128 longs add at most 65,280 to a lane. */
    private static final int LANE_CHUNK = 128 * Long.BYTES;

    private Predictors() {
    }

    /** Horizontal differencing (predictor 2) on {@code rows} rows of {@code samplesPerRow} samples. */
    static void horizontal(byte[] b, int rows, int samplesPerRow, int stride, int bytes, ByteOrder order) {
        int rowBytes = samplesPerRow * bytes;
        boolean little = order == ByteOrder.LITTLE_ENDIAN;
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            switch (bytes) {
                case 1 -> {
                    for (int i = stride; i < samplesPerRow; i++) {
                        b[base + i] += b[base + i - stride];
                    }
                }
                case 2 -> {
                    for (int i = stride; i < samplesPerRow; i++) {
                        int p = base + i * 2;
                        int q = p - stride * 2;
                        put(b, p, 2, get(b, p, 2, little) + get(b, q, 2, little), little);
                    }
                }
                default -> {
                    for (int i = stride; i < samplesPerRow; i++) {
                        int p = base + i * bytes;
                        int q = p - stride * bytes;
                        put(b, p, bytes, get(b, p, bytes, little) + get(b, q, bytes, little), little);
                    }
                }
            }
        }
    }

    private static long get(byte[] b, int p, int n, boolean little) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            int idx = little ? p + n - 1 - k : p + k;
            v = (v << 8) | (b[idx] & 0xFF);
        }
        return v;
    }

    private static void put(byte[] b, int p, int n, long v, boolean little) {
        for (int k = n - 1; k >= 0; k--) {
            int idx = little ? p + n - 1 - k : p + k;
            b[idx] = (byte) v;
            v >>>= 8;
        }
    }

    /**
     * Floating point predictor (3): bytes differenced across the row, then regrouped from byte planes (most
     * significant plane first) into samples. The result is written big-endian, whatever the file's order.
     */
    static void floatingPoint(byte[] b, int rows, int samplesPerRow, int stride, int bytes) {
        int rowBytes = samplesPerRow * bytes;
        byte[] tmp = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            accumulate(b, base, rowBytes, stride, tmp);
            for (int k = 0; k < bytes; k++) {
                int plane = k * samplesPerRow;
                for (int s = 0, p = base + k; s < samplesPerRow; s++, p += bytes) {
                    b[p] = tmp[plane + s];
                }
            }
        }
    }

    /** Undoes byte differencing of one row into {@code dst}; the usual stride of 1 keeps the sum in a register. */
    private static void accumulate(byte[] src, int base, int length, int stride, byte[] dst) {
        if (stride == 1) {
            byte acc = 0;
            for (int i = 0; i < length; i++) {
                acc += src[base + i];
                dst[i] = acc;
            }
        } else {
            System.arraycopy(src, base, dst, 0, length);
            for (int i = stride; i < length; i++) {
                dst[i] += dst[i - stride];
            }
        }
    }

    /**
     * The floating point predictor on 32-bit samples, one a pixel (stride 1), straight into floats: what
     * {@link #floatingPoint} and a big-endian read of the result give, in one pass instead of three (summing the row,
     * regrouping its bytes, reading them as floats), which took a quarter of the Lisbon benchmark raster's decode.
     * The four byte planes of a row are summed side by side, each from where the planes before it end (their byte
     * sums, taken eight bytes at a time), so the four running sums do not wait for one another.
     */
    static void floatingPointFloats(byte[] b, int rows, int samplesPerRow, float[] out) {
        int n = samplesPerRow;
        for (int r = 0; r < rows; r++) {
            int p0 = r * n * 4;
            int p1 = p0 + n;
            int p2 = p1 + n;
            int p3 = p2 + n;
            int a0 = 0;
            int a1 = byteSum(b, p0, n);
            int a2 = a1 + byteSum(b, p1, n);
            int a3 = a2 + byteSum(b, p2, n);
            int o = r * n;
            for (int s = 0; s < n; s++) {
                a0 += b[p0 + s];
                a1 += b[p1 + s];
                a2 += b[p2 + s];
                a3 += b[p3 + s];
                out[o + s] = Float.intBitsToFloat(a0 << 24 | (a1 & 0xFF) << 16 | (a2 & 0xFF) << 8 | (a3 & 0xFF));
            }
        }
    }

    /** The sum of {@code length} bytes from {@code from}, right in its low eight bits (all a byte sum needs). */
    static int byteSum(byte[] b, int from, int length) {
        int sum = 0;
        int i = 0;
        while (i + Long.BYTES <= length) {
            int end = Math.min(length - Long.BYTES, i + LANE_CHUNK - Long.BYTES);
            long lanes = 0;
            for (; i <= end; i += Long.BYTES) {
                long x = (long) LONGS.get(b, from + i);
                lanes += (x & 0x00FF00FF00FF00FFL) + ((x >>> 8) & 0x00FF00FF00FF00FFL);
            }
            sum += (int) ((lanes & 0xFFFF) + ((lanes >>> 16) & 0xFFFF) + ((lanes >>> 32) & 0xFFFF) + (lanes >>> 48));
        }
        for (; i < length; i++) {
            sum += b[from + i];
        }
        return sum;
    }
}
