package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;

/**
 * Bookkeeping of parse runs (rasterdesk_parse, rasterdesk_pendingtile): which tiles a run has written, the swap
 * that gives them to the layer, and the clean-up of runs that failed, were cancelled or died with their process.
 */
public final class ParseRuns {

    /**
     * Runs of this program that ended (cancelled, failed) while their database was away, so that neither their tiles
     * could be deleted nor their layers' statuses written, by the database (a pool) they ran on: ids repeat across
     * databases. The first recovery that reaches the database again ends them as the parse would have
     * ({@link #recover}); the window asks for one at each reload of its list. Were the program to stop first, the
     * next start ends them as runs of a process that is gone.
     */
    private static final Map<DataSource, Map<Long, EndedAway>> ENDED_AWAY =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * A run that ended while the database was away.
     *
     * @param previous the layer's status when the run began
     * @param failure  why the parse failed, one sentence; null for a cancel
     */
    private record EndedAway(int layerId, org.rasterdesk.layer.LayerParseStatus previous, String failure) {
    }

    private final DataSource dataSource;

    public ParseRuns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long begin(int layerId) throws SQLException {
        return begin(layerId, false);
    }

    /** @param distributed a run (or a block's attempt) of a parse on workers, which no layer lock guards */
    public long begin(int layerId, boolean distributed) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_parse (rasterlayer_id, host, pid, "
                     + "distributed) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setInt(1, layerId);
            ps.setString(2, hostName());
            ps.setLong(3, ProcessHandle.current().pid());
            ps.setBoolean(4, distributed);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The run of a parse queued for the workers, made by the client that queues it: it waits until a worker
     * {@link #take}s it, and every client sees it (and can cancel it) meanwhile.
     */
    public long beginQueued(int layerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_parse (rasterlayer_id, host, pid, "
                     + "distributed, queued, waiting) VALUES (?, ?, ?, true, true, true) RETURNING id")) {
            ps.setInt(1, layerId);
            ps.setString(2, hostName());
            ps.setLong(3, ProcessHandle.current().pid());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * A worker takes a queued run: it starts now, on that worker.
     *
     * @return false when the run has ended meanwhile (cancelled before any worker took it)
     */
    boolean take(long parseId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_parse SET waiting = false, "
                     + "started = CASE WHEN waiting THEN now() ELSE started END, host = ?, pid = ? "
                     + "WHERE id = ? AND finished IS NULL")) {
            ps.setString(1, hostName());
            ps.setLong(2, ProcessHandle.current().pid());
            ps.setLong(3, parseId);
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Gives the run's tiles to the layer and deletes its previous ones, inside the caller's transaction (which
     * also writes the new metadata and status, so that all of it changes at once).
     *
     * @return the number of tiles the layer has now
     */
    public int swapTiles(Connection tx, int layerId, long parseId) throws SQLException {
        return swapTiles(tx, layerId, new Long[] {parseId});
    }

    /**
     * As {@link #swapTiles(Connection, int, long)}, with the tiles of several runs (the blocks of a parse on
     * workers); the last id is the parse's own run, which is given the counts of tiles and bytes.
     */
    public int swapTiles(Connection tx, int layerId, Long[] parseIds) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM raster_rastertile WHERE rasterlayer_id = ?")) {
            delete.setInt(1, layerId);
            delete.executeUpdate();
        }
        return attachTiles(tx, layerId, parseIds);
    }

    /**
     * Where the files of a mosaic, warped apart, made the same max-zoom tile, the tile painted from them
     * ({@link PendingPyramid}) replaces theirs: their tiles of those places are deleted, inside the caller's
     * transaction, before the swap gives the rest to the layer.
     *
     * @param partRuns   the runs the files' tiles were written by
     * @param paintedRun the run that wrote the painted tiles
     */
    void dropPaintedOver(Connection tx, Long[] partRuns, long paintedRun, int z) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("DELETE FROM raster_rastertile t USING rasterdesk_pendingtile p "
                + "WHERE p.parse_id = ANY(?) AND t.rid = p.rid AND t.tilez = ? AND t.rasterlayer_id IS NULL "
                + "AND EXISTS (SELECT 1 FROM rasterdesk_pendingtile pp JOIN raster_rastertile tt ON tt.rid = pp.rid "
                + "WHERE pp.parse_id = ? AND tt.tilez = t.tilez AND tt.tilex = t.tilex AND tt.tiley = t.tiley)")) {
            ps.setArray(1, tx.createArrayOf("bigint", partRuns));
            ps.setInt(2, z);
            ps.setLong(3, paintedRun);
            ps.executeUpdate();
        }
    }

    /**
     * As {@link #swapTiles(Connection, int, long)} for a run that re-made only some of the layer's tiles (files
     * added to a mosaic): the layer's tiles in those places are deleted, the others kept.
     *
     * @param remade per zoom, the tiles the run made again (those it found empty included)
     * @return the number of tiles the run gave the layer
     */
    int swapTiles(Connection tx, int layerId, long parseId, List<TileCover> remade)
            throws SQLException {
        return swapTiles(tx, layerId, new Long[] {parseId}, remade);
    }

    /**
     * As {@link #swapTiles(Connection, int, long, List)}, with the tiles of several runs (the jobs of an addition on
     * workers); the last id is the parse's own run.
     */
    int swapTiles(Connection tx, int layerId, Long[] parseIds, List<TileCover> remade)
            throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM raster_rastertile WHERE rasterlayer_id = ? "
                + "AND tilez = ? AND tilex BETWEEN ? AND ? AND tiley BETWEEN ? AND ?")) {
            for (TileCover cover : remade) {
                for (TileRange r : cover.parts()) {
                    delete.setInt(1, layerId);
                    delete.setInt(2, r.z());
                    delete.setInt(3, r.minX());
                    delete.setInt(4, r.maxX());
                    delete.setInt(5, r.minY());
                    delete.setInt(6, r.maxY());
                    delete.addBatch();
                }
            }
            delete.executeBatch();
        }
        return attachTiles(tx, layerId, parseIds);
    }

    /**
     * How many tiles the layer will have once {@link #swapTiles(Connection, int, long, List)} has replaced those in
     * {@code remade} with the run's {@code made} ones.
     */
    long tilesAfterSwap(int layerId, List<TileCover> remade, long made) throws SQLException {
        long kept = new org.rasterdesk.layer.TileRepository(dataSource).count(layerId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM raster_rastertile WHERE "
                     + "rasterlayer_id = ? AND tilez = ? AND tilex BETWEEN ? AND ? AND tiley BETWEEN ? AND ?")) {
            // A zoom's ranges do not overlap (TileCover merges them), and zooms are apart: no tile counts twice.
            for (TileCover cover : remade) {
                for (TileRange r : cover.parts()) {
                    ps.setInt(1, layerId);
                    ps.setInt(2, r.z());
                    ps.setInt(3, r.minX());
                    ps.setInt(4, r.maxX());
                    ps.setInt(5, r.minY());
                    ps.setInt(6, r.maxY());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        kept -= rs.getLong(1);
                    }
                }
            }
        }
        return kept + made;
    }

    /**
     * Whether a whole parse of the layer may write its tiles as the layer's from the start ({@link #keepTiles}): the
     * layer has none to keep until the parse succeeds. Asked under the layer's lock, which keeps other parses from
     * giving it tiles meanwhile.
     */
    boolean hasNoTiles(int layerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT NOT EXISTS (SELECT 1 FROM raster_rastertile WHERE rasterlayer_id = ?)")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * As {@link #swapTiles(Connection, int, long)} for a run that wrote its tiles as the layer's from the start (a
     * layer that had no tiles, {@link #hasNoTiles}): they stay where they are, only the run's records of them go.
     * Readers see them as they come, as django-raster's own parse shows a new layer's tiles; a failure, a cancel or a
     * crash still deletes them ({@link #discard}), leaving the layer without tiles as before. Measured on the Lisbon
     * benchmark raster (4,065 tiles): the final transaction's UPDATE of every tile row, which writes new entries in
     * all seven indexes and recomputes the GiST key from each whole stored raster, took 0.4-0.9 s.
     *
     * @return the number of tiles the layer has now
     */
    int keepTiles(Connection tx, int layerId, long parseId) throws SQLException {
        // Nothing else gives a locked layer tiles; were any written by other means meanwhile, the layer still ends
        // with exactly the run's, as after a swap. Counted first, so that the usual case costs two index scans: the
        // run's records have no index on rid, and NOT IN reads them into a hashed set only while they fit in
        // work_mem (a few hundred thousand tiles), past which it would read them all once per tile of the layer.
        // (As NOT EXISTS, the planner, which takes a new run for a small one, chose that loop even for the Lisbon
        // benchmark raster's 4,065 tiles: 1.1-1.9 s.)
        boolean others;
        try (PreparedStatement count = tx.prepareStatement("SELECT (SELECT count(*) FROM raster_rastertile "
                + "WHERE rasterlayer_id = ?) > (SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = ?)")) {
            count.setInt(1, layerId);
            count.setLong(2, parseId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                others = rs.getBoolean(1);
            }
        }
        if (others) {
            try (PreparedStatement delete = tx.prepareStatement("DELETE FROM raster_rastertile "
                    + "WHERE rasterlayer_id = ? AND rid NOT IN (SELECT rid FROM rasterdesk_pendingtile "
                    + "WHERE parse_id = ?)")) {
                delete.setInt(1, layerId);
                delete.setLong(2, parseId);
                delete.executeUpdate();
            }
        }
        return finishRuns(tx, layerId, new Long[] {parseId}, null);
    }

    /**
     * Whether the layer's tiles are being made by a parse that writes them as the layer's from the start
     * ({@link #keepTiles}): they are not all there yet, and the layer's metadata and statistics come only at its end.
     * A run's tiles are all attached or none, so its first recorded tile tells.
     */
    public boolean tilesBeingMade(int layerId) {
        return org.rasterdesk.db.Transactions.read(dataSource, "reading the parse of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM rasterdesk_parse r "
                    + "WHERE r.rasterlayer_id = ? AND r.finished IS NULL AND (SELECT t.rasterlayer_id "
                    + "FROM rasterdesk_pendingtile p JOIN raster_rastertile t ON t.rid = p.rid "
                    + "WHERE p.parse_id = r.id LIMIT 1) = r.rasterlayer_id)")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        });
    }

    /**
     * The UPDATE that gives the run's tiles to the layer is most of the final transaction's time. rasterlayer_id is
     * indexed, so every tile gets a new row version with entries in all seven indexes of raster_rastertile; the raster
     * itself is not written again (the new version keeps the TOAST pointer). The GiST index on ST_ConvexHull(rast)
     * computes its key again from the stored raster: PostGIS asks only for the header, but PostgreSQL 15 fetches the
     * whole of a value stored lz4-compressed (a tile stored uncompressed, where lz4 could not shrink it, costs one
     * chunk). Measured on the Lisbon benchmark raster's 4,065 tiles (2,215 lz4-compressed at 30 KB, 1,850 stored
     * whole): the UPDATE took 0.94-0.98 s with its pages out of the server's buffers and 0.15 s without the GiST index
     * or with the pages in the buffers. Nothing cheaper keeps the layer's previous tiles until this transaction: a
     * tile written with its layer id is the layer's as soon as its batch commits.
     */
    private int attachTiles(Connection tx, int layerId, Long[] parseIds) throws SQLException {
        try (PreparedStatement attach = tx.prepareStatement("UPDATE raster_rastertile t SET rasterlayer_id = ? "
                + "FROM rasterdesk_pendingtile p WHERE p.parse_id = ANY(?) AND t.rid = p.rid")) {
            attach.setInt(1, layerId);
            attach.setArray(2, tx.createArrayOf("bigint", parseIds));
            return finishRuns(tx, layerId, parseIds, attach.executeUpdate());
        }
    }

    /**
     * Ends the runs whose tiles the layer now has: the last one, the parse's own, is given the counts of its tiles
     * and bytes; their records of the tiles go.
     *
     * @param tiles the number of tiles, or null to count them
     * @return the number of tiles
     */
    private int finishRuns(Connection tx, int layerId, Long[] parseIds, Integer tiles) throws SQLException {
        try (PreparedStatement forget = tx.prepareStatement(
                     "DELETE FROM rasterdesk_pendingtile WHERE parse_id = ANY(?)");
             PreparedStatement finishAll = tx.prepareStatement("UPDATE rasterdesk_parse SET finished = now(), "
                     + "outcome = 'finished' WHERE id = ANY(?)");
             PreparedStatement finish = tx.prepareStatement("UPDATE rasterdesk_parse r SET "
                     + "tiles = coalesce(?::bigint, s.tiles), bytes = s.bytes FROM (SELECT count(*) AS tiles, "
                     + "coalesce(sum(pg_column_size(t.rast)), 0) AS bytes "
                     + "FROM raster_rastertile t JOIN rasterdesk_pendingtile p ON t.rid = p.rid "
                     + "WHERE p.parse_id = ANY(?)) s WHERE r.id = ? RETURNING r.tiles")) {
            java.sql.Array ids = tx.createArrayOf("bigint", parseIds);
            finishAll.setArray(1, ids);
            finishAll.executeUpdate();
            // Before the pending rows go: they tell which tiles this run made, for its bytes.
            finish.setObject(1, tiles, java.sql.Types.BIGINT);
            finish.setArray(2, ids);
            finish.setLong(3, parseIds[parseIds.length - 1]);
            int counted;
            try (ResultSet rs = finish.executeQuery()) {
                rs.next();
                counted = (int) rs.getLong(1);
            }
            forget.setArray(1, ids);
            forget.executeUpdate();
            // The state kept for a cancel described the tiles just deleted.
            org.rasterdesk.layer.ParsedStateRepository.forget(tx, layerId);
            return counted;
        }
    }

    /**
     * Deletes the tiles a run wrote and marks it ended with the outcome (failed, cancelled, interrupted). Tiles it
     * wrote as its layer's from the start ({@link #keepTiles}) go too: the layer is left without tiles, as it was.
     */
    public void discard(long parseId, String outcome) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement tiles = c.prepareStatement("WITH gone AS (DELETE FROM raster_rastertile t USING "
                    + "rasterdesk_pendingtile p, rasterdesk_parse r WHERE p.parse_id = ? AND r.id = p.parse_id "
                    + "AND t.rid = p.rid AND (t.rasterlayer_id IS NULL OR t.rasterlayer_id = r.rasterlayer_id) "
                    + "RETURNING t.rasterlayer_id) SELECT min(rasterlayer_id) FROM gone");
                 PreparedStatement forget = c.prepareStatement("DELETE FROM rasterdesk_pendingtile WHERE parse_id = ?");
                 PreparedStatement end = c.prepareStatement("UPDATE rasterdesk_parse SET finished = now(), "
                         + "outcome = ? WHERE id = ?")) {
                // Ended first: that waits for a batch of its tiles under way (PendingTileWriter holds the run's row
                // while it inserts) and stops later ones, so the deletes below see every tile it wrote.
                end.setString(1, outcome);
                end.setLong(2, parseId);
                end.executeUpdate();
                tiles.setLong(1, parseId);
                try (ResultSet rs = tiles.executeQuery()) {
                    rs.next();
                    int attachedTo = rs.getInt(1);
                    if (!rs.wasNull()) {
                        // A state a save kept while they were there described tiles that are gone now.
                        org.rasterdesk.layer.ParsedStateRepository.forget(c, attachedTo);
                    }
                }
                forget.setLong(1, parseId);
                forget.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Notes a run of this program that was cancelled while the database was away: its tiles go, and its layer's
     * status is put back to {@code previous} with a line saying so, at the next recovery that reaches the database.
     */
    void cancelWhenBack(long parseId, int layerId, org.rasterdesk.layer.LayerParseStatus previous) {
        endWhenBack(parseId, new EndedAway(layerId, previous, null));
    }

    /**
     * Notes a run of this program that failed and whose failure could not be stored, the database being away: its
     * tiles go, and its layer is marked failed with the reason, at the next recovery that reaches the database.
     */
    void failWhenBack(long parseId, int layerId, String failure) {
        endWhenBack(parseId, new EndedAway(layerId, null, failure));
    }

    private void endWhenBack(long parseId, EndedAway ended) {
        ENDED_AWAY.computeIfAbsent(dataSource, d -> new ConcurrentHashMap<>()).put(parseId, ended);
    }

    /**
     * Finds runs whose process died in the middle (killed, crashed, the machine stopped): unfinished runs whose
     * layer lock nobody holds, since the lock lives as long as the parsing session. Their tiles are discarded and
     * their layers, left showing a parse in progress, are marked FAILED with a line saying they were interrupted;
     * the previous tiles stay. A run of this machine whose process still runs is left alone even without its lock:
     * a database restart ends the session that held it, and the parse takes it again once the database is back.
     *
     * @return the layers whose parse was interrupted
     */
    public java.util.List<Integer> recoverInterrupted() throws SQLException {
        return recover(false);
    }

    /**
     * As {@link #recoverInterrupted()}, only for runs whose death is proven from here: they ran on this machine and
     * their process is gone. Cheap enough to ask every time a window reloads its list of layers, and safe while the
     * database restarts (a run of another machine without its lock may be one waiting for the database to return).
     * Runs of this program that ended while the database was away are ended there too, now that it is back.
     *
     * @return the layers whose parse was interrupted
     */
    public java.util.List<Integer> recoverAbandoned() throws SQLException {
        return recover(true);
    }

    /** An unfinished local run and where it ran. */
    private record Unfinished(long id, int layerId, String host, long pid, java.time.Instant started) {
    }

    private java.util.List<Integer> recover(boolean provenOnly) throws SQLException {
        java.util.List<Unfinished> unfinished = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, rasterlayer_id, host, coalesce(pid, 0), started "
                     + "FROM rasterdesk_parse WHERE finished IS NULL AND NOT distributed")) {
            while (rs.next()) {
                unfinished.add(new Unfinished(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getLong(4),
                        rs.getTimestamp(5).toInstant()));
            }
        }
        java.util.List<Integer> layers = new java.util.ArrayList<>();
        Map<Long, EndedAway> endedAway = ENDED_AWAY.getOrDefault(dataSource, new ConcurrentHashMap<>());
        // Ended meanwhile by other means (a database restored from before the run, a cancel stored later).
        endedAway.keySet().removeIf(id -> unfinished.stream().noneMatch(run -> run.id() == id));
        if (unfinished.isEmpty()) {
            return layers;
        }
        String here = hostName();
        org.rasterdesk.layer.ParseStatusRepository statuses = new org.rasterdesk.layer.ParseStatusRepository(dataSource);
        for (Unfinished run : unfinished) {
            EndedAway ended = endedAway.get(run.id());
            if (ended != null) {
                if (endNow(run.id(), ended)) {
                    endedAway.remove(run.id());
                    layers.add(run.layerId());
                }
                continue;
            }
            boolean ranHere = here.equals(run.host());
            if (ranHere ? runs(run) : provenOnly) {
                continue;
            }
            if (LayerLock.isHeld(run.layerId(), dataSource)) {
                continue;
            }
            discard(run.id(), "interrupted");
            if (statuses.status(run.layerId()).isInProgress()) {
                statuses.log(run.layerId(), "Parse interrupted: the program that ran it stopped (process "
                        + run.pid() + " on " + run.host() + "); " + KeptTiles.describe(dataSource, run.layerId())
                        + ". Parse the layer again.", org.rasterdesk.layer.ParseStatus.FAILED, null);
            }
            layers.add(run.layerId());
        }
        return layers;
    }

    /**
     * Ends a run that ended while the database was away as the parse would have: its tiles go (a new layer's
     * included) and its layer's status is put back (a cancel) or marked failed, under the layer's lock so that a
     * parse started since is not undone.
     *
     * @return false when another parse of the layer holds its lock: the run is ended at a later recovery
     */
    private boolean endNow(long parseId, EndedAway ended) throws SQLException {
        try (LayerLock lock = LayerLock.tryAcquire(dataSource, ended.layerId())) {
            if (lock == null) {
                return false;
            }
            if (ended.failure() == null) {
                discard(parseId, "cancelled");
                new CancelledParse(dataSource).restore(ended.layerId(), ended.previous(),
                        new ParseLog(ParseListener.NONE), "Parsing was cancelled while the database was unavailable; ");
            } else {
                discard(parseId, "failed");
                new org.rasterdesk.layer.ParseStatusRepository(dataSource).log(ended.layerId(), "Parsing failed: "
                        + ended.failure() + " " + KeptTiles.sentence(KeptTiles.describe(dataSource, ended.layerId())),
                        org.rasterdesk.layer.ParseStatus.FAILED, null);
            }
            return true;
        }
    }

    /**
     * Whether the process that began the run, on this machine, still runs: a process of that id that started
     * before the run (give or take the clocks of the database and this machine) and is alive. A process id reused
     * by a later process does not count.
     */
    private static boolean runs(Unfinished run) {
        if (run.pid() == ProcessHandle.current().pid()) {
            return true;
        }
        java.util.Optional<ProcessHandle> process = ProcessHandle.of(run.pid()).filter(ProcessHandle::isAlive);
        // A process whose start this user may not see is taken to be the run's: it is not proven gone.
        return process.isPresent() && process.get().info().startInstant()
                .map(start -> !start.isAfter(run.started().plus(CLOCK_SLACK))).orElse(true);
    }

    /** How far this machine's clock and the database's may disagree when a run's process is matched to its start. */
    private static final java.time.Duration CLOCK_SLACK = java.time.Duration.ofMinutes(2);

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
