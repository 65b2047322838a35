package org.rasterdesk.tiling;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Makes the tiles of a mosaic: every file is warped onto the tiles it covers with a warper of its own, and the
 * results are painted over each other in paint order, a file's data pixels covering what lies beneath while its
 * nodata pixels let it show through (per band, as a GDAL VRT of the same files does). Warping each file directly
 * onto the tiles, instead of first into a common grid, lets files of different CRSs and resolutions mix without a
 * second resampling.
 */
public final class MosaicWarper implements TileWarp {

    /**
     * One file of the mosaic: its warper, the tiles of the zoom that its footprint touches, and its place in the
     * user's list (what a {@link Tally} counts it under).
     */
    public record Part(TileWarp warper, TileCover covered, int file) {

        public Part(TileWarp warper, TileCover covered) {
            this(warper, covered, 0);
        }
    }

    /**
     * What each file of a mosaic made, counted by every thread's warper: its non-empty tiles and the time spent
     * warping it; told once all the tiles it covers are warped.
     */
    public static final class Tally {

        /** Told from the warping thread that warped the file's last tiles. */
        public interface FileDone {
            void done(int file, long tiles, double seconds);
        }

        private final AtomicLongArray tiles;
        private final AtomicLongArray nanos;
        private final AtomicLongArray left;
        private final FileDone done;

        /** @param covered per file of the user's list, the tiles it covers (0 for one outside the world) */
        public Tally(long[] covered, FileDone done) {
            this.tiles = new AtomicLongArray(covered.length);
            this.nanos = new AtomicLongArray(covered.length);
            this.left = new AtomicLongArray(covered);
            this.done = done;
        }

        void add(int file, long warped, long made, long spent) {
            tiles.addAndGet(file, made);
            nanos.addAndGet(file, spent);
            if (left.addAndGet(file, -warped) == 0) {
                done.done(file, tiles.get(file), nanos.get(file) / 1e9);
            }
        }
    }

    private final List<Part> paintOrder;
    private final PixelType pixelType;
    private final double[] tileNodata;
    private final Tally tally;

    /**
     * @param paintOrder the files from the bottom up: a later one wins where it has data
     * @param tileNodata the tiles' nodata, the same for every file's warper
     */
    public MosaicWarper(List<Part> paintOrder, PixelType pixelType, double[] tileNodata) {
        this(paintOrder, pixelType, tileNodata, null);
    }

    /** @param tally told what each file made, or null */
    public MosaicWarper(List<Part> paintOrder, PixelType pixelType, double[] tileNodata, Tally tally) {
        if (paintOrder.isEmpty()) {
            throw new IllegalArgumentException("a mosaic needs at least one file");
        }
        this.paintOrder = List.copyOf(paintOrder);
        this.pixelType = pixelType;
        this.tileNodata = tileNodata.clone();
        this.tally = tally;
    }

    @Override
    public void warp(TileRange range, Consumer<TileData> consumer) throws IOException {
        for (int y = range.minY(); y <= range.maxY(); y++) {
            warpRow(range.row(y), consumer);
        }
    }

    private void warpRow(TileRange row, Consumer<TileData> consumer) throws IOException {
        Map<Integer, double[][]> painted = new TreeMap<>();
        for (Part part : paintOrder) {
            List<TileData> tiles = new ArrayList<>();
            long started = tally == null ? 0 : System.nanoTime();
            long warped = 0;
            for (TileRange piece : part.covered().row(row.minY())) {
                TileRange own = intersection(row, piece);
                if (own != null) {
                    part.warper().warp(own, tiles::add);
                    warped += own.count();
                }
            }
            long made = 0;
            for (TileData tile : tiles) {
                if (tile.isEmpty()) {
                    continue;
                }
                made++;
                double[][] below = painted.get(tile.key().x());
                if (below == null) {
                    painted.put(tile.key().x(), tile.bands());
                } else {
                    paint(tile, below);
                }
            }
            if (tally != null && warped > 0) {
                tally.add(part.file(), warped, made, System.nanoTime() - started);
            }
        }
        for (int x = row.minX(); x <= row.maxX(); x++) {
            TileKey key = new TileKey(row.z(), x, row.minY());
            double[][] bands = painted.get(x);
            consumer.accept(TileData.packed(key, pixelType, tileNodata.clone(), bands != null ? bands : empty()));
        }
    }

    /**
     * Copies the tile's data pixels over the ones below, band by band: the one rule of a mosaic's overlaps, for tiles
     * warped together here and for files warped apart and painted afterwards.
     */
    public static void paint(TileData tile, double[][] below) {
        for (int b = 0; b < below.length; b++) {
            double[] src = tile.bands()[b];
            double[] dst = below[b];
            for (int i = 0; i < src.length; i++) {
                double v = src[i];
                if (!tile.isNodata(b, v)) {
                    dst[i] = v;
                }
            }
        }
    }

    private double[][] empty() {
        double[][] bands = new double[tileNodata.length][TileData.SIZE * TileData.SIZE];
        for (int b = 0; b < bands.length; b++) {
            java.util.Arrays.fill(bands[b], tileNodata[b]);
        }
        return bands;
    }

    private static TileRange intersection(TileRange a, TileRange b) {
        int minX = Math.max(a.minX(), b.minX());
        int maxX = Math.min(a.maxX(), b.maxX());
        int minY = Math.max(a.minY(), b.minY());
        int maxY = Math.min(a.maxY(), b.maxY());
        return minX > maxX || minY > maxY ? null : new TileRange(a.z(), minX, minY, maxX, maxY);
    }
}
