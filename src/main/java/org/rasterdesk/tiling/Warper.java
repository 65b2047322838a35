package org.rasterdesk.tiling;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Warps a source raster onto EPSG:3857 tiles of one zoom level, a row of tiles at a time, reading only the
 * source window each group of tiles needs (plus the resampling kernel's margin), never the whole raster.
 * Pixel centres follow GDAL: tile pixel (i, j) is sampled at its centre (i + 0.5, j + 0.5). The output pixel
 * type is the source's. One instance per thread (it keeps scratch arrays); several warpers may share a reader that
 * is safe for concurrent reads, see {@link ParallelWarper}.
 */
public final class Warper implements TileWarp {

    /** Default grid of exact transforms, in tile pixels, before adaptive refinement. */
    public static final int DEFAULT_GRID_STEP = 16;
    /**
     * Default largest accepted interpolation error at the checked points, in source pixels. Nearest neighbour
     * picks another pixel than the exact transform where the error crosses a pixel edge, so the error must be
     * far below the 0.05 px that would do for bilinear: at 2e-4 a UTM raster at z9 agrees with gdalwarp -et 0
     * on 99.994 % of its pixels (0.002: 99.98 %). At max zoom the mapping is nearly affine and the first grid
     * passes; the refinement costs only near poles and at low zooms, where each node is still transformed once.
     */
    public static final double DEFAULT_TOLERANCE = 2e-4;
    /** The largest source window read at once, in pixels; wider tile rows are read in several windows. */
    private static final long MAX_WINDOW_PIXELS = 16L << 20;

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final RasterReader reader;
    private final SourceProjection projection;
    private final PointTransform transform;
    private final Resampling resampling;
    private final PixelSampler sampler;
    private final double[] tileNodata;
    private final int gridStep;
    private final double tolerance;
    private final double[] sx = new double[TileData.SIZE * TileData.SIZE];
    private final double[] sy = new double[TileData.SIZE * TileData.SIZE];
    /** A tile's samples as the sampler computes them, before they go into the tile in its own pixel type. */
    private final double[][] bands;
    private final TileMapping.Nodes nodes = new TileMapping.Nodes();
    /** Where each tile's part of the source window is copied; grown as a tile needs more. */
    private double[][] tileWindow = new double[0][0];
    /**
     * The source window of a group of tiles, read into the same memory group after group when the reader can: a new
     * window per group was 0.5 GB of the Lisbon benchmark raster's allocation, and the young collections promoted
     * the windows alive at the time. Null until the first read, and for good when the reader returns arrays of its
     * own.
     */
    private double[][] windowBuffer;
    private boolean readerFills = true;
    private RecycledSamples recycled;
    /** The Float32 band the next inner tile is sampled into, kept when the tile took the general way. */
    private TileSamples.Floats nextFloats;
    private long floatTiles;
    private long pixelsRead;
    private long readNanos;

    public Warper(RasterReader reader, SourceProjection projection, Resampling resampling, double[] tileNodata) {
        this(reader, projection, resampling, tileNodata, DEFAULT_GRID_STEP, DEFAULT_TOLERANCE);
    }

    /**
     * @param tileNodata per band the nodata value of the tiles (see {@link TileNodata})
     * @param gridStep   the first grid of exact transforms, in tile pixels: a power of two from 1 to 256
     * @param tolerance  the largest interpolation error accepted at a cell's checkpoints, in source pixels
     */
    public Warper(RasterReader reader, SourceProjection projection, Resampling resampling, double[] tileNodata,
                  int gridStep, double tolerance) {
        if (gridStep < 1 || gridStep > TileData.SIZE || Integer.bitCount(gridStep) != 1) {
            throw new IllegalArgumentException("grid step must be a power of two up to 256: " + gridStep);
        }
        this.reader = reader;
        this.projection = projection;
        this.transform = new PointTransform(projection.mercatorToPixel());
        this.resampling = resampling;
        this.tileNodata = tileNodata.clone();
        this.sampler = new PixelSampler(projection.info(), resampling, tileNodata);
        this.bands = new double[tileNodata.length][TileData.SIZE * TileData.SIZE];
        this.gridStep = gridStep;
        this.tolerance = tolerance;
    }

    /** Warps every tile of the range, in row-major order, handing each (empty ones too) to the consumer. */
    @Override
    public void warp(TileRange range, Consumer<TileData> consumer) throws IOException {
        for (int y = range.minY(); y <= range.maxY(); y++) {
            warpRow(range.row(y), consumer);
        }
    }

    public List<TileData> warp(TileRange range) throws IOException {
        List<TileData> tiles = new ArrayList<>();
        warp(range, tiles::add);
        return tiles;
    }

    public TileData warpTile(TileKey key) throws IOException {
        return warp(new TileRange(key.z(), key.x(), key.y(), key.x(), key.y())).get(0);
    }

    /** Makes the tiles in bands given back to {@code samples} when it has some (several warpers may share it). */
    public Warper recycling(RecycledSamples samples) {
        this.recycled = samples;
        return this;
    }

    private TileSamples.Floats floats() {
        if (nextFloats == null) {
            nextFloats = TileSamples.floats(recycled);
        }
        return nextFloats;
    }

    /** Tiles sampled straight into Float32 samples so far. */
    long floatTiles() {
        return floatTiles;
    }

    /** Source pixels read so far (all bands count once). */
    public long pixelsRead() {
        return pixelsRead;
    }

    /** CPU time spent reading source windows so far. */
    public long readNanos() {
        return readNanos;
    }

    /** Points transformed exactly so far, the cost the approximation saves on. */
    public long exactTransforms() {
        return transform.exactPoints();
    }

    /** The source coordinates of a tile's pixel centres as this warper computes them, for measurements. */
    void mapTile(TileKey key, double[] x, double[] y) {
        TileMapping.build(key, transform, gridStep, tolerance, nodes).fill(x, y);
    }

    private void warpRow(TileRange row, Consumer<TileData> consumer) throws IOException {
        List<TileKey> keys = row.keys();
        List<TileMapping> mappings = new ArrayList<>(keys.size());
        for (TileKey key : keys) {
            mappings.add(TileMapping.build(key, transform, gridStep, tolerance, nodes));
        }
        int start = 0;
        while (start < keys.size()) {
            // Grow the group of tiles while their common source window stays small enough.
            int end = start;
            int[] window = window(mappings.get(start));
            while (end + 1 < keys.size()) {
                int[] grown = union(window, window(mappings.get(end + 1)));
                if (area(grown) > MAX_WINDOW_PIXELS && area(grown) > area(window)) {
                    break;
                }
                window = grown;
                end++;
            }
            SourceWindow samples = read(window);
            for (int t = start; t <= end; t++) {
                double[][] bands = this.bands;
                TileMapping mapping = mappings.get(t);
                int[] own = window(mapping);
                SourceWindow tileSamples = own == null || samples == null ? null
                        : samples.crop(own[0], own[1], own[2], own[3], sampler.nodataToNaN(), tileWindow(own));
                if (tileSamples != null && sampler.samplesFloats() && sampler.sampleFloats(tileSamples, mapping, sx, sy,
                        floats().array())) {
                    // An inner Float32 tile, sampled straight into its own samples.
                    TileSamples.Floats band = nextFloats;
                    nextFloats = null;
                    floatTiles++;
                    consumer.accept(new TileData(keys.get(t), PixelType.FLOAT32, tileNodata.clone(),
                            new TileSamples[] {band}));
                    continue;
                }
                if (tileSamples == null) {
                    sampler.sample(null, sx, sy, bands);
                } else {
                    sampler.sample(tileSamples, mapping, sx, sy, bands);
                }
                // The sampler fills every pixel of the scratch bands; the tile keeps a copy in its own type.
                consumer.accept(TileData.packed(keys.get(t), projection.info().pixelType(), tileNodata.clone(),
                        bands, recycled));
            }
            start = end + 1;
        }
    }

    /** The source window {x0, y0, x1, y1} (exclusive ends) a tile needs, clipped to the raster; null if none. */
    private int[] window(TileMapping mapping) {
        if (mapping.isEmpty()) {
            return null;
        }
        int margin = resampling.margin();
        if (resampling == Resampling.AVERAGE) {
            // The footprint of a tile pixel is about the mapped extent divided by the tile's pixel count.
            double scale = Math.max(mapping.maxX() - mapping.minX(), mapping.maxY() - mapping.minY()) / TileData.SIZE;
            margin += (int) Math.ceil(scale);
        }
        double slack = tolerance + 1e-6;
        long x0 = (long) Math.floor(mapping.minX() - slack) - margin;
        long y0 = (long) Math.floor(mapping.minY() - slack) - margin;
        long x1 = (long) Math.floor(mapping.maxX() + slack) + margin + 1;
        long y1 = (long) Math.floor(mapping.maxY() + slack) + margin + 1;
        int w = projection.info().width();
        int h = projection.info().height();
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(w, x1);
        y1 = Math.min(h, y1);
        if (x0 >= x1 || y0 >= y1) {
            return null;
        }
        return new int[] {(int) x0, (int) y0, (int) x1, (int) y1};
    }

    /** The scratch bands for a tile's window {x0, y0, x1, y1}, long enough for it. */
    private double[][] tileWindow(int[] own) {
        int pixels = (own[2] - own[0]) * (own[3] - own[1]);
        if (tileWindow.length != bands.length || tileWindow[0].length < pixels) {
            tileWindow = new double[bands.length][pixels];
        }
        return tileWindow;
    }

    private static int[] union(int[] a, int[] b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new int[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])};
    }

    private static long area(int[] w) {
        return w == null ? 0 : (long) (w[2] - w[0]) * (w[3] - w[1]);
    }

    private SourceWindow read(int[] window) throws IOException {
        if (window == null) {
            return null;
        }
        int width = window[2] - window[0];
        int height = window[3] - window[1];
        pixelsRead += (long) width * height;
        long started = CPU.getCurrentThreadCpuTime();
        double[][] samples;
        if (readerFills) {
            int pixels = width * height;
            if (windowBuffer == null || windowBuffer[0].length < pixels) {
                // Some room to spare: a group's window varies by a few rows and columns along the rows.
                long room = Math.min(Math.max((long) pixels, MAX_WINDOW_PIXELS), (long) pixels + pixels / 4);
                windowBuffer = new double[projection.info().bandCount()][(int) room];
            }
            samples = reader.read(window[0], window[1], width, height, windowBuffer);
            if (samples != windowBuffer) {
                readerFills = false;
                windowBuffer = null;
            }
        } else {
            samples = reader.read(window[0], window[1], width, height);
        }
        readNanos += CPU.getCurrentThreadCpuTime() - started;
        return new SourceWindow(window[0], window[1], width, height, samples);
    }
}
