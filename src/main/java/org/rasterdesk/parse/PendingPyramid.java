package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.PyramidBuilder;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.wkb.RasterWkb;

/**
 * Builds the lower zooms of a parse whose max-zoom tiles were written by other runs (the blocks a parse on
 * workers): those tiles are streamed back from the database in row-major order through the same 2×2 reduction a
 * local parse uses, and the new levels are written as pending tiles of this run. Memory holds a row of tiles per
 * level, as in a local parse.
 */
final class PendingPyramid {

    private final DataSource dataSource;

    PendingPyramid(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param topRuns the runs whose tiles of zoom {@code top} are the pyramid's base
     * @param parseId the run the new levels are written for
     * @return tiles made per zoom below {@code top}, and those left out as empty
     */
    TileProduction.Counts build(Long[] topRuns, int top, int minZoom, Reduction reduction, PixelType pixelType,
                                double[] tileNodata, long parseId) throws SQLException {
        try (TileWriteQueue writer = new TileWriteQueue(dataSource, parseId,
                WorkerParse.patientRetry(dataSource))) {
            PyramidBuilder pyramid = new PyramidBuilder(top, minZoom, reduction, pixelType, tileNodata, tile -> {
                if (tile.key().z() < top) {
                    try {
                        writer.put(new TileWriteQueue.EncodedTile(tile.key(), RasterWkb.encode(tile)));
                    } catch (SQLException e) {
                        throw new DataAccessException("Writing tiles failed: " + e.getMessage(), e);
                    }
                }
            });
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("SELECT t.tilex, t.tiley, ST_AsBinary(t.rast) "
                        + "FROM rasterdesk_pendingtile p JOIN raster_rastertile t ON t.rid = p.rid "
                        + "WHERE p.parse_id = ANY(?) AND t.tilez = ? ORDER BY t.tiley, t.tilex")) {
                    ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
                    // A cursor: the tiles stream through, a few at a time, whatever the layer's size.
                    ps.setFetchSize(32);
                    ps.setArray(1, c.createArrayOf("bigint", topRuns));
                    ps.setInt(2, top);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            TileKey key = new TileKey(top, rs.getInt(1), rs.getInt(2));
                            TileData tile = RasterWkb.decode(rs.getBytes(3)).toTileData(key);
                            pyramid.accept(tile);
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
            return new TileProduction.Counts(made, empty);
        }
    }
}
