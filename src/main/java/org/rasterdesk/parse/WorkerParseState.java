package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;

/**
 * What the database says of a layer's parse on workers, for whoever follows or stops it from another process (the
 * window, the command line): how far its blocks are, whether it ended, and the cancel that stops it and puts the
 * layer back as its tiles describe it.
 */
public final class WorkerParseState {

    /**
     * One look at a parse on workers.
     *
     * @param parseId     the parse's run, made when it was queued; null before
     * @param waiting     whether it waits for a worker to take it
     * @param runOutcome  the parse run's outcome once it ended without a plan ({@code failed}, {@code refused}...)
     * @param state       {@code blocks}, {@code finished}, {@code failed} or {@code cancelled}; null before the plan
     * @param blocks      the parse's blocks, 0 before the plan
     * @param blocksDone  blocks done
     * @param tiles       max-zoom tiles the done blocks made
     * @param status      the layer's stored status and log
     */
    public record Snapshot(Long parseId, boolean waiting, String runOutcome, String state, int blocks,
                           int blocksDone, long tiles, LayerParseStatus status) {

        /** Whether the parse has ended, however. */
        public boolean ended() {
            return parseId != null && (state == null ? runOutcome != null : !state.equals("blocks"));
        }
    }

    /** A run {@code p} that is a parse on workers under way, waiting for a worker or planned: unfinished. */
    private static final String UNDER_WAY = "p.queued AND p.finished IS NULL";

    private final DataSource dataSource;

