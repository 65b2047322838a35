package org.rasterdesk.raster.tiff;

import java.nio.ByteOrder;

/**
 * Undoes TIFF predictors in place, row by row. Apache SIS is bypassed here: it refuses predictor 3 and reads
 * predictor 2 on floats wrongly, whereas libtiff (and so GDAL) applies predictor 2 to the samples' bit patterns
 * as integers of the sample's width, whatever their format.
 */
final class Predictors {

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
}
