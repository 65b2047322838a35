package org.rasterdesk.layer;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * Reads and writes the parse status of layers (raster_rasterlayerparsestatus): status, log and tile levels.
 * Writes create the row when a layer lacks it (django-raster creates it lazily too).
 * Thread safe: every call takes its own connection from the pool.
 */
public final class ParseStatusRepository {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final DataSource dataSource;
    private final Clock clock;

    public ParseStatusRepository(DataSource dataSource) {
        this(dataSource, Clock.systemDefaultZone());
    }

    /** @param clock the time of log lines, read in the clock's zone as django-raster uses local time */
    public ParseStatusRepository(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A log line as django-raster writes it: {@code [2026-11-24 10:15:02] message}. */
    public static String logLine(LocalDateTime time, String message) {
        return "[" + LOG_TIME.format(time) + "] " + message;
    }

    public Optional<LayerParseStatus> find(int layerId) {
        return Transactions.read(dataSource, "reading the parse status of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, log, tile_levels "
                    + "FROM raster_rasterlayerparsestatus WHERE rasterlayer_id = ?")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new LayerParseStatus(layerId, ParseStatus.fromCode(rs.getInt("status")),
                            rs.getString("log"), integers(rs.getArray("tile_levels"))));
                }
            }
        });
    }

    /** The parse status of every layer that has one, by layer id (one query). */
    public Map<Integer, LayerParseStatus> findAll() {
        return Transactions.read(dataSource, "reading the parse status of all layers", c -> {
            Map<Integer, LayerParseStatus> all = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT rasterlayer_id, status, log, tile_levels "
                    + "FROM raster_rasterlayerparsestatus");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int layerId = rs.getInt("rasterlayer_id");
                    all.put(layerId, new LayerParseStatus(layerId, ParseStatus.fromCode(rs.getInt("status")),
                            rs.getString("log"), integers(rs.getArray("tile_levels"))));
                }
            }
            return all;
        });
    }

    /** The status of the layer, UNPARSED when it has no status row. */
    public ParseStatus status(int layerId) {
        return find(layerId).map(LayerParseStatus::status).orElse(ParseStatus.UNPARSED);
    }

    /** Replaces status, log and tile levels. */
    public void save(LayerParseStatus state) {
        Transactions.inTransaction(dataSource, "saving the parse status of layer " + state.layerId(), c -> {
            save(c, state);
            return null;
        });
    }

    /**
     * Replaces status, log and tile levels while a parse goes on, without waiting for the disk
     * ({@link Transactions#inProgressTransaction}): the parse's final transaction, or its failure's or cancel's
     * record, stores the whole log again and durably.
     */
    public void saveProgress(LayerParseStatus state) {
        Transactions.inProgressTransaction(dataSource, "saving the parse status of layer " + state.layerId(), c -> {
            save(c, state);
            return null;
        });
    }

    /** Replaces status, log and tile levels inside the caller's transaction. */
    public void save(Connection c, LayerParseStatus state) throws SQLException {
        Array levels = c.createArrayOf("integer", sortedLevels(state.tileLevels()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayerparsestatus "
                + "(status, log, tile_levels, rasterlayer_id) VALUES (?, ?, ?, ?) ON CONFLICT (rasterlayer_id) "
                + "DO UPDATE SET status = EXCLUDED.status, log = EXCLUDED.log, "
                + "tile_levels = EXCLUDED.tile_levels")) {
            ps.setInt(1, state.status().code());
            ps.setString(2, state.log());
            ps.setArray(3, levels);
            ps.setInt(4, state.layerId());
            ps.executeUpdate();
        }
    }

    public void setStatus(int layerId, ParseStatus status) {
        update(layerId, "setting the parse status of layer " + layerId,
                "UPDATE raster_rasterlayerparsestatus SET status = ? WHERE rasterlayer_id = ?", status.code());
    }

    public void setTileLevels(int layerId, List<Integer> levels) {
        Transactions.inTransaction(dataSource, "setting the tile levels of layer " + layerId, c -> {
            ensureRow(c, layerId);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE raster_rasterlayerparsestatus SET tile_levels = ? WHERE rasterlayer_id = ?")) {
                ps.setArray(1, c.createArrayOf("integer", sortedLevels(levels)));
                ps.setInt(2, layerId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Appends a timestamped line to the log. */
    public void log(int layerId, String message) {
        log(layerId, message, null, null);
    }

    /**
     * Appends a timestamped line to the log, as django-raster's parser does: optionally sets the status and adds
     * a zoom level to the sorted tile levels, in the same statement so that concurrent writers lose nothing.
     *
     * @param status the new status, or null to keep it
     * @param zoom   a zoom level for which tiles were made, or null
     */
    public void log(int layerId, String message, ParseStatus status, Integer zoom) {
        append(layerId, logLine(LocalDateTime.now(clock), message), status, zoom);
    }

    /**
     * Appends timestamped lines made at one moment, in order, in one statement: each call is a round trip and a
     * transaction that rewrites the whole log, and the end of a parse logs a line per zoom. No lines change nothing.
     *
     * @param status the new status, or null to keep it
     */
    public void log(int layerId, List<String> messages, ParseStatus status) {
        if (messages.isEmpty()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock);
        StringBuilder lines = new StringBuilder();
        for (String message : messages) {
            if (lines.length() > 0) {
                lines.append('\n');
            }
            lines.append(logLine(now, message));
        }
        append(layerId, lines.toString(), status, null);
    }

    private void append(int layerId, String line, ParseStatus status, Integer zoom) {
        Transactions.inTransaction(dataSource, "writing the parse log of layer " + layerId, c -> {
            ensureRow(c, layerId);
            try (PreparedStatement ps = c.prepareStatement("UPDATE raster_rasterlayerparsestatus SET "
                    + "log = CASE WHEN log = '' THEN ? ELSE log || E'\\n' || ? END, "
                    + "status = coalesce(?, status), "
                    + "tile_levels = CASE WHEN ?::integer IS NULL OR ?::integer = ANY(tile_levels) THEN tile_levels "
                    + "ELSE ARRAY(SELECT v FROM unnest(tile_levels || ?::integer) AS v ORDER BY v) END "
                    + "WHERE rasterlayer_id = ?")) {
                ps.setString(1, line);
                ps.setString(2, line);
                ps.setObject(3, status == null ? null : status.code(), Types.INTEGER);
                ps.setObject(4, zoom, Types.INTEGER);
                ps.setObject(5, zoom, Types.INTEGER);
                ps.setObject(6, zoom, Types.INTEGER);
                ps.setInt(7, layerId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Back to UNPARSED with an empty log and no tile levels (django-raster's {@code reset()}). */
    public void reset(int layerId) {
        Transactions.inTransaction(dataSource, "resetting the parse status of layer " + layerId, c -> {
            reset(c, layerId);
            return null;
        });
    }

    static void reset(Connection c, int layerId) throws SQLException {
        ensureRow(c, layerId);
        try (PreparedStatement ps = c.prepareStatement("UPDATE raster_rasterlayerparsestatus "
                + "SET status = ?, log = '', tile_levels = '{}' WHERE rasterlayer_id = ?")) {
            ps.setInt(1, ParseStatus.UNPARSED.code());
            ps.setInt(2, layerId);
            ps.executeUpdate();
        }
    }

    private void update(int layerId, String what, String sql, int value) {
        Transactions.inTransaction(dataSource, what, c -> {
            ensureRow(c, layerId);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setInt(1, value);
                ps.setInt(2, layerId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void ensureRow(Connection c, int layerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayerparsestatus "
                + "(status, log, tile_levels, rasterlayer_id) VALUES (?, '', '{}', ?) "
                + "ON CONFLICT (rasterlayer_id) DO NOTHING")) {
            ps.setInt(1, ParseStatus.UNPARSED.code());
            ps.setInt(2, layerId);
            ps.executeUpdate();
        }
    }

    private static Integer[] sortedLevels(List<Integer> levels) {
        return new TreeSet<>(levels).toArray(new Integer[0]);
    }

    static List<Integer> integers(Array array) throws SQLException {
        List<Integer> list = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                list.add(((Number) o).intValue());
            }
        }
        return list;
    }
}