    public WorkerParseState(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The newest run of the layer's parses, 0 when it has none: a parse queued now starts after it. */
    public long lastRun(int layerId) throws SQLException {
        return single("SELECT coalesce(max(id), 0) FROM rasterdesk_parse WHERE rasterlayer_id = ?", layerId);
    }

    /** The parse on workers of the layer that is making its blocks now, if one is. */
    public Optional<Long> active(int layerId) throws SQLException {
        long id = single("SELECT coalesce(max(parse_id), 0) FROM rasterdesk_queuedparse WHERE rasterlayer_id = ? "
                + "AND state = 'blocks'", layerId);
        return id == 0 ? Optional.empty() : Optional.of(id);
    }

    /**
     * The parse on workers of the layer that is under way, from the moment it is queued: its run, unfinished until
     * the swap.
     */
    public Optional<Long> underWay(int layerId) throws SQLException {
        long id = single("SELECT coalesce(max(p.id), 0) FROM rasterdesk_parse p WHERE p.rasterlayer_id = ? AND "
                + UNDER_WAY, layerId);
        return id == 0 ? Optional.empty() : Optional.of(id);
    }

    /**
     * The parses on workers under way now, by layer, queued or planned: {@link #underWay(int)} of every layer in one
     * query, for a window that shows them whoever queued them.
     */
    public Map<Integer, Long> underWay() throws SQLException {
        Map<Integer, Long> parses = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT p.rasterlayer_id, max(p.id) FROM rasterdesk_parse p "
                     + "WHERE " + UNDER_WAY + " GROUP BY p.rasterlayer_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                parses.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return parses;
    }

    /** Whether the run has not ended. */
    boolean unfinished(long parseId) throws SQLException {
        return single("SELECT count(*) FROM rasterdesk_parse WHERE id = ? AND finished IS NULL", parseId) > 0;
    }

    /**
     * The process that parses the layer locally now, as {@code host:pid}, if one does: it holds the layer's lock,
     * which only that process can let go of.
     */
    public Optional<String> localParser(int layerId) throws SQLException {
        if (!LayerLock.isHeld(layerId, dataSource)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT host, pid FROM rasterdesk_parse "
                     + "WHERE rasterlayer_id = ? AND NOT distributed AND finished IS NULL ORDER BY id DESC LIMIT 1")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                return Optional.of(rs.next() ? rs.getString(1) + ":" + rs.getLong(2) : "another client");
            }
        }
    }

    /** The parse on workers of the layer that began after run {@code after}, as it stands now. */
    public Snapshot read(int layerId, long after) throws SQLException {
        LayerParseStatus status = new ParseStatusRepository(dataSource).find(layerId)
                .orElse(LayerParseStatus.unparsed(layerId));
        try (Connection c = dataSource.getConnection();
             PreparedStatement run = c.prepareStatement("SELECT id, outcome, waiting FROM rasterdesk_parse "
                     + "WHERE rasterlayer_id = ? AND id > ? AND queued ORDER BY id LIMIT 1");
             PreparedStatement plan = c.prepareStatement("SELECT q.state, count(b.block), "
                     + "count(b.block) FILTER (WHERE b.done), coalesce(sum(b.tiles) FILTER (WHERE b.done), 0) "
                     + "FROM rasterdesk_queuedparse q LEFT JOIN rasterdesk_parseblock b ON b.parse_id = q.parse_id "
                     + "WHERE q.parse_id = ? GROUP BY q.state")) {
            run.setInt(1, layerId);
            run.setLong(2, after);
            Long parseId;
            String outcome;
            boolean waiting;
            try (ResultSet rs = run.executeQuery()) {
                if (!rs.next()) {
                    return new Snapshot(null, false, null, null, 0, 0, 0, status);
                }
                parseId = rs.getLong(1);
                outcome = rs.getString(2);
                waiting = rs.getBoolean(3) && outcome == null;
            }
            plan.setLong(1, parseId);
            try (ResultSet rs = plan.executeQuery()) {
                if (!rs.next()) {
                    return new Snapshot(parseId, waiting, outcome, null, 0, 0, 0, status);
                }
                return new Snapshot(parseId, waiting, outcome, rs.getString(1), rs.getInt(2), rs.getInt(3),
                        rs.getLong(4), status);
            }
        }
    }

    /**
     * Stops a parse on workers: its blocks and finish find it cancelled and do nothing, the tiles its attempts wrote
     * go, and the layer is put back as its tiles describe it, the cancel the log's last line.
     *
     * @return the blocks the parse had, whose jobs the caller may delete (0 before its plan); -1 when it had ended
     *         already
     */
    public int cancel(int layerId, long parseId) throws SQLException {
        List<Long> attempts = new ArrayList<>();
        int blocks;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_queuedparse SET state = 'cancelled' "
                    + "WHERE parse_id = ? AND state = 'blocks'")) {
                ps.setLong(1, parseId);
                if (ps.executeUpdate() == 0 && (planExists(c, parseId) || runEnded(c, parseId))) {
                    return -1;
                }
            }
            attempts.addAll(attempts(c, parseId));
            blocks = (int) single(c, "SELECT count(*) FROM rasterdesk_parseblock WHERE parse_id = ?", parseId);
        }
        ParseRuns runs = new ParseRuns(dataSource);
        for (long attempt : attempts) {
            runs.discard(attempt, "cancelled");
        }
        // Without a plan yet, the discarded run tells the worker that takes it (or plans it now) to store nothing.
        runs.discard(parseId, "cancelled");
        // Files staged to be added by this parse (the layer's only one meanwhile) go with it.
        new org.rasterdesk.source.MosaicFiles(dataSource).dropAdditions(layerId);
        restore(layerId, "Parsing on workers was cancelled; ");
        return blocks;
    }

    /** Puts the layer back after a parse on workers stopped: the status its tiles describe, the log kept. */
    void restore(int layerId, String opening) {
        LayerParseStatus now = new ParseStatusRepository(dataSource).find(layerId)
                .orElse(LayerParseStatus.unparsed(layerId));
        ParseStatus before = now.tileLevels().isEmpty() ? ParseStatus.UNPARSED : ParseStatus.FINISHED;
        new CancelledParse(dataSource).restore(layerId,
                new LayerParseStatus(layerId, before, now.log(), now.tileLevels()),
                new ParseLog(ParseListener.NONE), opening);
    }

    /** The runs a planned parse's blocks and lower zooms wrote their tiles under, whose tiles go when it stops. */
    static List<Long> attempts(Connection c, long parseId) throws SQLException {
        List<Long> attempts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT attempt FROM rasterdesk_parseblock "
                + "WHERE parse_id = ? AND attempt IS NOT NULL UNION SELECT pyramid_attempt "
                + "FROM rasterdesk_queuedparse WHERE parse_id = ? AND pyramid_attempt IS NOT NULL")) {
            ps.setLong(1, parseId);
            ps.setLong(2, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.add(rs.getLong(1));
                }
            }
        }
        return attempts;
    }

    /** Whether the plan run has been stopped (cancelled) since it began: the planning worker then stores nothing. */
    static boolean runEnded(Connection c, long parseId) throws SQLException {
        return single(c, "SELECT count(*) FROM rasterdesk_parse WHERE id = ? AND finished IS NOT NULL", parseId) > 0;
    }

    private static boolean planExists(Connection c, long parseId) throws SQLException {
        return single(c, "SELECT count(*) FROM rasterdesk_queuedparse WHERE parse_id = ?", parseId) > 0;
    }

    private long single(String sql, long arg) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return single(c, sql, arg);
        }
    }

    private static long single(Connection c, String sql, long arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
