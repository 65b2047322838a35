package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The lossless TIFF codecs. Each fills a buffer of the block's declared size and never writes past it, so a
 * stream that would inflate to more (a decompression bomb) is simply cut off.
 */
final class Decompressors {

    private Decompressors() {
    }

    /** Inflates zlib data into {@code out}; returns the number of bytes produced. */
    static int inflate(byte[] in, byte[] out) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            int n = 0;
            while (n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                n += k;
                if (k == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
            return n;
        } catch (DataFormatException e) {
            throw new IOException("damaged DEFLATE data (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }

    /** Decodes PackBits run-length data into {@code out}; returns the number of bytes produced. */
    static int packBits(byte[] in, byte[] out) {
        int i = 0;
        int n = 0;
        while (i < in.length && n < out.length) {
            int h = in[i++];
            if (h >= 0) {
                int len = Math.min(h + 1, Math.min(in.length - i, out.length - n));
                System.arraycopy(in, i, out, n, len);
                i += h + 1;
                n += len;
            } else if (h != -128 && i < in.length) {
                int len = Math.min(1 - h, out.length - n);
                byte v = in[i++];
                for (int k = 0; k < len; k++) {
                    out[n++] = v;
                }
            }
        }
        return n;
    }

    /** Decodes TIFF LZW (MSB-first codes, early change) into {@code out}; returns the bytes produced. */
    static int lzw(byte[] in, byte[] out) throws IOException {
        if (in.length >= 2 && in[0] == 0 && (in[1] & 1) != 0) {
            throw new IOException("old-style (pre TIFF 6) LZW data is not supported");
        }
        final int clear = 256;
        final int eoi = 257;
        int[] prefixOffset = new int[4096];
        int[] length = new int[4096];
        int next = 258;
        int codeLen = 9;
        long bitBuf = 0;
        int bitCount = 0;
        int pos = 0;
        int n = 0;
        int prevOffset = -1;
        int prevLength = 0;
        // Entries point into the output, where each string was first written: no copies of the dictionary.
        while (n < out.length) {
            while (bitCount < codeLen) {
                if (pos >= in.length) {
                    return n;
                }
                bitBuf = (bitBuf << 8) | (in[pos++] & 0xFF);
                bitCount += 8;
            }
            int code = (int) ((bitBuf >>> (bitCount - codeLen)) & ((1 << codeLen) - 1));
            bitCount -= codeLen;
            if (code == eoi) {
                break;
            }
            if (code == clear) {
                next = 258;
                codeLen = 9;
                prevOffset = -1;
                continue;
            }
            int start = n;
            int len;
            if (code < 256) {
                out[n++] = (byte) code;
                len = 1;
            } else if (code < next && prevOffset >= 0) {
                len = length[code];
                int copy = Math.min(len, out.length - n);
                System.arraycopy(out, prefixOffset[code], out, n, copy);
                n += copy;
            } else if (code == next && prevOffset >= 0) {
                len = prevLength + 1;
                int copy = Math.min(prevLength, out.length - n);
                System.arraycopy(out, prevOffset, out, n, copy);
                n += copy;
                if (n < out.length) {
                    out[n++] = out[prevOffset];
                }
            } else {
                throw new IOException("damaged LZW data (code " + code + " out of sequence)");
            }
            if (prevOffset >= 0 && next < 4096) {
                prefixOffset[next] = prevOffset;
                length[next] = prevLength + 1;
                next++;
            }
            prevOffset = start;
            prevLength = len;
            if (next + 1 >= (1 << codeLen) && codeLen < 12) {
                codeLen++;
            }
        }
        return n;
    }

    /** Decodes a Zstandard frame into {@code out} (aircompressor, pure Java); returns the bytes produced. */
    static int zstd(byte[] in, byte[] out) throws IOException {
        try {
            lowerZstdWindow(in, out.length);
            return new io.airlift.compress.zstd.ZstdDecompressor().decompress(in, 0, in.length, out, 0, out.length);
        } catch (io.airlift.compress.MalformedInputException e) {
            throw new IOException("damaged ZSTD data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Decodes LZMA data as libtiff writes it (an .xz stream, liblzma's stream encoder) into {@code out}; returns the
     * bytes produced. The decoder's dictionary is capped, so a damaged header cannot make it allocate gigabytes.
     */
    static int lzma(byte[] in, byte[] out) throws IOException {
        try (org.tukaani.xz.XZInputStream xz = new org.tukaani.xz.XZInputStream(
                new java.io.ByteArrayInputStream(in), LZMA_MEMORY_LIMIT_KB)) {
            int n = 0;
            while (n < out.length) {
                int k = xz.read(out, n, out.length - n);
                if (k < 0) {
                    break;
                }
                n += k;
            }
            return n;
        } catch (org.tukaani.xz.XZIOException e) {
            throw new IOException("damaged LZMA data (" + e.getMessage() + ")", e);
        }
    }

    /** liblzma's presets use dictionaries of at most 64 MB (preset 9); more is damage. */
    private static final int LZMA_MEMORY_LIMIT_KB = 96 * 1024;

    /** aircompressor refuses frames that declare a window above 8 MB (zstd levels 20 to 22 stream with 128 MB). */
    private static final int ZSTD_MAX_WINDOW_LOG = 23;

    /**
     * Lowers the window a Zstandard frame declares to 8 MB when the block it decodes to is no larger: a decoder
     * writing into one flat buffer never looks further back than the block, so the window is then only a number,
     * yet aircompressor refuses larger ones ("not yet supported") that libtiff writes at levels 20 to 22.
     */
    static void lowerZstdWindow(byte[] frame, int decodedSize) {
        if (frame.length < 6 || decodedSize > 1 << ZSTD_MAX_WINDOW_LOG
                || (frame[0] & 0xFF) != 0x28 || (frame[1] & 0xFF) != 0xB5 || (frame[2] & 0xFF) != 0x2F
                || (frame[3] & 0xFF) != 0xFD) {
            return;
        }
        boolean singleSegment = (frame[4] & 0x20) != 0;
        if (singleSegment) {
            return;
        }
        int exponent = (frame[5] & 0xFF) >>> 3;
        if (10 + exponent >= ZSTD_MAX_WINDOW_LOG) {
            frame[5] = (byte) ((ZSTD_MAX_WINDOW_LOG - 10) << 3);
        }
    }
}
