package org.rasterdesk.raster.tiff;

import java.io.IOException;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * How the samples of a TIFF image are laid out: sample type, strips or tiles, interleaving, compression
 * and predictor. Validated on construction, so that later reads can trust its numbers.
 */
public final class TiffLayout {

    public static final int COMPRESSION_NONE = 1;
    public static final int COMPRESSION_LZW = 5;
    public static final int COMPRESSION_OJPEG = 6;
    public static final int COMPRESSION_JPEG = 7;
    public static final int COMPRESSION_ADOBE_DEFLATE = 8;
    public static final int COMPRESSION_PACKBITS = 32773;
    public static final int COMPRESSION_DEFLATE = 32946;

    /** Decoded blocks above this size are refused: no sane writer makes them, and a bomb would. */
    static final long MAX_BLOCK_BYTES = 1L << 30;
    /** Uncompressed strips are read in chunks of about this size, so a single-strip file stays windowed. */
    private static final long UNCOMPRESSED_CHUNK_BYTES = 1L << 20;

    private final String name;
    final int width;
    final int height;
    final int samplesPerPixel;
    final int bitsPerSample;
    final PixelType pixelType;
    final boolean planar;
    final int compression;
    final int predictor;
    final int photometric;
    final boolean tiled;
    final int blockWidth;
    final int blockHeight;
    final int blocksAcross;
    final int blocksDown;
    final long[] offsets;
    final long[] byteCounts;
    final byte[] jpegTables;

    public TiffLayout(Ifd ifd, TiffInput input) throws IOException {
        name = String.valueOf(input.file().getFileName());
        width = (int) positive(ifd.longValue(256, -1), "width");
        height = (int) positive(ifd.longValue(257, -1), "height");
        samplesPerPixel = (int) positive(ifd.longValue(277, 1), "samples per pixel");
        if (samplesPerPixel > 1024) {
            throw new IOException(name + " declares " + samplesPerPixel + " bands, more than any real raster has");
        }
        long[] bits = ifd.longs(258);
        bitsPerSample = bits == null ? 1 : (int) bits[0];
        long[] formats = ifd.longs(339);
        int sampleFormat = formats == null ? 1 : (int) formats[0];
        for (int i = 1; bits != null && i < bits.length; i++) {
            if (bits[i] != bitsPerSample || (formats != null && i < formats.length && formats[i] != sampleFormat)) {
                throw new IOException(name + " has bands of different sample types, which is not supported");
            }
        }
        pixelType = pixelType(sampleFormat, bitsPerSample);
        planar = ifd.longValue(284, 1) == 2;
        compression = (int) ifd.longValue(259, 1);
        predictor = (int) ifd.longValue(317, 1);
        photometric = (int) ifd.longValue(262, 1);
        checkCodecs();
        tiled = ifd.has(322);
        long bw;
        long bh;
        long[] offs;
        long[] counts;
        if (tiled) {
            bw = positive(ifd.longValue(322, -1), "tile width");
            bh = positive(ifd.longValue(323, -1), "tile height");
            offs = ifd.longs(324);
            counts = ifd.longs(325);
        } else {
            bw = width;
            bh = Math.min(ifd.longValue(278, height), height);
            bh = bh <= 0 ? height : bh;
            offs = ifd.longs(273);
            counts = ifd.longs(279);
        }
        long across = (width + bw - 1) / bw;
        long down = (height + bh - 1) / bh;
        long expected = across * down * (planar ? samplesPerPixel : 1);
        if (offs == null || counts == null || offs.length < expected || counts.length < expected) {
            throw new IOException(name + " is damaged: it lists " + (offs == null ? 0 : offs.length)
                    + " data blocks where its size needs " + expected);
        }
        long blockBytes = bw * bh * (planar ? 1 : samplesPerPixel) * (bitsPerSample / 8);
        if (blockBytes > MAX_BLOCK_BYTES) {
            throw new IOException(name + " declares data blocks of " + blockBytes + " bytes, too large to read");
        }
        if (!tiled && compression == COMPRESSION_NONE && blockBytes > 2 * UNCOMPRESSED_CHUNK_BYTES) {
            long rowBytes = blockBytes / bh;
            long rows = Math.max(1, UNCOMPRESSED_CHUNK_BYTES / rowBytes);
            while (bh % rows != 0) {
                rows--;
            }
            long[][] split = splitStrips(offs, counts, bh, rows, rowBytes, down, planar ? samplesPerPixel : 1);
            offs = split[0];
            counts = split[1];
            bh = rows;
            down = (height + bh - 1) / bh;
        }
        blockWidth = (int) bw;
        blockHeight = (int) bh;
        blocksAcross = (int) across;
        blocksDown = (int) down;
        offsets = offs;
        byteCounts = counts;
        jpegTables = ifd.bytes(347);
    }

