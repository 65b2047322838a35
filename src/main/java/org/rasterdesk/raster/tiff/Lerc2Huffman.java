package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The Huffman coding LERC2 uses for 8-bit data: a code table (lengths bit-stuffed, then the codes), then one code
 * per valid value — of the value itself, or of its difference from the pixel to the left (else above), band by
 * band. Codes run most significant bit first through little-endian 32-bit words.
 */
final class Lerc2Huffman {

    private static final int MAX_TABLE = 1 << 15;
    private static final int MAX_LOOKUP_BITS = 16;

    private final int[] lengths;
    private final int[] codes;
    private final int lookupBits;
    private final int[] lookup;
    private final Map<Long, Integer> longCodes = new HashMap<>();

    private Lerc2Huffman(int[] lengths, int[] codes) {
        this.lengths = lengths;
        this.codes = codes;
        int max = 0;
        for (int len : lengths) {
            max = Math.max(max, len);
        }
        lookupBits = Math.min(max, MAX_LOOKUP_BITS);
        lookup = new int[1 << lookupBits];
        java.util.Arrays.fill(lookup, -1);
        for (int v = 0; v < lengths.length; v++) {
            int len = lengths[v];
            if (len == 0) {
                continue;
            }
            if (len <= lookupBits) {
                int first = codes[v] << (lookupBits - len);
                for (int k = 0; k < 1 << (lookupBits - len); k++) {
                    lookup[first + k] = v << 8 | len;
                }
            } else {
                longCodes.put((long) len << 32 | Integer.toUnsignedLong(codes[v]), v);
            }
        }
    }

    /** Reads the code table and decodes the blob's values into {@code d}. */
    static void decode(ByteBuffer b, int version, int offset, boolean delta, Lerc2.Decoded d) throws IOException {
        Lerc2.need(b, 16);
        int tableVersion = b.getInt();
        int size = b.getInt();
        int i0 = b.getInt();
        int i1 = b.getInt();
        if (tableVersion < 2 || size <= 0 || size > MAX_TABLE || i0 < 0 || i0 >= i1 || i1 - i0 > size
                || wrap(i0, size) >= size || wrap(i1 - 1, size) >= size) {
            throw new IOException("a damaged LERC2 Huffman table");
        }
        int[] lengths = new int[size];
        int[] given = new int[i1 - i0];
        if (BitStuffer.decode(b, given, given.length, version) != given.length) {
            throw new IOException("a damaged LERC2 Huffman table");
        }
        for (int i = i0; i < i1; i++) {
            if (given[i - i0] > 32) {
                throw new IOException("a damaged LERC2 Huffman code length");
            }
            lengths[wrap(i, size)] = given[i - i0];
        }
        Bits bits = new Bits(b);
        int[] codes = new int[size];
        for (int i = i0; i < i1; i++) {
            int k = wrap(i, size);
            if (lengths[k] > 0) {
                codes[k] = (int) bits.read(lengths[k]);
            }
        }
        // The codes end on a whole word; the values start after it.
        b.position(Math.min(b.limit(), b.position() + bits.wordsUsed() * 4));
        new Lerc2Huffman(lengths, codes).values(new Bits(b), offset, delta, d);
    }

    private static int wrap(int i, int size) {
        return i < size ? i : i - size;
    }

    private void values(Bits bits, int offset, boolean delta, Lerc2.Decoded d) throws IOException {
        int rows = d.rows();
        int cols = d.cols();
        int depth = d.depth();
        boolean[] valid = d.valid();
        double[] out = d.values();
        boolean signed = offset != 0;
        if (!delta) {
            for (int p = 0; p < rows * cols; p++) {
                if (valid[p]) {
                    for (int k = 0; k < depth; k++) {
                        out[p * depth + k] = next(bits) - offset;
                    }
                }
            }
            return;
        }
        for (int k = 0; k < depth; k++) {
            int previous = 0;
            for (int i = 0, p = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++, p++) {
                    if (!valid[p]) {
                        continue;
                    }
                    int v = next(bits) - offset;
                    if (j > 0 && valid[p - 1]) {
                        v += previous;
                    } else if (i > 0 && valid[p - cols]) {
                        v += (int) out[(p - cols) * depth + k];
                    } else {
                        v += previous;
                    }
                    // The sum wraps around as the 8-bit type does in C.
                    v = signed ? (byte) v : v & 0xFF;
                    out[p * depth + k] = v;
                    previous = v;
                }
            }
        }
    }

    private int next(Bits bits) throws IOException {
        int hit = lookup[(int) bits.peek(lookupBits)];
        if (hit >= 0) {
            bits.skip(hit & 0xFF);
            return hit >>> 8;
        }
        for (int len = lookupBits + 1; len <= 32; len++) {
            Integer v = longCodes.get((long) len << 32 | bits.peek(len));
            if (v != null) {
                bits.skip(len);
                return v;
            }
        }
        throw new IOException("a damaged LERC2 Huffman code");
    }

    /** Bits most significant first through little-endian 32-bit words; past the end they read as 0. */
    private static final class Bits {
        private final ByteBuffer b;
        private final int start;
        private final int end;
        private long position;

        Bits(ByteBuffer b) {
            this.b = b;
            this.start = b.position();
            this.end = b.limit();
        }

        private long word(long index) {
            long at = start + index * 4;
            long v = 0;
            for (int k = 3; k >= 0; k--) {
                long p = at + k;
                v = (v << 8) | (p < end ? b.get((int) p) & 0xFF : 0);
            }
            return v;
        }

        long peek(int n) throws IOException {
            long word = position >>> 5;
            if (start + word * 4 >= end) {
                throw new IOException("a LERC2 blob that ends too early");
            }
            int pos = (int) (position & 31);
            long pair = word(word) << 32 | word(word + 1);
            return (pair << pos >>> (64 - n)) & ((1L << n) - 1);
        }

        long read(int n) throws IOException {
            long v = peek(n);
            position += n;
            return v;
        }

        void skip(int n) {
            position += n;
        }

        /** Whole words the bits read so far occupy. */
        int wordsUsed() {
            return (int) ((position + 31) >>> 5);
        }
    }
}
