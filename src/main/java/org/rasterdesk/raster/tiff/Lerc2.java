package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * A decoder of LERC2 blobs (Esri's Limited Error Raster Compression, versions 2 to 5) as libtiff stores them in
 * TIFF blocks, optionally wrapped in DEFLATE or ZSTD (the LercParameters tag). No Java library reads LERC, so this
 * follows the format of Esri's reference implementation (github.com/Esri/lerc, Apache 2.0): a header, a validity
 * mask (run-length coded), then the values either raw, as Huffman codes (8-bit data), or per micro block as
 * bit-stuffed integers quantised by twice the allowed error. Every size read from the blob is checked against the
 * block's own before anything is allocated.
 */
final class Lerc2 {

    private static final byte[] KEY = "Lerc2 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int MAX_VERSION = 5;
    private static final int DT_CHAR = 0;
    private static final int DT_BYTE = 1;
    private static final int DT_SHORT = 2;
    private static final int DT_USHORT = 3;
    private static final int DT_INT = 4;
    private static final int DT_UINT = 5;
    private static final int DT_FLOAT = 6;
    private static final int DT_DOUBLE = 7;

    /** The decoded values of one blob, pixel-interleaved over its depth, and which pixels are valid. */
    record Decoded(int rows, int cols, int depth, double[] values, boolean[] valid) {
    }

    private Lerc2() {
    }

    /**
     * Decodes a TIFF block into {@code raw}, pixel-interleaved samples in {@code order}, as libtiff returns them:
     * invalid pixels of float data are NaN, an alpha band coded as LERC mask is 255 or 0.
     *
     * @param parameters the LercParameters tag: {version, additional compression (0 none, 1 DEFLATE, 2 ZSTD)}
     * @return the number of bytes produced
     */
    static int decodeBlock(byte[] data, long[] parameters, TiffSampleType type, int width, int rows, int bands,
                           byte[] raw, ByteOrder order) throws IOException {
        int wrapping = parameters != null && parameters.length > 1 ? (int) parameters[1] : 0;
        // libtiff sizes its buffer for the LERC blob at a third more than the pixels, plus masks.
        int cap = raw.length + raw.length / 3 + 256 + width * rows * bands;
        byte[] blob = switch (wrapping) {
            case 0 -> data;
            case 1 -> unwrap(data, cap, true);
            case 2 -> unwrap(data, cap, false);
            default -> throw new IOException("unknown LERC wrapping " + wrapping);
        };
        PixelType pixelType = type.pixelType();
        ByteBuffer out = ByteBuffer.wrap(raw).order(order);
        int pixels = width * rows;
        int offset = 0;
        Decoded first = decode(blob, 0, pixelType);
        check(first, width, rows);
        if (first.depth() == bands) {
            write(first, pixelType, out, bands, 0, true);
        } else if (first.depth() == bands - 1 && pixelType == PixelType.BYTE) {
            // An RGBA block whose alpha of only 0 and 255 was stored as the LERC mask.
            write(first, pixelType, out, bands, 0, false);
            for (int p = 0; p < pixels; p++) {
                raw[p * bands + bands - 1] = (byte) (first.valid()[p] ? 255 : 0);
            }
        } else if (first.depth() == 1 && bands > 1) {
            // One blob per band (float data with a mask per band), appended one after the other.
            Decoded band = first;
            for (int b = 0; b < bands; b++) {
                if (b > 0) {
                    band = decode(blob, offset, pixelType);
                    check(band, width, rows);
                }
                write(band, pixelType, out, bands, b, true);
                offset += blobSize(blob, offset);
            }
        } else {
            throw new IOException("a LERC blob of depth " + first.depth() + " in a block of " + bands + " bands");
        }
        return raw.length;
    }

    private static void check(Decoded d, int width, int rows) throws IOException {
        if (d.cols() != width || d.rows() != rows) {
            throw new IOException("a LERC blob of " + d.cols() + " × " + d.rows() + " pixels in a block of " + width
                    + " × " + rows);
        }
    }

    private static byte[] unwrap(byte[] data, int cap, boolean deflate) throws IOException {
        byte[] buffer = new byte[cap];
        int n = deflate ? Decompressors.inflate(data, buffer) : Decompressors.zstd(data, buffer);
        return java.util.Arrays.copyOf(buffer, n);
    }

    /** Writes the blob's values as band {@code band} onward of pixel-interleaved samples. */
    private static void write(Decoded d, PixelType type, ByteBuffer out, int bands, int band, boolean nanForInvalid) {
        int size = type.bytes();
        int pixels = d.rows() * d.cols();
        for (int p = 0; p < pixels; p++) {
            boolean valid = d.valid()[p];
            for (int k = 0; k < d.depth(); k++) {
                double v = d.values()[p * d.depth() + k];
                if (!valid && nanForInvalid && type.isFloatingPoint()) {
                    v = Double.NaN;
                }
                int at = (p * bands + band + k) * size;
                switch (type) {
                    case BYTE, INT8 -> out.put(at, (byte) (long) v);
                    case UINT16, INT16 -> out.putShort(at, (short) (long) v);
                    case UINT32, INT32 -> out.putInt(at, (int) (long) v);
                    case FLOAT32 -> out.putFloat(at, (float) v);
                    case FLOAT64 -> out.putDouble(at, v);
                }
            }
        }
    }

    private static int blobSize(byte[] blob, int offset) throws IOException {
        Header h = Header.read(ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).position(offset), blob.length);
        return h.blobSize;
    }

    /** The fields of a blob's header. */
    private static final class Header {
        int version;
        int rows;
        int cols;
        int depth;
        int validPixels;
        int microBlockSize;
        int blobSize;
        int dataType;
        double maxZError;
        double zMin;
        double zMax;

        static Header read(ByteBuffer b, int length) throws IOException {
            int start = b.position();
            for (byte k : KEY) {
                if (!b.hasRemaining() || b.get() != k) {
                    throw new IOException("not a LERC2 blob");
                }
            }
            Header h = new Header();
            h.version = need(b, 4).getInt();
            if (h.version < 2 || h.version > MAX_VERSION) {
                throw new IOException("LERC2 version " + h.version + " is not supported (2 to " + MAX_VERSION
                        + " are)");
            }
            if (h.version >= 3) {
                need(b, 4).getInt();  // checksum, checked by the caller
            }
            need(b, (h.version >= 4 ? 7 : 6) * 4 + 3 * 8);
            h.rows = b.getInt();
            h.cols = b.getInt();
            h.depth = h.version >= 4 ? b.getInt() : 1;
            h.validPixels = b.getInt();
            h.microBlockSize = b.getInt();
            h.blobSize = b.getInt();
            h.dataType = b.getInt();
            h.maxZError = b.getDouble();
            h.zMin = b.getDouble();
            h.zMax = b.getDouble();
            long pixels = (long) h.rows * h.cols;
            if (h.rows <= 0 || h.cols <= 0 || h.depth <= 0 || h.depth > 1024 || h.validPixels < 0
                    || h.validPixels > pixels || h.microBlockSize <= 0 || h.microBlockSize > 32
                    || h.dataType < DT_CHAR || h.dataType > DT_DOUBLE || h.blobSize <= 0
                    || h.blobSize > length - start || pixels * h.depth > Integer.MAX_VALUE / 8) {
                throw new IOException("a damaged LERC2 header");
            }
            return h;
        }
    }

    /** Decodes the blob that starts at {@code offset}. */
    static Decoded decode(byte[] blob, int offset, PixelType expected) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).position(offset);
        Header h = Header.read(b, blob.length);
        if (h.version >= 3) {
            int from = offset + KEY.length + 8;
            int checksum = ByteBuffer.wrap(blob, offset + KEY.length + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (fletcher32(blob, from, offset + h.blobSize - from) != checksum) {
                throw new IOException("a LERC2 blob whose checksum does not match (damaged)");
            }
        }
        if (!matches(h.dataType, expected)) {
            throw new IOException("a LERC2 blob of data type " + h.dataType + " in " + expected + " samples");
        }
        ByteBuffer body = ByteBuffer.wrap(blob, 0, offset + h.blobSize).order(ByteOrder.LITTLE_ENDIAN)
                .position(b.position());
        int pixels = h.rows * h.cols;
        boolean[] valid = readMask(body, h, pixels);
        double[] values = new double[pixels * h.depth];
        Decoded d = new Decoded(h.rows, h.cols, h.depth, values, valid);
        if (h.validPixels == 0) {
            return d;
        }
        if (h.zMin == h.zMax) {
            fill(d, h.zMin, null);
            return d;
        }
        double[] zMins = null;
        double[] zMaxs = null;
        if (h.version >= 4) {
            zMins = new double[h.depth];
            zMaxs = new double[h.depth];
            for (int i = 0; i < h.depth; i++) {
                zMins[i] = readValue(body, h.dataType);
            }
            for (int i = 0; i < h.depth; i++) {
                zMaxs[i] = readValue(body, h.dataType);
            }
            if (java.util.Arrays.equals(zMins, zMaxs)) {
                fill(d, 0, zMins);
                return d;
            }
        }
        boolean oneSweep = need(body, 1).get() != 0;
        if (oneSweep) {
            for (int p = 0; p < pixels; p++) {
                if (valid[p]) {
                    for (int k = 0; k < h.depth; k++) {
                        values[p * h.depth + k] = readValue(body, h.dataType);
                    }
                }
            }
            return d;
        }
        boolean huffmanTried = h.version >= 2 && (h.dataType == DT_BYTE || h.dataType == DT_CHAR)
                && h.maxZError == 0.5;
        if (huffmanTried) {
            int mode = need(body, 1).get();
            if (mode > 2 || (mode > 1 && h.version < 4)) {
                throw new IOException("a damaged LERC2 blob (coding " + mode + ")");
            }
            if (mode != 0) {
                Lerc2Huffman.decode(body, h.version, h.dataType == DT_CHAR ? 128 : 0, mode == 1, d);
                return d;
            }
        }
        readTiles(body, h, d, zMaxs);
        return d;
    }

    private static boolean matches(int dataType, PixelType type) {
        return switch (type) {
            case INT8 -> dataType == DT_CHAR;
            case BYTE -> dataType == DT_BYTE;
            case INT16 -> dataType == DT_SHORT;
            case UINT16 -> dataType == DT_USHORT;
            case INT32 -> dataType == DT_INT;
            case UINT32 -> dataType == DT_UINT;
            case FLOAT32 -> dataType == DT_FLOAT;
            case FLOAT64 -> dataType == DT_DOUBLE;
        };
    }

    private static void fill(Decoded d, double z, double[] perDepth) {
        for (int p = 0; p < d.rows() * d.cols(); p++) {
            if (d.valid()[p]) {
                for (int k = 0; k < d.depth(); k++) {
                    d.values()[p * d.depth() + k] = perDepth == null ? z : perDepth[k];
                }
            }
        }
    }

    /** The validity mask: all valid, none valid, or run-length coded bits (most significant first). */
    private static boolean[] readMask(ByteBuffer b, Header h, int pixels) throws IOException {
        int bytes = need(b, 4).getInt();
        boolean[] valid = new boolean[pixels];
        if (bytes < 0 || ((h.validPixels == 0 || h.validPixels == pixels) && bytes != 0)) {
            throw new IOException("a damaged LERC2 mask");
        }
        if (h.validPixels == pixels) {
            java.util.Arrays.fill(valid, true);
            return valid;
        }
        if (h.validPixels == 0) {
            return valid;
        }
        if (bytes == 0) {
            throw new IOException("a LERC2 blob that refers to a previous mask");
        }
        need(b, bytes);
        int end = b.position() + bytes;
        byte[] bits = new byte[(pixels + 7) / 8];
        int at = 0;
        while (true) {
            short count = need(b, 2).getShort();
            if (count == -32768) {
                break;
            }
            int n = Math.abs(count);
            if (at + n > bits.length || b.position() + (count > 0 ? n : 1) > end) {
                throw new IOException("a damaged LERC2 mask");
            }
            if (count > 0) {
                b.get(bits, at, n);
            } else {
                java.util.Arrays.fill(bits, at, at + n, b.get());
            }
            at += n;
        }
        b.position(end);
        for (int p = 0; p < pixels; p++) {
            valid[p] = (bits[p >> 3] & (0x80 >> (p & 7))) != 0;
        }
        return valid;
    }

    /** The values per micro block of {@code microBlockSize²} pixels, depth by depth. */
    private static void readTiles(ByteBuffer b, Header h, Decoded d, double[] zMaxs) throws IOException {
        int mb = h.microBlockSize;
        int down = (h.rows + mb - 1) / mb;
        int across = (h.cols + mb - 1) / mb;
        int[] buffer = new int[mb * mb];
        for (int ty = 0; ty < down; ty++) {
            int i0 = ty * mb;
            int i1 = Math.min(h.rows, i0 + mb);
            for (int tx = 0; tx < across; tx++) {
                int j0 = tx * mb;
                int j1 = Math.min(h.cols, j0 + mb);
                for (int depth = 0; depth < h.depth; depth++) {
                    double zMax = h.version >= 4 && h.depth > 1 ? zMaxs[depth] : h.zMax;
                    readTile(b, h, d, i0, i1, j0, j1, depth, zMax, buffer);
                }
            }
        }
    }

    private static void readTile(ByteBuffer b, Header h, Decoded d, int i0, int i1, int j0, int j1, int depth,
                                 double zMax, int[] buffer) throws IOException {
        int flag = need(b, 1).get() & 0xFF;
        boolean diff = h.version >= 5 && (flag & 4) != 0;
        int pattern = h.version >= 5 ? 14 : 15;
        if (((flag >> 2) & pattern) != ((j0 >> 3) & pattern) || (diff && depth == 0)) {
            throw new IOException("a damaged LERC2 micro block");
        }
        int bits67 = flag >> 6;
        int mode = flag & 3;
        int nd = h.depth;
        double[] values = d.values();
        boolean[] valid = d.valid();
        if (mode == 2) {
            forEachValid(d, i0, i1, j0, j1, m -> values[m * nd + depth] = diff ? values[m * nd + depth - 1] : 0);
            return;
        }
        if (mode == 0) {
            if (diff) {
                throw new IOException("a damaged LERC2 micro block");
            }
            forEachValidIo(d, i0, i1, j0, j1, m -> values[m * nd + depth] = readValue(b, h.dataType));
            return;
        }
        int used = typeUsed(diff && h.dataType < DT_FLOAT ? DT_INT : h.dataType, bits67);
        double offset = readValue(b, used);
        if (mode == 3) {
            forEachValid(d, i0, i1, j0, j1, m -> {
                int at = m * nd + depth;
                values[at] = diff ? Math.min(offset + values[at - 1], zMax) : offset;
            });
            return;
        }
        int max = (i1 - i0) * (j1 - j0);
        int n = BitStuffer.decode(b, buffer, max, h.version);
        double scale = 2 * h.maxZError;
        int[] next = {0};
        boolean all = n == max;
        if (!all) {
            int count = 0;
            for (int i = i0; i < i1; i++) {
                for (int j = j0; j < j1; j++) {
                    count += valid[i * h.cols + j] ? 1 : 0;
                }
            }
            if (count != n) {
                throw new IOException("a damaged LERC2 micro block (" + n + " values for " + count + " pixels)");
            }
        }
        for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
                int m = i * h.cols + j;
                if (!all && !valid[m]) {
                    continue;
                }
                int at = m * nd + depth;
                double z = offset + Integer.toUnsignedLong(buffer[next[0]++]) * scale + (diff ? values[at - 1] : 0);
                values[at] = cast(Math.min(z, zMax), h.dataType);
            }
        }
    }

    /** C's conversion of the double to the data type (truncation toward zero for integers). */
    private static double cast(double z, int dataType) {
        return switch (dataType) {
            case DT_FLOAT -> (float) z;
            case DT_DOUBLE -> z;
            default -> (double) (long) z;
        };
    }

    private interface PixelAction {
        void apply(int m);
    }

    private interface PixelIo {
        void apply(int m) throws IOException;
    }

    private static void forEachValid(Decoded d, int i0, int i1, int j0, int j1, PixelAction action) {
        for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
                int m = i * d.cols() + j;
                if (d.valid()[m]) {
                    action.apply(m);
                }
            }
        }
    }

    private static void forEachValidIo(Decoded d, int i0, int i1, int j0, int j1, PixelIo action)
            throws IOException {
        for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
                int m = i * d.cols() + j;
                if (d.valid()[m]) {
                    action.apply(m);
                }
            }
        }
    }

    /** The smaller type an offset was written in (bits 6–7 of a micro block's flag), as LERC2 reduces them. */
    private static int typeUsed(int dataType, int reduced) throws IOException {
        int used = switch (dataType) {
            case DT_SHORT, DT_INT -> dataType - reduced;
            case DT_USHORT, DT_UINT -> dataType - 2 * reduced;
            case DT_FLOAT -> reduced == 0 ? dataType : reduced == 1 ? DT_SHORT : DT_BYTE;
            case DT_DOUBLE -> reduced == 0 ? dataType : dataType - 2 * reduced + 1;
            default -> dataType;
        };
        if (used < DT_CHAR || used > DT_DOUBLE) {
            throw new IOException("a damaged LERC2 micro block (type " + used + ")");
        }
        return used;
    }

    static double readValue(ByteBuffer b, int dataType) throws IOException {
        return switch (dataType) {
            case DT_CHAR -> need(b, 1).get();
            case DT_BYTE -> need(b, 1).get() & 0xFF;
            case DT_SHORT -> need(b, 2).getShort();
            case DT_USHORT -> need(b, 2).getShort() & 0xFFFF;
            case DT_INT -> need(b, 4).getInt();
            case DT_UINT -> Integer.toUnsignedLong(need(b, 4).getInt());
            case DT_FLOAT -> need(b, 4).getFloat();
            case DT_DOUBLE -> need(b, 8).getDouble();
            default -> throw new IOException("a damaged LERC2 blob (type " + dataType + ")");
        };
    }

    static ByteBuffer need(ByteBuffer b, int bytes) throws IOException {
        if (bytes < 0 || b.remaining() < bytes) {
            throw new IOException("a LERC2 blob that ends too early");
        }
        return b;
    }

    /** LERC's Fletcher-32 variant over big-endian 16-bit words. */
    static int fletcher32(byte[] data, int from, int length) {
        long sum1 = 0xFFFF;
        long sum2 = 0xFFFF;
        int words = length / 2;
        int p = from;
        while (words > 0) {
            int t = Math.min(words, 359);
            words -= t;
            do {
                sum1 += (data[p++] & 0xFF) << 8;
                sum1 += data[p++] & 0xFF;
                sum2 += sum1;
            } while (--t > 0);
            sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
            sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
        }
        if ((length & 1) != 0) {
            sum1 += (data[p] & 0xFF) << 8;
            sum2 += sum1;
        }
        sum1 = (sum1 & 0xFFFF) + (sum1 >>> 16);
        sum2 = (sum2 & 0xFFFF) + (sum2 >>> 16);
        return (int) (sum2 << 16 | sum1);
    }
}
