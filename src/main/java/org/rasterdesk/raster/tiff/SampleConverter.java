package org.rasterdesk.raster.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.rasterdesk.raster.pixel.PixelType;

/** Turns decoded block bytes into per-band samples; bulk buffer gets do the byte swapping in one intrinsic. */
final class SampleConverter {

    private SampleConverter() {
    }

    static Block toBlock(byte[] raw, int width, int rows, int bands, PixelType type, ByteOrder order) {
        int pixels = width * rows;
        ByteBuffer buf = ByteBuffer.wrap(raw).order(order);
        switch (type) {
            case BYTE, INT8 -> {
                float[][] out = new float[bands][pixels];
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
                float[][] out = new float[bands][pixels];
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
                double[][] out = new double[bands][pixels];
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
                float[] values = new float[pixels * bands];
                buf.asFloatBuffer().get(values);
                if (bands == 1) {
                    return new Block(width, rows, new float[][] {values}, null);
                }
                float[][] out = new float[bands][pixels];
                for (int i = 0, k = 0; i < pixels; i++) {
                    for (int b = 0; b < bands; b++) {
                        out[b][i] = values[k++];
                    }
                }
                return new Block(width, rows, out, null);
            }
            case FLOAT64 -> {
                double[] values = new double[pixels * bands];
                buf.asDoubleBuffer().get(values);
                if (bands == 1) {
                    return new Block(width, rows, null, new double[][] {values});
                }
                double[][] out = new double[bands][pixels];
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
}
