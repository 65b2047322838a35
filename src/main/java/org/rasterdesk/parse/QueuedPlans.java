package org.rasterdesk.parse;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;

/**
 * The plans of parses on workers and their blocks ({@code rasterdesk_queuedparse}, {@code rasterdesk_parseblock}):
 * stored by the first unit, claimed and completed block by block, read by the finish. Every change of a plan's
 * state or of a block's attempt takes the row's lock, so that a cancel and a worker never both win.
 */
final class QueuedPlans {

    /** The metadata kept for the swap as JSON; statistics of a band with no data are NaN. */
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** A block claimed by an attempt: its rows, its file (-1 for a block of the whole source). */
    record Claim(long attempt, int minY, int maxY, int part, Long previousAttempt) {
    }

    /** A block that is done: the attempt that wrote it and what it made; {@code part} null for the whole source. */
    record DoneBlock(long attempt, long tiles, long empty, Integer part) {
    }

    private final DataSource dataSource;

    QueuedPlans(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @return false when the parse was cancelled while it was planned: nothing is stored then */
    boolean store(long parseId, RasterLayer layer, TileRange top, long topTiles, int minZoom, Resampling resampling,
                  SourcePlan plan, List<MosaicUnits.Unit> blocks, String copyInputs, Integer addedAfter,
                  TileCover remade) throws SQLException {
        // A mosaic's tally goes in with its tiles, as after a local parse: what a later addition counts onto.
        boolean isMosaic = plan.parts().size() > 1;
        String tallyInputs = isMosaic ? MosaicTally.inputs(layer, new MosaicFiles(dataSource).find(layer.id())
                .map(MosaicFiles.Mosaic::firstWins).orElse(false), plan.parts().size()) : null;
        String tally = isMosaic ? MosaicTally.toText(plan.tally()) : null;
        String meta;
        String bands;
        String palettes;
        try {
            meta = JSON.writeValueAsString(plan.meta());
            bands = JSON.writeValueAsString(plan.bands());
            palettes = JSON.writeValueAsString(plan.palettes());
        } catch (IOException e) {
            throw new SQLException("The layer's metadata cannot be kept for the workers: " + e.getMessage(), e);
        }
        return Transactions.inTransaction(dataSource, "planning the parse of layer " + layer.id(), c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM rasterdesk_parse WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, parseId);
                lock.executeQuery().close();
            }
            if (WorkerParseState.runEnded(c, parseId)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_queuedparse (parse_id, "
                    + "rasterlayer_id, state, zoom, min_zoom, min_x, min_y, max_x, max_y, resampling, tile_nodata, "
                    + "pixel_type, metadata, bands, palettes, copy_inputs, source_pixel_size, top_tiles, added_after, "
                    + "remade_top, tally, tally_inputs) VALUES (?, ?, "
                    + "'blocks', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement block = c.prepareStatement("INSERT INTO rasterdesk_parseblock (parse_id, block, "
                         + "min_y, max_y, part) VALUES (?, ?, ?, ?, ?)")) {
                Double[] nodata = new Double[plan.tileNodata().length];
                for (int b = 0; b < nodata.length; b++) {
                    nodata[b] = plan.tileNodata()[b];
                }
                ps.setLong(1, parseId);
                ps.setInt(2, layer.id());
                ps.setInt(3, top.z());
                ps.setInt(4, minZoom);
                ps.setInt(5, top.minX());
                ps.setInt(6, top.minY());
                ps.setInt(7, top.maxX());
                ps.setInt(8, top.maxY());
                ps.setString(9, resampling.name());
                ps.setArray(10, c.createArrayOf("float8", nodata));
                ps.setString(11, plan.parts().get(0).reader().info().pixelType().name());
                ps.setString(12, meta);
                ps.setString(13, bands);
                ps.setString(14, palettes);
                ps.setString(15, copyInputs);
                ps.setDouble(16, plan.pixelSize());
                ps.setLong(17, topTiles);
                if (addedAfter == null) {
                    ps.setNull(18, Types.INTEGER);
                } else {
                    ps.setInt(18, addedAfter);
                }
                ps.setString(19, remade == null ? null : MosaicUnits.toText(remade));
                ps.setString(20, tally);
                ps.setString(21, tallyInputs);
                ps.executeUpdate();
                for (int i = 0; i < blocks.size(); i++) {
                    MosaicUnits.Unit unit = blocks.get(i);
                    block.setLong(1, parseId);
                    block.setInt(2, i);
                    block.setInt(3, unit.minY());
                    block.setInt(4, unit.maxY());
                    if (unit.part() < 0) {
                        block.setNull(5, Types.INTEGER);
                    } else {
                        block.setInt(5, unit.part());
                    }
                    block.addBatch();
                }
                block.executeBatch();
            }
            return true;
        });
    }

    Optional<QueuedPlan> find(long parseId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT rasterlayer_id, state, zoom, min_zoom, min_x, min_y, "
                     + "max_x, max_y, resampling, tile_nodata, pixel_type, metadata, bands, palettes, copy_inputs, "
                     + "coalesce(source_pixel_size, 0), coalesce(top_tiles, 0), added_after, remade_top, tally, "
                     + "tally_inputs "
                     + "FROM rasterdesk_queuedparse "
                     + "WHERE parse_id = ?")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Double[] nodata = (Double[]) rs.getArray(10).getArray();
                double[] tileNodata = new double[nodata.length];
                for (int b = 0; b < nodata.length; b++) {
                    tileNodata[b] = nodata[b];
                }
                return Optional.of(new QueuedPlan(parseId, rs.getInt(1), rs.getString(2), new TileRange(rs.getInt(3),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)), rs.getInt(4),
                        Resampling.valueOf(rs.getString(9)), tileNodata, PixelType.valueOf(rs.getString(11)),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getDouble(16),
                        rs.getLong(17), (Integer) rs.getObject(18), rs.getString(19) == null ? null
                        : MosaicUnits.fromText(rs.getInt(3), rs.getString(19)), rs.getString(20), rs.getString(21)));
            }
        }
    }

    /**
     * Gives the block to the attempt, unless it is done or the plan has ended.
     *
     * @return the claim, with the attempt it took the block from (a worker that died in it); empty when not claimed
     */
    Optional<Claim> claim(long parseId, int block, long attempt, String worker) throws SQLException {
        return Transactions.inTransaction(dataSource, "claiming a block", c -> {
            // A cancel or a failure of the parse changes its state under a lock this waits for (and holds off):
            // either this claim is seen and its attempt discarded by them, or the block is not claimed.
            try (PreparedStatement state = c.prepareStatement("SELECT state FROM rasterdesk_queuedparse "
                    + "WHERE parse_id = ? FOR SHARE")) {
                state.setLong(1, parseId);
                try (ResultSet rs = state.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals("blocks")) {
                        return Optional.<Claim>empty();
                    }
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT attempt, done, min_y, max_y, "
                    + "coalesce(part, -1) FROM rasterdesk_parseblock WHERE parse_id = ? AND block = ? FOR UPDATE");
                 PreparedStatement update = c.prepareStatement("UPDATE rasterdesk_parseblock SET attempt = ?, "
                         + "worker = ? WHERE parse_id = ? AND block = ?")) {
                select.setLong(1, parseId);
                select.setInt(2, block);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(2)) {
                        return Optional.<Claim>empty();
                    }
                    long old = rs.getLong(1);
                    Long previous = rs.wasNull() ? null : old;
                    Claim claim = new Claim(attempt, rs.getInt(3), rs.getInt(4), rs.getInt(5), previous);
                    update.setLong(1, attempt);
                    update.setString(2, worker);
                    update.setLong(3, parseId);
                    update.setInt(4, block);
                    update.executeUpdate();
                    return Optional.of(claim);
                }
            }
        });
    }

    /** How a block's completion came out. */
    enum Completion {
        DONE,
        /** Another attempt took the block over meanwhile. */
        SUPERSEDED,
        /** The parse was cancelled or failed meanwhile. */
        PARSE_ENDED
    }

    Completion complete(long parseId, int block, long attempt, long made, long empty, double seconds)
            throws SQLException {
        return Transactions.inTransaction(dataSource, "completing a block", c -> {
            // The parse's state under a share lock that a cancel's change of it waits for: a cancel either sees this
            // block done (and discards its tiles with the others') or is seen here. Without it a cancel between the
            // worker's last look and this update left a block done, and logged as made, after the cancel. The
            // block's row first: a completion waiting for it must not hold a cancel up.
            try (PreparedStatement row = c.prepareStatement("SELECT 1 FROM rasterdesk_parseblock WHERE parse_id = ? "
                    + "AND block = ? AND attempt = ? AND NOT done FOR UPDATE");
                 PreparedStatement state = c.prepareStatement("SELECT state FROM rasterdesk_queuedparse "
                         + "WHERE parse_id = ? FOR SHARE");
                 PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_parseblock SET done = true, "
                         + "tiles = ?, empty = ?, seconds = ? WHERE parse_id = ? AND block = ? AND attempt = ? "
                         + "AND NOT done")) {
                row.setLong(1, parseId);
                row.setInt(2, block);
                row.setLong(3, attempt);
                try (ResultSet rs = row.executeQuery()) {
                    if (!rs.next()) {
                        return Completion.SUPERSEDED;
                    }
                }
                state.setLong(1, parseId);
                try (ResultSet rs = state.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals("blocks")) {
                        return Completion.PARSE_ENDED;
                    }
                }
                ps.setLong(1, made);
                ps.setLong(2, empty);
                ps.setDouble(3, seconds);
                ps.setLong(4, parseId);
                ps.setInt(5, block);
                ps.setLong(6, attempt);
                return ps.executeUpdate() > 0 ? Completion.DONE : Completion.SUPERSEDED;
            }
        });
    }

    int blocks(long parseId) throws SQLException {
        return countBlocks(parseId, "");
    }

    int remainingBlocks(long parseId) throws SQLException {
        return countBlocks(parseId, " AND NOT done");
    }

    private int countBlocks(long parseId, String which) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM rasterdesk_parseblock WHERE parse_id = ?" + which)) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    List<DoneBlock> doneBlocks(long parseId) throws SQLException {
        List<DoneBlock> done = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT attempt, tiles, empty, part FROM rasterdesk_parseblock "
                     + "WHERE parse_id = ? AND done")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    done.add(new DoneBlock(rs.getLong(1), rs.getLong(2), rs.getLong(3), (Integer) rs.getObject(4)));
                }
            }
        }
        return done;
    }

    /** The attempts that wrote blocks of the parse, done or not. */
    List<Long> blockAttempts(long parseId) throws SQLException {
        List<Long> attempts = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT attempt FROM rasterdesk_parseblock WHERE parse_id = ? "
                     + "AND attempt IS NOT NULL")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.add(rs.getLong(1));
                }
            }
        }
        return attempts;
    }

    /** Gives the pyramid (the finish) to the attempt. @return the attempt that had it before, or null */
    Long claimPyramid(long parseId, long attempt) throws SQLException {
        return Transactions.inTransaction(dataSource, "claiming the pyramid", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT pyramid_attempt FROM rasterdesk_queuedparse "
                    + "WHERE parse_id = ? FOR UPDATE");
                 PreparedStatement update = c.prepareStatement("UPDATE rasterdesk_queuedparse SET pyramid_attempt = ? "
                         + "WHERE parse_id = ?")) {
                select.setLong(1, parseId);
                Long old;
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    old = rs.wasNull() ? null : v;
                }
                update.setLong(1, attempt);
                update.setLong(2, parseId);
                update.executeUpdate();
                return old;
            }
        });
    }

    /** Ends a plan that is making its blocks as failed. @return its layer, or empty when it had ended already */
    Optional<Integer> fail(long parseId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_queuedparse SET state = 'failed' "
                     + "WHERE parse_id = ? AND state = 'blocks' RETURNING rasterlayer_id")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    /** Ends a plan that is making its blocks as finished, in the swap's transaction. @return false if it had ended */
    static boolean finish(Connection c, long parseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_queuedparse SET state = 'finished' "
                + "WHERE parse_id = ? AND state = 'blocks'")) {
            ps.setLong(1, parseId);
            return ps.executeUpdate() > 0;
        }
    }

    /** "block 3 (rows 40–47)", for the log, or "block 3" when the parse has no such block (any more). */
    String describeBlock(long parseId, int block) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT min_y, max_y, part FROM rasterdesk_parseblock "
                     + "WHERE parse_id = ? AND block = ?")) {
            ps.setLong(1, parseId);
            ps.setInt(2, block);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "block " + block;
                }
                int part = rs.getInt(3);
                return "block " + block + " (" + (rs.wasNull() ? "" : "file " + (part + 1) + ", ") + "rows "
                        + rs.getInt(1) + "–" + rs.getInt(2) + ")";
            }
        }
    }
}
