package org.rasterdesk.raster.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.rasterdesk.raster.pixel.PixelType;

/** Turns decoded block bytes into per-band samples; bulk buffer gets do the byte swapping in one intrinsic. */
final class SampleConverter {

    private SampleConverter() {
    }

    static Block toBlock(byte[] raw, int width, int rows, int bands, PixelType type, ByteOrder order) {
        return toBlock(raw, width, rows, bands, type, order, null);
    }

    /**
     * As {@link #toBlock(byte[], int, int, int, PixelType, ByteOrder)}, into the arrays of {@code reuse} when they
     * have the size (every sample of them is overwritten); new arrays otherwise, or when {@code reuse} is null.
     */
    static Block toBlock(byte[] raw, int width, int rows, int bands, PixelType type, ByteOrder order, Block reuse) {
        int pixels = width * rows;
        ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
        switch (type) {
            case BYTE, INT8 -> {
                float[][] out = floats(reuse, bands, pixels);
                boolean signed = type == PixelType.INT8;
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        byte v = raw[k++];
                        out[b][i] = signed ? v : v & 0xFF;
                    }
                }
                return new Block(width, rows, out, null);
            }
            case UINT16, INT16 -> {
                short[] values = new short[pixels * bands];
                buf.asShortBuffer().get(values);
                float[][] out = floats(reuse, bands, pixels);
                boolean unsigned = type == PixelType.UINT16;
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        short v = values[k++];
                        out[b][i] = unsigned ? Short.toUnsignedInt(v) : v;
                    }
                }
                return new Block(width, rows, out, null);
            }
            case UINT32, INT32 -> {
                int[] values = new int[pixels * bands];
                buf.asIntBuffer().get(values);
                double[][] out = doubles(reuse, bands, pixels);
                boolean unsigned = type == PixelType.UINT32;
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        int v = values[k++];
                        out[b][i] = unsigned ? Integer.toUnsignedLong(v) : v;
                    }
                }
                return new Block(width, rows, null, out);
            }
            case FLOAT32 -> {
                if (bands == 1) {
                    float[][] out = floats(reuse, 1, pixels);
                    buf.asFloatBuffer().get(out[0]);
                    return new Block(width, rows, out, null);
                }
                float[] values = new float[pixels * bands];
                buf.asFloatBuffer().get(values);
                float[][] out = floats(reuse, bands, pixels);
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        out[b][i] = values[k++];
                    }
                }
                return new Block(width, rows, out, null);
            }
            case FLOAT64 -> {
                if (bands == 1) {
                    double[][] out = doubles(reuse, 1, pixels);
                    buf.asDoubleBuffer().get(out[0]);
                    return new Block(width, rows, null, out);
                }
                double[] values = new double[pixels * bands];
                buf.asDoubleBuffer().get(values);
                double[][] out = doubles(reuse, bands, pixels);
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        out[b][i] = values[k++];
                    }
                }
                return new Block(width, rows, null, out);
            }
            default -> throw new IllegalStateException("unknown pixel type " + type);
        }
    }

    /** The float bands of {@code reuse} when it holds {@code bands} of exactly {@code pixels} samples, else new ones. */
    static float[][] floats(Block reuse, int bands, int pixels) {
        if (reuse != null && reuse.bands() == bands && reuse.floats(0) != null && reuse.floats(0).length == pixels) {
            float[][] out = new float[bands][];
            for (int b = 0; b < bands; b++) {
                out[b] = reuse.floats(b);
            }
            return out;
        }
        return new float[bands][pixels];
    }

    /** As {@link #floats}, for bands held as doubles. */
    private static double[][] doubles(Block reuse, int bands, int pixels) {
        if (reuse != null && reuse.bands() == bands && reuse.doubles(0) != null
                && reuse.doubles(0).length == pixels) {
            double[][] out = new double[bands][];
            for (int b = 0; b < bands; b++) {
                out[b] = reuse.doubles(b);
            }
            return out;
        }
        return new double[bands][pixels];
    }

    /**
     * Unpacks samples of {@code bits} bits (1 to 31), packed most significant bit first with each row starting on a
     * byte, into big-endian samples of the type's width.
     */
    static byte[] unpack(byte[] packed, int rowSamples, int rows, int bits, PixelType type) {
        int width = type.bytes();
        byte[] out = new byte[rowSamples * rows * width];
        int rowBytes = (rowSamples * bits + 7) / 8;
        long mask = (1L << bits) - 1;
        for (int r = 0; r < rows; r++) {
            long bit = (long) r * rowBytes * 8;
            int o = r * rowSamples * width;
            for (int i = 0; i < rowSamples; i++, bit += bits, o += width) {
                long v = 0;
                int first = (int) (bit >>> 3);
                int last = (int) ((bit + bits - 1) >>> 3);
                for (int k = first; k <= last; k++) {
                    v = (v << 8) | (packed[k] & 0xFF);
                }
                v = (v >>> (7 - ((bit + bits - 1) & 7))) & mask;
                for (int k = width - 1; k >= 0; k--) {
                    out[o + k] = (byte) v;
                    v >>>= 8;
                }
            }
        }
        return out;
    }

    /** IEEE 754 half-precision floats to big-endian single-precision floats, as GDAL reads Float16 files. */
    static byte[] halfToFloat(byte[] raw, ByteOrder order) {
        ByteBuffer in = ByteBuffer.wrap(raw).order(order);
        ByteBuffer out = ByteBuffer.allocate(raw.length * 2);
        for (int i = 0; i + 1 < raw.length; i += 2) {
            out.putFloat(halfToFloat(in.getShort(i)));
        }
        return out.array();
    }

    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | mantissa << 13);
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            // Subnormal: normalise the mantissa.
            float v = mantissa / 1024f / 16384f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | (exponent + 112) << 23 | mantissa << 13);
    }
}
