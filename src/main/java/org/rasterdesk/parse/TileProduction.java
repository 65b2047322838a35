package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.PyramidBuilder;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.Warper;
import org.rasterdesk.tiling.wkb.RasterWkb;

/**
 * Makes a layer's tiles: warps the source onto the max zoom's tiles row by row, builds the lower zooms from them
 * by 2×2 reduction as the rows stream by, and hands the non-empty tiles to the writer thread. Memory holds a row
 * of tiles per zoom, whatever the raster's size.
 */
final class TileProduction {

    /** Tiles made and dropped per zoom. */
    record Counts(SortedMap<Integer, Long> made, SortedMap<Integer, Long> empty) {
    }

    private final DataSource dataSource;
    private final long parseId;
    private final ParseListener listener;
    private final BooleanSupplier cancelled;
    private final DatabaseRetry retry;

    TileProduction(DataSource dataSource, long parseId, ParseListener listener, BooleanSupplier cancelled,
                   DatabaseRetry retry) {
        this.dataSource = dataSource;
        this.retry = retry;
        this.parseId = parseId;
        this.listener = listener;
        this.cancelled = cancelled;
    }

    /** @param topTiles also receives every tile of the top zoom (for the reprojected copy), or null */
    Counts run(RasterReader reader, SourceProjection projection, TileCover top, int minZoom, Resampling resampling,
               Reduction reduction, double[] tileNodata, Consumer<TileData> topTiles)
            throws IOException, SQLException, ParseCancelledException {
        long started = System.nanoTime();
        try (TileWriteQueue writer = new TileWriteQueue(dataSource, parseId, RasterWkb::encode, retry)) {
            PyramidBuilder pyramid = new PyramidBuilder(top.z(), minZoom, reduction, projection.info().pixelType(),
                    tileNodata, tile -> put(writer, tile));
            Warper warper = new Warper(reader, projection, resampling, tileNodata);
            long topCount = top.count();
            long rowsDone = 0;
            for (int y = top.minY(); y <= top.maxY(); y++) {
                if (cancelled.getAsBoolean()) {
                    throw new ParseCancelledException();
                }
                try {
                    // A raster across the antimeridian has a piece of each row at each edge of the world.
                    for (TileRange piece : top.row(y)) {
                        warper.warp(piece, topTiles == null ? pyramid::accept : tile -> {
                            topTiles.accept(tile);
                            pyramid.accept(tile);
                        });
                    }
                } catch (DataAccessException e) {
                    if (e.getCause() instanceof SQLException s) {
                        throw s;
                    }
                    throw e;
                }
                rowsDone++;
                double fraction = (double) rowsDone * top.columns() / topCount;
                double seconds = (System.nanoTime() - started) / 1e9;
                listener.progress(0.05 + 0.9 * fraction, writer.written(), writer.written() / Math.max(seconds, 1e-3));
            }
            pyramid.finish();
            writer.finish();
            SortedMap<Integer, Long> made = new TreeMap<>();
            SortedMap<Integer, Long> empty = new TreeMap<>();
            for (int z = minZoom; z <= top.z(); z++) {
                made.put(z, pyramid.emittedCount(z));
                empty.put(z, pyramid.emptyCount(z));
            }
            return new Counts(made, empty);
        }
    }

    private static void put(TileWriteQueue writer, TileData tile) {
        try {
            writer.put(tile);
        } catch (SQLException e) {
            throw new DataAccessException("Writing tiles failed: " + e.getMessage(), e);
        }
    }
}
