package org.rasterdesk.raster.tiff;

import java.io.IOException;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * How the samples of a TIFF image are laid out: sample type, strips or tiles, interleaving, compression
 * and predictor. Validated on construction, so that later reads can trust its numbers.
 */
public final class TiffLayout {

    /**
     * The most blocks an image may list: 4 M blocks (64 MB of offsets and counts) hold a 500 000 × 500 000 image of
     * 256-pixel tiles. A damaged count must not make us allocate arrays for more.
     */
    static final long MAX_BLOCKS = 1L << 22;
    /** Uncompressed strips are read in chunks of about this size, so a single-strip file stays windowed. */
    private static final long UNCOMPRESSED_CHUNK_BYTES = 1L << 20;

    private final String name;
    final int width;
    final int height;
    final int samplesPerPixel;
    final TiffSampleType sampleType;
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
    final long[] lercParameters;
    private final int[] palette;

    public TiffLayout(Ifd ifd, TiffInput input) throws IOException {
        name = String.valueOf(input.file().getFileName());
        width = (int) positive(ifd.longValue(256, -1), "width");
        height = (int) positive(ifd.longValue(257, -1), "height");
        samplesPerPixel = (int) positive(ifd.longValue(277, 1), "samples per pixel");
        if (samplesPerPixel > 1024) {
            throw new IOException(name + " declares " + samplesPerPixel + " bands, more than any real raster has");
        }
        sampleType = TiffSampleType.read(ifd, name);
        pixelType = sampleType.pixelType();
        planar = ifd.longValue(284, 1) == 2;
        compression = (int) ifd.longValue(259, 1);
        predictor = (int) ifd.longValue(317, 1);
        photometric = (int) ifd.longValue(262, 1);
        TiffCodecs.check(name, compression, predictor, photometric, sampleType, samplesPerPixel);
        tiled = ifd.has(322);
        long bw;
        long bh;
        int offsetTag;
        int countTag;
        if (tiled) {
            bw = positive(ifd.longValue(322, -1), "tile width");
            bh = positive(ifd.longValue(323, -1), "tile height");
            offsetTag = 324;
            countTag = 325;
        } else {
            bw = width;
            bh = Math.min(ifd.longValue(278, height), height);
            bh = bh <= 0 ? height : bh;
            offsetTag = 273;
            countTag = 279;
        }
        long across = (width + bw - 1) / bw;
        long down = (height + bh - 1) / bh;
        long expected = across * down * (planar ? samplesPerPixel : 1);
        if (expected > MAX_BLOCKS) {
            throw new IOException(name + " is damaged or too large to read: it would be made of " + expected
                    + " data blocks");
        }
        if (ifd.count(offsetTag) < expected || ifd.count(countTag) < expected) {
            throw new IOException(name + " is damaged: it lists " + ifd.count(offsetTag)
                    + " data blocks where its size needs " + expected);
        }
        long[] offs = ifd.longs(offsetTag, (int) expected);
        long[] counts = ifd.longs(countTag, (int) expected);
        long bandsPerBlock = planar ? 1 : samplesPerPixel;
        long blockBytes = storedBytes(bw, bh, bandsPerBlock);
        long blockSamples = bw * bh * bandsPerBlock;
        if (blockSamples > MemoryLimits.maxBlockSamples()) {
            throw new IOException(name + " has data blocks of " + bw + " × " + bh + " pixels × " + bandsPerBlock
                    + " band(s), too large for the memory Java was given (" + (Runtime.getRuntime().maxMemory()
                    >> 20) + " MB): give it more (-Xmx), or retile the file (gdal_translate -co TILED=YES)");
        }
        if (!tiled && compression == TiffCodecs.NONE && !sampleType.packed()
                && blockBytes > 2 * UNCOMPRESSED_CHUNK_BYTES) {
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
        lercParameters = ifd.longs(50674);
        palette = photometric == 3 ? Palettes.read(ifd, sampleType, name) : null;
    }

    /** The bytes a block of {@code w × h} pixels of {@code bands} samples takes decoded, rows padded to a byte. */
    long storedBytes(long w, long h, long bands) {
        return h * ((w * bands * sampleType.storedBits() + 7) / 8);
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

    /** The colour of each palette index as ARGB, for a palette (colour map) image; null for others. */
    public int[] palette() {
        return palette == null ? null : palette.clone();
    }

    public int photometric() {
        return photometric;
    }

    /** The name of the compression, as users know it ("DEFLATE", "ZSTD"). */
    public String compressionName() {
        return TiffCodecs.name(compression);
    }

    /** Rows of data actually stored in block row {@code by}: strips are short at the bottom, tiles are not. */
    int storedRows(int by) {
        return tiled ? blockHeight : Math.min(blockHeight, height - by * blockHeight);
    }
}
