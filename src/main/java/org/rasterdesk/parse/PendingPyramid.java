package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.MosaicWarper;
import org.rasterdesk.tiling.PyramidBuilder;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.wkb.RasterWkb;

/**
 * Makes the max zoom and the lower zooms of a parse whose max-zoom tiles were written by other runs: the blocks of a
 * parse on workers, or the files of a mosaic warped apart on workers. Those tiles are
 * streamed back from the database in row-major order; where several runs made the same tile (files that overlap)
 * they are painted over each other in paint order ({@link MosaicWarper#paint}, the rule of a mosaic warped at once)
 * and the painted tile is written as a pending tile of this run, which replaces theirs at the swap
 * ({@link ParseRuns#dropPaintedOver}). Every max-zoom tile then goes through the same 2×2 reduction a local parse
 * uses, and the lower levels are written as pending tiles of this run. Memory holds a row of tiles per level and the
 * few tiles of one place.
 */
final class PendingPyramid {

    private final DataSource dataSource;

    PendingPyramid(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The runs whose max-zoom tiles are the pyramid's base, with each run's place in the paint order (from the bottom
     * up: where runs made the same tile, the higher rank's data pixels cover the lower's). Runs of one raster's
     * blocks, which never make the same tile twice, all have rank 0.
     */
    record TopRuns(Long[] runs, Integer[] ranks) {

        /** The blocks of one raster. */
        static TopRuns unpainted(Long[] runs) {
            Integer[] ranks = new Integer[runs.length];
            java.util.Arrays.fill(ranks, 0);
            return new TopRuns(runs, ranks);
        }

        /** Runs of a mosaic's files: the file's index in the list, and whether the first file wins. */
        static int rank(int part, int files, boolean firstWins) {
            return firstWins ? files - 1 - part : part;
        }
    }

    /** As {@link #build(TopRuns, int, int, Reduction, PixelType, double[], long, BooleanSupplier)}, never stopped. */
    TileProduction.Counts build(TopRuns topRuns, int top, int minZoom, Reduction reduction, PixelType pixelType,
                                double[] tileNodata, long parseId) throws SQLException {
        return build(topRuns, top, minZoom, reduction, pixelType, tileNodata, parseId, () -> false);
    }

    /**
     * @param parseId   the run the painted max-zoom tiles and the new levels are written for
     * @param cancelled polled now and then; when it says so, the build stops early (the caller discards its run)
     * @return tiles made per zoom from {@code minZoom} to {@code top} (at {@code top}: the places some run made a tile
     *         of), and those left out as empty below {@code top}
     */
    TileProduction.Counts build(TopRuns topRuns, int top, int minZoom, Reduction reduction, PixelType pixelType,
                                double[] tileNodata, long parseId, BooleanSupplier cancelled)
            throws SQLException {
        long[] places = {0};
        try (TileWriteQueue writer = new TileWriteQueue(dataSource, parseId,
                WorkerParse.patientRetry(dataSource))) {
            PyramidBuilder pyramid = new PyramidBuilder(top, minZoom, reduction, pixelType, tileNodata, tile -> {
                if (tile.key().z() < top) {
                    put(writer, tile);
                }
            });
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("SELECT t.tilex, t.tiley, ST_AsBinary(t.rast) "
                        + "FROM rasterdesk_pendingtile p JOIN raster_rastertile t ON t.rid = p.rid "
                        + "JOIN unnest(?::bigint[], ?::integer[]) AS r(run, rank) ON r.run = p.parse_id "
                        + "WHERE t.tilez = ? ORDER BY t.tiley, t.tilex, r.rank")) {
                    ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
                    // A cursor: the tiles stream through, a few at a time, whatever the layer's size.
                    ps.setFetchSize(32);
                    ps.setArray(1, c.createArrayOf("bigint", topRuns.runs()));
                    ps.setArray(2, c.createArrayOf("integer", topRuns.ranks()));
                    ps.setInt(3, top);
                    try (ResultSet rs = ps.executeQuery()) {
                        Place place = null;
                        while (rs.next()) {
                            TileKey key = new TileKey(top, rs.getInt(1), rs.getInt(2));
                            TileData tile = RasterWkb.decode(rs.getBytes(3)).toTileData(key);
                            if (place != null && place.key.equals(key)) {
                                place.paint(tile);
                                continue;
                            }
                            if (place != null) {
                                pyramid.accept(place.tile(writer, pixelType, tileNodata));
                            }
                            place = new Place(key, tile);
                            places[0]++;
                            if (places[0] % 64 == 0 && cancelled.getAsBoolean()) {
                                place = null;
                                break;
                            }
                        }
                        if (place != null) {
                            pyramid.accept(place.tile(writer, pixelType, tileNodata));
                        }
                    }
                } finally {
                    c.rollback();
                }
            } catch (DataAccessException e) {
                if (e.getCause() instanceof SQLException s) {
                    throw s;
                }
                throw e;
            }
            pyramid.finish();
            writer.finish();
            SortedMap<Integer, Long> made = new TreeMap<>();
            SortedMap<Integer, Long> empty = new TreeMap<>();
            for (int z = minZoom; z < top; z++) {
                made.put(z, pyramid.emittedCount(z));
                empty.put(z, pyramid.emptyCount(z));
            }
            made.put(top, places[0]);
            return new TileProduction.Counts(made, empty);
        }
    }

    private static void put(TileWriteQueue writer, TileData tile) {
        try {
            writer.put(new TileWriteQueue.EncodedTile(tile.key(), RasterWkb.encode(tile)));
        } catch (SQLException e) {
            throw new DataAccessException("Writing tiles failed: " + e.getMessage(), e);
        }
    }

    /** The tiles several runs made of one place, painted in paint order. */
    private static final class Place {

        final TileKey key;
        private final TileData first;
        private double[][] painted;

        Place(TileKey key, TileData first) {
            this.key = key;
            this.first = first;
        }

        void paint(TileData above) {
            if (painted == null) {
                painted = first.bands();
            }
            MosaicWarper.paint(above, painted);
        }

        /** The place's tile; a painted one is written now, as a tile of this run. */
        TileData tile(TileWriteQueue writer, PixelType pixelType, double[] tileNodata) {
            if (painted == null) {
                return first;
            }
            TileData tile = TileData.packed(key, pixelType, tileNodata.clone(), painted);
            put(writer, tile);
            return tile;
        }
    }
}
