package org.rasterdesk.raster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.tiff.BlockDecoder;
import org.rasterdesk.raster.tiff.Block;
import org.rasterdesk.raster.tiff.Ifd;
import org.rasterdesk.raster.tiff.TiffInput;
import org.rasterdesk.raster.tiff.TiffLayout;
import org.rasterdesk.raster.tiff.TiffMasks;
import org.rasterdesk.raster.tiff.TiffStructure;

/**
 * Reads GeoTIFF files window by window. Pixels are decoded by our own strip/tile decoder (Apache SIS gets
 * predictors wrong and is slower on this path); the CRS comes from Apache SIS. Several threads may read at once:
 * they share the decoded blocks.
 */
public final class GeoTiffReader implements RasterReader {

    /**
     * Decoded blocks of a striped file kept in memory, at least: a row of max-zoom tiles needs a few hundred
     * full-width rows of it at once.
     */
    static final long CACHE_BYTES = 64L << 20;
    /**
     * The same for a tiled file, whose needs {@link #CACHED_BLOCK_ROWS} measures: 64 MB held a Lisbon benchmark
     * raster's 2.5 block rows (20 MB) three times over, and was a third of a parse's live heap.
     */
    static final long TILED_CACHE_BYTES = 16L << 20;
    /**
     * Block rows the cache holds for a wide file at least: a row of max-zoom tiles spans up to two block rows, which
     * threads working along the row need at the same time; with less, the lower one is decoded again for the next
     * row of tiles.
     */
    private static final double CACHED_BLOCK_ROWS = 2.5;
    /** The cache takes at most this share of the heap, whatever the file's block rows. */
    private static final double CACHE_HEAP_SHARE = 0.25;
    /** Decoded blocks of the mask kept in memory, at most. */
    private static final long MASK_CACHE_BYTES = 16L << 20;
    private static final int GDAL_NODATA = 42113;

    private final TiffInput input;
    private final TiffImage image;
    private final RasterInfo info;
    /** The transparency mask (GDAL's internal or .msk mask), or null: its 0 pixels are no data in every band. */
    private final TiffImage mask;
    /** The .msk file's input when the mask lies there, to close with the reader. */
    private final TiffInput maskInput;
    /** The nodata value as the samples hold it (Float32 rounds it), when that differs from the declared one. */
    private final double storedNodata;

    private GeoTiffReader(TiffInput input, TiffLayout layout, RasterInfo info, TiffImage mask,
                          TiffInput maskInput) {
        this.input = input;
        this.info = info;
        Double nd = info.nodata(0);
        this.image = new TiffImage(input, layout, nd == null ? 0 : nd, cacheBytes(layout));
        this.mask = mask;
        this.maskInput = maskInput;
        double stored = Double.NaN;
        if (nd != null && layout.pixelType() == PixelType.FLOAT32 && (double) (float) (double) nd != nd) {
            stored = (float) (double) nd;
        }
        this.storedNodata = stored;
    }

    /** A floor, or more for a file whose block rows are wide, within a share of the heap. */
    private static long cacheBytes(TiffLayout layout) {
        int across = (layout.width() + layout.blockWidth() - 1) / layout.blockWidth();
        int bytes = layout.pixelType().bytes() <= 4 && layout.pixelType() != PixelType.UINT32
                && layout.pixelType() != PixelType.INT32 ? Float.BYTES : Double.BYTES;
        long blockRow = (long) across * layout.blockWidth() * layout.blockHeight() * layout.samplesPerPixel() * bytes;
        long floor = layout.blockWidth() < layout.width() ? TILED_CACHE_BYTES : CACHE_BYTES;
        long wanted = Math.max(floor, (long) (CACHED_BLOCK_ROWS * blockRow));
        return Math.min(wanted, Math.max(floor, (long) (CACHE_HEAP_SHARE * Runtime.getRuntime().maxMemory())));
    }

