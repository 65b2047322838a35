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
import org.rasterdesk.raster.tiff.TiffStructure;

/**
 * Reads GeoTIFF files window by window. Pixels are decoded by our own strip/tile decoder (Apache SIS gets
 * predictors wrong and is slower on this path); the CRS comes from Apache SIS. Several threads may read at once:
 * they share the decoded blocks.
 */
public final class GeoTiffReader implements RasterReader {

    /** Decoded blocks kept in memory, at most; a whole block row of a wide tiled file usually fits. */
    static final long CACHE_BYTES = 64L << 20;
    /**
     * Block rows the cache holds for a wide file at least: a row of max-zoom tiles spans up to two block rows, which
     * threads working along the row need at the same time; with less, the lower one is decoded again for the next
     * row of tiles.
     */
    private static final double CACHED_BLOCK_ROWS = 2.5;
    /** The cache takes at most this share of the heap, whatever the file's block rows. */
    private static final double CACHE_HEAP_SHARE = 0.25;
    private static final int GDAL_NODATA = 42113;

    private final TiffInput input;
    private final TiffLayout layout;
    private final RasterInfo info;
    private final BlockCache cache;
    /** The nodata value as the samples hold it (Float32 rounds it), when that differs from the declared one. */
    private final double storedNodata;

    private GeoTiffReader(TiffInput input, TiffLayout layout, RasterInfo info) {
        this.input = input;
        this.layout = layout;
        this.info = info;
        Double nd = info.nodata(0);
        this.cache = new BlockCache(new BlockDecoder(input, layout, nd == null ? 0 : nd), cacheBytes(layout));
        double stored = Double.NaN;
        if (nd != null && layout.pixelType() == PixelType.FLOAT32 && (double) (float) (double) nd != nd) {
            stored = (float) (double) nd;
        }
        this.storedNodata = stored;
    }

    /** {@link #CACHE_BYTES}, or more for a file whose block rows are wide, within a share of the heap. */
    private static long cacheBytes(TiffLayout layout) {
        int across = (layout.width() + layout.blockWidth() - 1) / layout.blockWidth();
        int bytes = layout.pixelType().bytes() <= 4 && layout.pixelType() != PixelType.UINT32
                && layout.pixelType() != PixelType.INT32 ? Float.BYTES : Double.BYTES;
        long blockRow = (long) across * layout.blockWidth() * layout.blockHeight() * layout.samplesPerPixel() * bytes;
        long wanted = Math.max(CACHE_BYTES, (long) (CACHED_BLOCK_ROWS * blockRow));
        return Math.min(wanted, Math.max(CACHE_BYTES, (long) (CACHE_HEAP_SHARE * Runtime.getRuntime().maxMemory())));
    }

    /** Opens a GeoTIFF; fails with one sentence naming the problem when it is not a readable GeoTIFF. */
    public static GeoTiffReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file");
        }
        TiffInput input = new TiffInput(file);
        try {
            Ifd ifd = TiffStructure.firstImage(input);
            TiffLayout layout = new TiffLayout(ifd, input);
            GeoKeys keys = GeoKeys.read(ifd);
            GeoTransform gt = GeoTransforms.read(ifd, keys);
            CrsResolver.Resolved crs = CrsResolver.resolve(file, keys);
            Double nodata = parseNodata(ifd.string(GDAL_NODATA));
            int bands = layout.samplesPerPixel();
            RasterInfo info = new RasterInfo(layout.width(), layout.height(), bands, layout.pixelType(), gt,
                    crs.crs(), crs.srid(), crs.wkt(), Collections.nCopies(bands, nodata),
                    layout.blockWidth(), layout.blockHeight());
            return new GeoTiffReader(input, layout, info);
        } catch (IOException | RuntimeException e) {
            input.close();
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
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x > info.width() - width || y > info.height() - height) {
            throw new IllegalArgumentException("window " + x + "," + y + " " + width + "×" + height
                    + " is not inside the raster of " + info.width() + "×" + info.height());
        }
        if ((long) width * height > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("window " + width + "×" + height + " is too large for one read");
        }
        int bands = info.bandCount();
        double[][] out = new double[bands][width * height];
        int bw = layout.blockWidth();
        int bh = layout.blockHeight();
        int across = (info.width() + bw - 1) / bw;
        int down = (info.height() + bh - 1) / bh;
        int planes = layout.planar() ? bands : 1;
        for (int by = y / bh; by <= (y + height - 1) / bh; by++) {
            for (int bx = x / bw; bx <= (x + width - 1) / bw; bx++) {
                for (int p = 0; p < planes; p++) {
                    Block block = cache.get(p * across * down + by * across + bx);
                    copy(block, bx * bw, by * bh, x, y, width, height, out, p);
                }
            }
        }
        if (!Double.isNaN(storedNodata)) {
            double nd = info.nodata(0);
            for (double[] band : out) {
                for (int i = 0; i < band.length; i++) {
                    if (band[i] == storedNodata) {
                        band[i] = nd;
                    }
                }
            }
        }
        return out;
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

    @Override
    public java.util.Optional<RasterBlocks> blocks() {
        return java.util.Optional.of(new RasterBlocks() {
            private final int across = (info.width() + layout.blockWidth() - 1) / layout.blockWidth();
            private final int down = (info.height() + layout.blockHeight() - 1) / layout.blockHeight();

            @Override
            public int blockCount() {
                return across * down * (layout.planar() ? info.bandCount() : 1);
            }

            @Override
            public View decode(int index) throws IOException {
                return view(index, cache.decodeUncached(index));
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
                Double nd = info.nodata(0);
                return nd == null ? Double.NaN : nd;
            }

            private View view(int index, Block block) {
                int plane = index / (across * down);
                int by = (index % (across * down)) / across;
                int bx = index % across;
                int x0 = bx * layout.blockWidth();
                int y0 = by * layout.blockHeight();
                return new View(index, x0, y0, Math.min(block.width(), info.width() - x0),
                        Math.min(block.rows(), info.height() - y0), layout.planar() ? plane : 0, block);
            }
        });
    }

    @Override
    public long decodeNanos() {
        return cache.decodeNanos();
    }

    @Override
    public void close() throws IOException {
        cache.clear();
        input.close();
    }

    /** For diagnostics: the file's compression, predictor and layout, e.g. "tiled 256×256 DEFLATE predictor 3". */
    public String layoutDescription() {
        List<String> parts = new ArrayList<>();
        parts.add((layout.tiled() ? "tiled " : "striped ") + layout.blockWidth() + "×" + layout.blockHeight());
        parts.add("compression " + layout.compression());
        parts.add("predictor " + layout.predictor());
        parts.add(layout.planar() ? "band-interleaved" : "pixel-interleaved");
        return String.join(", ", parts);
    }
}
