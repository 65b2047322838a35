package org.rasterdesk.raster.tiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The codecs on hand-checked inputs; whole files are compared with GDAL elsewhere. */
class DecompressorsTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void packBitsExampleFromTheTiffSpecification() {
        byte[] packed = bytes(0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7,
                0xAA);
        byte[] expected = bytes(0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0x22,
                0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA);
        byte[] out = new byte[expected.length];
        assertEquals(expected.length, Decompressors.packBits(packed, out));
        assertArrayEquals(expected, out);
    }

    @Test
    void packBitsNeverWritesPastTheBlock() {
        byte[] out = new byte[3];
        assertEquals(3, Decompressors.packBits(bytes(0x81, 0x07), out));  // a run of 128 cut at 3
        assertArrayEquals(bytes(7, 7, 7), out);
    }

    @Test
    void horizontalPredictorWrapsAroundLikeLibtiff() {
        // Two 16-bit little-endian samples: 65535 then +2, which wraps to 1.
        byte[] row = bytes(0xFF, 0xFF, 0x02, 0x00);
        Predictors.horizontal(row, 1, 2, 1, 2, ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(bytes(0xFF, 0xFF, 0x01, 0x00), row);
    }

    @Test
    void floatingPointPredictorRegroupsBytePlanes() {
        // One row of two Float32 samples 1.0f (3F800000) and 2.0f (40000000): byte planes [3F 40][80 00][00 00][00 00]
        // differenced across the row.
        byte[] planes = bytes(0x3F, 0x40, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00);
        byte[] diff = new byte[planes.length];
        diff[0] = planes[0];
        for (int i = 1; i < planes.length; i++) {
            diff[i] = (byte) (planes[i] - planes[i - 1]);
        }
        Predictors.floatingPoint(diff, 1, 2, 1, 4);
        assertArrayEquals(bytes(0x3F, 0x80, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00), diff);
    }

    @Test
    void floatingPointPredictorStraightIntoFloatsGivesWhatTheBytePassesGive() {
        java.util.Random random = new java.util.Random(3);
        // Rows shorter than a long, with a tail, and longer than the byte sums' lane chunk.
        for (int width : new int[] {1, 7, 8, 13, 256, 1029, 3000}) {
            int rows = 3;
            byte[] diff = new byte[width * rows * 4];
            random.nextBytes(diff);
            byte[] planes = diff.clone();
            Predictors.floatingPoint(planes, rows, width, 1, 4);
            float[] expected = new float[width * rows];
            java.nio.ByteBuffer.wrap(planes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(expected);
            float[] floats = new float[width * rows];
            Predictors.floatingPointFloats(diff, rows, width, floats);
            for (int i = 0; i < floats.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(floats[i]),
                        "width " + width + " sample " + i);
            }
        }
    }

    @Test
    void byteSumsKeepTheLowEightBits() {
        byte[] b = new byte[5000];
        new java.util.Random(5).nextBytes(b);
        for (int from : new int[] {0, 3}) {
            for (int length : new int[] {0, 5, 8, 1024, 1031, 4997}) {
                int sum = 0;
                for (int i = from; i < from + length; i++) {
                    sum += b[i];
                }
                assertEquals(sum & 0xFF, Predictors.byteSum(b, from, length) & 0xFF, from + " " + length);
            }
        }
    }
}