    /** Opens a GeoTIFF; fails with one sentence naming the problem when it is not a readable GeoTIFF. */
    public static GeoTiffReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file");
        }
        TiffInput input = new TiffInput(file);
        TiffInput maskInput = null;
        try {
            Ifd ifd = TiffStructure.firstImage(input);
            TiffLayout layout = new TiffLayout(ifd, input);
            GeoKeys keys = GeoKeys.read(ifd);
            GeoTransform gt = GeoTransforms.read(ifd, keys, String.valueOf(file.getFileName()));
            CrsResolver.Resolved crs = CrsResolver.resolve(file, keys);
            if (gt == GeoTransforms.IDENTITY && keys.isEmpty()) {
                // A plain TIFF georeferenced by side files: a world file (.tfw) and a .prj or .aux.xml.
                GeoTransform world = SideFiles.worldFile(file);
                if (world != null) {
                    gt = world;
                    CrsResolver.Resolved side = SideFiles.crs(file);
                    crs = side != null ? side : crs;
                }
            }
            Double nodata = parseNodata(ifd.string(GDAL_NODATA));
            if (nodata == null) {
                // A TIFF without GDAL's nodata tag (a baseline TIFF cannot hold it) may have its nodata in GDAL's
                // .aux.xml, where GDAL reads it too.
                nodata = SideFiles.auxNodata(file);
            }
            int bands = layout.samplesPerPixel();
            RasterInfo info = new RasterInfo(layout.width(), layout.height(), bands, layout.pixelType(), gt,
                    crs.crs(), crs.srid(), crs.wkt(), Collections.nCopies(bands, nodata),
                    layout.blockWidth(), layout.blockHeight());
            Ifd maskIfd = TiffStructure.internalMask(input, ifd, layout.width(), layout.height());
            if (maskIfd != null) {
                TiffImage mask = new TiffImage(input, TiffMasks.layout(maskIfd, input, layout), 0,
                        MASK_CACHE_BYTES);
                return new GeoTiffReader(input, layout, info, mask, null);
            }
            maskInput = TiffMasks.externalFile(file);
            TiffImage mask = maskInput == null ? null : new TiffImage(maskInput,
                    TiffMasks.layout(TiffStructure.firstImage(maskInput), maskInput, layout), 0, MASK_CACHE_BYTES);
            return new GeoTiffReader(input, layout, info, mask, maskInput);
        } catch (IOException | RuntimeException e) {
            input.close();
            if (maskInput != null) {
                maskInput.close();
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new IOException(file.getFileName() + " cannot be read as a GeoTIFF: " + e, e);
        }
    }

    static Double parseNodata(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("nan") || t.equals("-nan")) {
            return Double.NaN;
        }
        if (t.equals("inf") || t.equals("+inf") || t.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equals("-inf") || t.equals("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public RasterInfo info() {
        return info;
    }

    @Override
    public double[][] read(int x, int y, int width, int height) throws IOException {
        return read(x, y, width, height, null);
    }

    @Override
    public double[][] read(int x, int y, int width, int height, double[][] into) throws IOException {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x > info.width() - width || y > info.height() - height) {
            throw new IllegalArgumentException("window " + x + "," + y + " " + width + "×" + height
                    + " is not inside the raster of " + info.width() + "×" + info.height());
        }
        if ((long) width * height > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("window " + width + "×" + height + " is too large for one read");
        }
        double[][] out = image.read(x, y, width, height, into);
        int pixels = width * height;
        if (!Double.isNaN(storedNodata)) {
            double nd = info.nodata(0);
            for (double[] band : out) {
                for (int i = 0; i < pixels; i++) {
                    if (band[i] == storedNodata) {
                        band[i] = nd;
                    }
                }
            }
        }
        if (mask != null) {
            applyMask(mask.read(x, y, width, height, null), out, pixels);
        }
        return out;
    }

    /** Makes the pixels the mask hides (0) no data: in every band, or band by band for a mask per band. */
    private static void applyMask(double[][] masked, double[][] out, int pixels) {
        for (int b = 0; b < out.length; b++) {
            double[] m = masked[masked.length == out.length ? b : 0];
            double[] band = out[b];
            for (int i = 0; i < pixels; i++) {
                if (m[i] == 0) {
                    band[i] = Double.NaN;
                }
            }
        }
    }

    /** Copies the part of one block that lies in the window, for all bands the block holds. */
    private static void copy(Block block, int bx0, int by0, int x, int y, int width, int height,
                             double[][] out, int firstBand) {
        int c0 = Math.max(x, bx0);
        int c1 = Math.min(x + width, bx0 + block.width());
        int r0 = Math.max(y, by0);
        int r1 = Math.min(y + height, by0 + block.rows());
        for (int b = 0; b < block.bands(); b++) {
            double[] dst = out[firstBand + b];
            for (int r = r0; r < r1; r++) {
                block.copy(b, (r - by0) * block.width() + (c0 - bx0), dst, (r - y) * width + (c0 - x), c1 - c0);
            }
        }
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    /**
     * The image's blocks; none for a file with a mask, whose hidden pixels only window reads make no data (the
     * statistics then read windows).
     */
    @Override
    public java.util.Optional<RasterBlocks> blocks() {
        if (mask != null) {
            return java.util.Optional.empty();
        }
        Double nd = info.nodata(0);
        return java.util.Optional.of(image.blocks(storedNodata, nd == null ? Double.NaN : nd));
    }

    @Override
    public long decodeNanos() {
        return image.decodeNanos() + (mask == null ? 0 : mask.decodeNanos());
    }

    @Override
    public void close() throws IOException {
        image.clear();
        if (mask != null) {
            mask.clear();
        }
        input.close();
        if (maskInput != null) {
            maskInput.close();
        }
    }

    /** Whether the file has a transparency mask (internal or .msk) whose 0 pixels read as no data. */
    public boolean hasMask() {
        return mask != null;
    }

    @Override
    public int[] palette() {
        return image.layout().palette();
    }

    /** One image of the file (the raster or its mask), read window by window through a cache of decoded blocks. */
    private static final class TiffImage {
        private final TiffLayout layout;
        private final BlockCache cache;

        TiffImage(TiffInput input, TiffLayout layout, double sparseFill, long cacheBytes) {
            this.layout = layout;
            this.cache = new BlockCache(new BlockDecoder(input, layout, sparseFill), cacheBytes);
        }

        TiffLayout layout() {
            return layout;
        }

        double[][] read(int x, int y, int width, int height, double[][] into) throws IOException {
            int bands = layout.samplesPerPixel();
            // Every sample of the window is copied from a block below, so a reused buffer needs no clearing.
            double[][] out = fits(into, bands, width * height) ? into : new double[bands][width * height];
            int bw = layout.blockWidth();
            int bh = layout.blockHeight();
            int across = (layout.width() + bw - 1) / bw;
            int down = (layout.height() + bh - 1) / bh;
            int planes = layout.planar() ? bands : 1;
            for (int by = y / bh; by <= (y + height - 1) / bh; by++) {
                for (int bx = x / bw; bx <= (x + width - 1) / bw; bx++) {
                    for (int p = 0; p < planes; p++) {
                        Block block = cache.get(p * across * down + by * across + bx);
                        copy(block, bx * bw, by * bh, x, y, width, height, out, p);
                    }
                }
            }
            return out;
        }

        private static boolean fits(double[][] into, int bands, int pixels) {
            if (into == null || into.length != bands) {
                return false;
            }
            for (double[] band : into) {
                if (band.length < pixels) {
                    return false;
                }
            }
            return true;
        }

        /** CPU time spent decoding this image's blocks so far, summed over threads. */
        long decodeNanos() {
            return cache.decodeNanos();
        }

        /** The image's blocks as a pass over the file sees them, or as window reads decode them. */
        RasterBlocks blocks(double storedNodata, double declaredNodata) {
            int across = (layout.width() + layout.blockWidth() - 1) / layout.blockWidth();
            int down = (layout.height() + layout.blockHeight() - 1) / layout.blockHeight();
            return new RasterBlocks() {
                @Override
                public int blockCount() {
                    return across * down * (layout.planar() ? layout.samplesPerPixel() : 1);
                }

                @Override
                public View decode(int index, Block reuse) throws IOException {
                    return view(index, cache.decodeUncached(index, reuse));
                }

                @Override
                public void listen(java.util.function.Consumer<View> listener) {
                    cache.listen(listener == null ? null : (index, block) -> listener.accept(view(index, block)));
                }

                @Override
                public double storedNodata() {
                    return storedNodata;
                }

                @Override
                public double declaredNodata() {
                    return declaredNodata;
                }

                private View view(int index, Block block) {
                    int plane = index / (across * down);
                    int by = (index % (across * down)) / across;
                    int bx = index % across;
                    int x0 = bx * layout.blockWidth();
                    int y0 = by * layout.blockHeight();
                    return new View(index, x0, y0, Math.min(block.width(), layout.width() - x0),
                            Math.min(block.rows(), layout.height() - y0), layout.planar() ? plane : 0, block);
                }
            };
        }

        void clear() {
            cache.clear();
        }
    }

    /** For diagnostics: the file's compression, predictor and layout, e.g. "tiled 256×256 DEFLATE predictor 3". */
    public String layoutDescription() {
        List<String> parts = new ArrayList<>();
        parts.add((image.layout().tiled() ? "tiled " : "striped ") + image.layout().blockWidth() + "×" + image.layout().blockHeight());
        parts.add("compression " + image.layout().compression());
        parts.add("predictor " + image.layout().predictor());
        parts.add(image.layout().planar() ? "band-interleaved" : "pixel-interleaved");
        return String.join(", ", parts);
    }
}
