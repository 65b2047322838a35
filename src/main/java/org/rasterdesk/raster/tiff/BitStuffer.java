package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * LERC2's bit-stuffed arrays of unsigned integers: a byte with the bit width (and whether a lookup table of the
 * distinct values comes first), the element count in 1, 2 or 4 bytes, then the bits. From LERC2 version 3 the bits
 * run least significant first through the bytes; before, most significant first through little-endian 32-bit words.
 */
final class BitStuffer {

    private BitStuffer() {
    }

    /**
     * Decodes one array into {@code out}.
     *
     * @param max the most elements the caller expects; more is damage
     * @return the number of elements
     */
    static int decode(ByteBuffer b, int[] out, int max, int version) throws IOException {
        int head = Lerc2.need(b, 1).get() & 0xFF;
        int bits67 = head >> 6;
        int countBytes = bits67 == 0 ? 4 : 3 - bits67;
        boolean lut = (head & 0x20) != 0;
        int bits = head & 31;
        long count = readUInt(b, countBytes);
        if (count > max || count > out.length) {
            throw new IOException("a damaged LERC2 array (" + count + " elements where at most " + max
                    + " fit)");
        }
        int n = (int) count;
        if (!lut) {
            if (bits == 0) {
                java.util.Arrays.fill(out, 0, n, 0);
            } else {
                unstuff(b, out, n, bits, version);
            }
            return n;
        }
        if (bits == 0) {
            throw new IOException("a damaged LERC2 lookup table");
        }
        int tableSize = (Lerc2.need(b, 1).get() & 0xFF) - 1;
        if (tableSize <= 0) {
            throw new IOException("a damaged LERC2 lookup table");
        }
        int[] table = new int[tableSize + 1];
        int[] entries = new int[tableSize];
        unstuff(b, entries, tableSize, bits, version);
        System.arraycopy(entries, 0, table, 1, tableSize);
        int indexBits = 32 - Integer.numberOfLeadingZeros(tableSize);
        unstuff(b, out, n, indexBits, version);
        for (int i = 0; i < n; i++) {
            if (out[i] < 0 || out[i] > tableSize) {
                throw new IOException("a damaged LERC2 lookup index");
            }
            out[i] = table[out[i]];
        }
        return n;
    }

    static long readUInt(ByteBuffer b, int bytes) throws IOException {
        Lerc2.need(b, bytes);
        return switch (bytes) {
            case 1 -> b.get() & 0xFF;
            case 2 -> b.getShort() & 0xFFFF;
            case 4 -> Integer.toUnsignedLong(b.getInt());
            default -> throw new IOException("a damaged LERC2 count width " + bytes);
        };
    }

    /** Reads {@code n} values of {@code bits} bits (1 to 31). */
    static void unstuff(ByteBuffer b, int[] out, int n, int bits, int version) throws IOException {
        if (bits >= 32 || n > out.length) {
            throw new IOException("a damaged LERC2 array");
        }
        long totalBits = (long) n * bits;
        int used = (int) ((totalBits + 7) / 8);
        Lerc2.need(b, used);
        int start = b.position();
        long mask = (1L << bits) - 1;
        if (version >= 3) {
            for (int i = 0; i < n; i++) {
                long bit = (long) i * bits;
                int at = start + (int) (bit >>> 3);
                long v = 0;
                int take = Math.min(5, start + used - at);
                for (int k = take - 1; k >= 0; k--) {
                    v = (v << 8) | (b.get(at + k) & 0xFF);
                }
                out[i] = (int) ((v >>> (bit & 7)) & mask);
            }
        } else {
            // Words of four bytes, little-endian; the last, partial word has its bytes at its top end.
            int words = (int) ((totalBits + 31) / 32);
            int tail = (int) ((totalBits & 31) + 7) / 8;
            long[] w = new long[words];
            for (int i = 0; i < words; i++) {
                int bytes = i == words - 1 && tail > 0 ? tail : 4;
                long v = 0;
                for (int k = bytes - 1; k >= 0; k--) {
                    v = (v << 8) | (b.get(start + 4 * i + k) & 0xFF);
                }
                w[i] = bytes < 4 ? (v << (8 * (4 - bytes))) & 0xFFFFFFFFL : v;
            }
            for (int i = 0; i < n; i++) {
                long bit = (long) i * bits;
                int word = (int) (bit >>> 5);
                int pos = (int) (bit & 31);
                long pair = w[word] << 32 | (word + 1 < words ? w[word + 1] : 0);
                out[i] = (int) ((pair >>> (64 - pos - bits)) & mask);
            }
        }
        b.position(start + used);
    }
}
