package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.db.DatabaseRetry;
import java.util.List;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.MosaicWarper;
import org.rasterdesk.tiling.ParallelWarper;
import org.rasterdesk.tiling.PyramidBuilder;
import org.rasterdesk.tiling.RecycledSamples;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.wkb.RasterWkb;

/**
 * Makes a layer's tiles: warps the source (one raster, or a mosaic's files) onto the max zoom's tiles on every core,
 * each thread with a warper of its own (each tile encoded by the thread that warped it), builds the lower zooms from them by 2×2 reduction as the rows stream by in order, and hands the
 * non-empty tiles to the writer thread. Memory holds a few runs of tiles ahead and a row of tiles per zoom, whatever
 * the raster's size.
 */
final class TileProduction {

    /** Tiles made and dropped per zoom. */
    record Counts(SortedMap<Integer, Long> made, SortedMap<Integer, Long> empty) {
    }

    /** Max-zoom tiles' bands kept for reuse: about the tiles in flight between the warp threads and the pyramid. */
    private static final int RECYCLED_BANDS = 48;

    private final DataSource dataSource;
    private final long parseId;
    private final ParseListener listener;
    private final BooleanSupplier cancelled;
    private final ParseTimings timings;
    private final DatabaseRetry retry;
    private int threads = ParallelWarper.defaultThreads();
    private MosaicWarper.Tally tally;
    /** The layer the tiles go to as they are written, or null to leave them to the final swap. */
    private Integer attachTo;

    /** Without timings to report (a worker's block). */
    TileProduction(DataSource dataSource, long parseId, ParseListener listener, BooleanSupplier cancelled,
                   DatabaseRetry retry) {
        this(dataSource, parseId, listener, cancelled, new ParseTimings(), retry);
    }

    TileProduction(DataSource dataSource, long parseId, ParseListener listener, BooleanSupplier cancelled,
                   ParseTimings timings, DatabaseRetry retry) {
        this.dataSource = dataSource;
        this.retry = retry;
        this.parseId = parseId;
        this.listener = listener;
        this.cancelled = cancelled;
        this.timings = timings;
    }

    /** Warps on that many threads instead of one per core (one unit of a mosaic among others running at once). */
    TileProduction threads(int count) {
        this.threads = Math.max(1, count);
        return this;
    }

    /** Writes the tiles as the layer's from the start: a layer that has none to keep (see ParseRuns#keepTiles). */
    TileProduction attachTo(int layerId) {
        this.attachTo = layerId;
        return this;
    }

    /** Tells what each of a mosaic's files made, as their tiles are warped. */
    TileProduction tally(MosaicWarper.Tally tally) {
        this.tally = tally;
        return this;
    }