    /** Cuts big uncompressed strips into strips of {@code rows} rows, a divisor of the strip height. */
    private long[][] splitStrips(long[] offs, long[] counts, long rowsPerStrip, long rows, long rowBytes,
                                 long stripsDown, int planes) {
        long newDown = (height + rows - 1) / rows;
        long[] o = new long[(int) (newDown * planes)];
        long[] c = new long[o.length];
        for (int p = 0; p < planes; p++) {
            for (long s = 0; s < newDown; s++) {
                long firstRow = s * rows;
                long strip = firstRow / rowsPerStrip;
                long rowInStrip = firstRow - strip * rowsPerStrip;
                int src = (int) (p * stripsDown + strip);
                long rowsHere = Math.min(rows, Math.min(rowsPerStrip - rowInStrip, height - firstRow));
                int dst = (int) (p * newDown + s);
                o[dst] = offs[src] + rowInStrip * rowBytes;
                c[dst] = rowsHere * rowBytes;
            }
        }
        return new long[][] {o, c};
    }

    private void checkCodecs() throws IOException {
        switch (compression) {
            case COMPRESSION_NONE, COMPRESSION_LZW, COMPRESSION_ADOBE_DEFLATE, COMPRESSION_DEFLATE,
                 COMPRESSION_PACKBITS -> { }
            case COMPRESSION_JPEG -> {
                if (bitsPerSample != 8) {
                    throw new IOException(name + " uses JPEG compression with " + bitsPerSample
                            + "-bit samples, which is not supported");
                }
            }
            default -> throw new IOException(name + " uses TIFF compression " + compression
                    + ", which is not supported (supported: none, LZW, DEFLATE, PackBits, JPEG)");
        }
        if (photometric == 6 && compression != COMPRESSION_JPEG) {
            throw new IOException(name + " stores YCbCr samples without JPEG compression, which is not supported");
        }
        if (predictor != 1 && predictor != 2 && predictor != 3) {
            throw new IOException(name + " uses an unknown predictor " + predictor);
        }
        if (predictor == 3 && !pixelType.isFloatingPoint()) {
            throw new IOException(name + " uses the floating point predictor on integer samples");
        }
    }

    private PixelType pixelType(int format, int bits) throws IOException {
        PixelType type = switch (format * 100 + bits) {
            case 108 -> PixelType.BYTE;
            case 208 -> PixelType.INT8;
            case 116 -> PixelType.UINT16;
            case 216 -> PixelType.INT16;
            case 132 -> PixelType.UINT32;
            case 232 -> PixelType.INT32;
            case 332 -> PixelType.FLOAT32;
            case 364 -> PixelType.FLOAT64;
            default -> null;
        };
        if (type == null) {
            throw new IOException(name + " has " + bits + "-bit samples of format " + format
                    + ", which is not supported (8, 16, 32 or 64-bit integers or floats are)");
        }
        return type;
    }

    private long positive(long value, String what) throws IOException {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new IOException(name + " is damaged: its " + what + " is " + value);
        }
        return value;
    }

    public String name() {
        return name;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public PixelType pixelType() {
        return pixelType;
    }

    public int blockWidth() {
        return blockWidth;
    }

    public int blockHeight() {
        return blockHeight;
    }

    public boolean tiled() {
        return tiled;
    }

    public int compression() {
        return compression;
    }

    public int predictor() {
        return predictor;
    }

    public boolean planar() {
        return planar;
    }

    /** Rows of data actually stored in block row {@code by}: strips are short at the bottom, tiles are not. */
    int storedRows(int by) {
        return tiled ? blockHeight : Math.min(blockHeight, height - by * blockHeight);
    }
}