    /**
     * @param parts     the rasters, read as the tiles' pixel type; a mosaic's in the order the user gave them
     * @param firstWins where a mosaic's files overlap, the earlier one wins
     * @param top       the max zoom's tiles to make: one range, or two for a raster across the antimeridian
     */
    Counts run(List<SourcePart> parts, boolean firstWins, TileCover top, int minZoom, Resampling resampling,
               Reduction reduction, double[] tileNodata)
            throws IOException, SQLException, ParseCancelledException {
        long started = System.nanoTime();
        // One warper per thread, sharing the readers: each source block is decoded once.
        List<SourcePart> shared = SourcePart.shareable(parts);
        long readBefore = decodeNanos(shared);
        try (TileWriteQueue writer = new TileWriteQueue(dataSource, parseId, attachTo, retry)) {
            TopTile current = new TopTile();
            long[] sinkNanos = {0};
            PyramidBuilder pyramid = new PyramidBuilder(top.z(), minZoom, reduction,
                    shared.get(0).reader().info().pixelType(),
                    tileNodata, tile -> {
                        long t0 = ParseTimings.cpuNow();
                        // The top zoom's tiles were encoded by the thread that warped them; the others are here.
                        byte[] wkb = tile == current.tile ? current.wkb : encode(tile, writer);
                        put(writer, new TileWriteQueue.EncodedTile(tile.key(), wkb));
                        sinkNanos[0] += ParseTimings.cpuNow() - t0;
                    }).recycling();
            // A mosaic's tiles are painted from its files' tiles: only one raster's warper fills recycled bands.
            RecycledSamples recycled = shared.size() == 1 ? new RecycledSamples(
                    shared.get(0).reader().info().pixelType(), RECYCLED_BANDS * tileNodata.length) : null;
            ParallelWarper<byte[]> warper = new ParallelWarper<>(
                    () -> SourcePart.warper(shared, top, resampling, tileNodata, firstWins, recycled, tally),
                    threads, tile -> tile.isEmpty() ? null : RasterWkb.encode(tile, writer::wkbBuffer));
            long topCount = top.count();
            long[] delivered = {0};
            long[] pyramidNanos = {0};
            try {
                warper.run(top, warped -> {
                    TileData tile = warped.tile();
                    current.tile = tile;
                    current.wkb = warped.result();
                    long t0 = ParseTimings.cpuNow();
                    pyramid.accept(tile);
                    pyramidNanos[0] += ParseTimings.cpuNow() - t0;
                    if (recycled != null) {
                        // Reduced into its parent and encoded before: nothing reads the tile's bands any more.
                        recycled.give(tile);
                    }
                    current.tile = null;
                    current.wkb = null;
                    delivered[0]++;
                    if (delivered[0] % top.columns() == 0 || delivered[0] == topCount) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        listener.progress(0.05 + 0.9 * delivered[0] / topCount, writer.written(),
                                writer.written() / Math.max(seconds, 1e-3));
                    }
                }, cancelled);
                if (cancelled.getAsBoolean()) {
                    throw new ParseCancelledException();
                }
                long t0 = ParseTimings.cpuNow();
                pyramid.finish();
                pyramidNanos[0] += ParseTimings.cpuNow() - t0;
            } catch (DataAccessException e) {
                if (e.getCause() instanceof SQLException s) {
                    throw s;
                }
                throw e;
            }
            writer.finish();
            timings.add(ParseTimings.Phase.READ, decodeNanos(shared) - readBefore);
            // The workers' reading includes waiting for a block another thread decodes; count decoding only.
            timings.add(ParseTimings.Phase.WARP, warper.warpNanos());
            timings.add(ParseTimings.Phase.ENCODE, warper.stepNanos() + encodeNanos);
            timings.add(ParseTimings.Phase.REDUCE, pyramidNanos[0] - sinkNanos[0]);
            timings.add(ParseTimings.Phase.WRITE, writer.writeNanos());
            SortedMap<Integer, Long> made = new TreeMap<>();
            SortedMap<Integer, Long> empty = new TreeMap<>();
            for (int z = minZoom; z <= top.z(); z++) {
                made.put(z, pyramid.emittedCount(z));
                empty.put(z, pyramid.emptyCount(z));
            }
            return new Counts(made, empty);
        }
    }

    private static long decodeNanos(List<SourcePart> parts) {
        long sum = 0;
        for (SourcePart part : parts) {
            sum += part.reader().decodeNanos();
        }
        return sum;
    }

    /** The top zoom's tile being passed through the pyramid, and its WKB. */
    private static final class TopTile {
        TileData tile;
        byte[] wkb;
    }

    private long encodeNanos;

    private byte[] encode(TileData tile, TileWriteQueue writer) {
        long started = ParseTimings.cpuNow();
        byte[] wkb = RasterWkb.encode(tile, writer::wkbBuffer);
        encodeNanos += ParseTimings.cpuNow() - started;
        return wkb;
    }

    private void put(TileWriteQueue writer, TileWriteQueue.EncodedTile tile) {
        timings.addTile(tile.wkb().length);
        try {
            writer.put(tile);
        } catch (SQLException e) {
            throw new DataAccessException("Writing tiles failed: " + e.getMessage(), e);
        }
    }
}
