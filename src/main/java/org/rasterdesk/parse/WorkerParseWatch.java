package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;

/**
 * Follows a parse that workers run, from any client, as a local parse is followed: its phase, log lines and
 * progress (blocks done) go to a {@link ParseListener} as the database shows them, until it ends; a cancel asked
 * meanwhile stops it on the workers (its jobs deleted, {@link WorkerParseState#cancel}) and puts the layer back.
 */
public final class WorkerParseWatch {

    /** Stops a parse on the job engine: the parse, and its jobs still waiting. */
    @FunctionalInterface
    public interface Cancel {
        void cancel(int layerId, long parseId) throws SQLException;
    }

    /** How often the database is read: the blocks take seconds each, a look costs two small queries. */
    static final long POLL_MILLIS = 700;

    private final DataSource dataSource;
    private final Cancel jobs;
    private final WorkerParseState state;

    /** @param jobs what stops the parse's jobs on a cancel */
    public WorkerParseWatch(DataSource dataSource, Cancel jobs) {
        this.dataSource = dataSource;
        this.jobs = jobs;
        this.state = new WorkerParseState(dataSource);
    }

    /**
     * Follows the parse of the layer that begins after run {@code after} until it ends or is cancelled. While it
     * waits for a worker, the listener is told nothing (no phase): the stored status is still the previous parse's.
     *
     * @param detached polled too: the follower goes (its window closes), the parse goes on on the workers
     */
    public ParseResult follow(int layerId, long after, ParseListener listener, BooleanSupplier cancelled,
                              BooleanSupplier detached)
            throws SQLException, InterruptedException {
        long started = System.nanoTime();
        long plannedAt = 0;
        int shown = 0;
        ParseStatus phase = null;
        while (true) {
            WorkerParseState.Snapshot s = state.read(layerId, after);
            boolean refused = "refused".equals(s.runOutcome());
            if (s.parseId() != null && !s.waiting()) {
                List<String> lines = s.status().logLines();
                if (refused) {
                    listener.logLine(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
                    return new ParseResult(s.status().status(), false, last(lines), new TreeMap<>(), 0);
                }
                if (lines.size() < shown) {
                    shown = 0;
                }
                for (String line : lines.subList(shown, lines.size())) {
                    listener.logLine(line);
                }
                shown = lines.size();
                if (s.status().status() != phase) {
                    phase = s.status().status();
                    listener.phase(phase);
                }
                if (s.blocks() > 0 && "blocks".equals(s.state())) {
                    if (plannedAt == 0) {
                        plannedAt = System.nanoTime();
                    }
                    double seconds = (System.nanoTime() - plannedAt) / 1e9;
                    listener.progress(0.05 + 0.85 * s.blocksDone() / s.blocks(), s.tiles(),
                            seconds > 0 ? s.tiles() / seconds : 0);
                }
                if (s.ended() && !s.status().status().isInProgress()) {
                    return ended(layerId, s, lines, (System.nanoTime() - started) / 1e9);
                }
            }
            if (cancelled.getAsBoolean()) {
                return cancel(layerId, after, listener, started);
            }
            if (detached.getAsBoolean()) {
                return new ParseResult(s.status().status(), false, "The parse goes on on the workers.",
                        new TreeMap<>(), (System.nanoTime() - started) / 1e9);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private ParseResult ended(int layerId, WorkerParseState.Snapshot s, List<String> lines, double seconds)
            throws SQLException {
        boolean finished = "finished".equals(s.state());
        boolean cancelled = "cancelled".equals(s.state()) || "cancelled".equals(s.runOutcome());
        return new ParseResult(s.status().status(), cancelled && !finished, last(lines),
                finished ? tilesPerZoom(layerId) : new TreeMap<>(), seconds);
    }

    private ParseResult cancel(int layerId, long after, ParseListener listener, long started)
            throws SQLException {
        WorkerParseState.Snapshot s = state.read(layerId, after);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (s.parseId() == null) {
            ParseStatus now = new CancelledParse(dataSource).beforeStart(layerId);
            String line = ParseStatusRepository.logLine(LocalDateTime.now(),
                    "Parse cancelled before a worker took it.");
            listener.logLine(line);
            listener.phase(now);
            return new ParseResult(now, true, line, new TreeMap<>(), seconds);
        }
        jobs.cancel(layerId, s.parseId());
        WorkerParseState.Snapshot after2 = state.read(layerId, after);
        List<String> lines = after2.status().logLines();
        listener.logLine(last(lines));
        listener.phase(after2.status().status());
        return new ParseResult(after2.status().status(), !"finished".equals(after2.state()), last(lines),
                new TreeMap<>(), seconds);
    }

    private static String last(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private SortedMap<Integer, Long> tilesPerZoom(int layerId) throws SQLException {
        SortedMap<Integer, Long> tiles = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tilez, count(*) FROM raster_rastertile "
                     + "WHERE rasterlayer_id = ? GROUP BY tilez")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tiles.put(rs.getInt(1), rs.getLong(2));
                }
            }
        }
        return tiles;
    }

    /** "Queued for the workers (2 running now)." as a log line. */
    public static String queuedLine(int liveWorkers) {
        return ParseStatusRepository.logLine(LocalDateTime.now(), String.format(Locale.ROOT,
                "Queued for the workers (%s); the first free worker plans it.",
                liveWorkers == 0 ? "none is running now: start one with rasterdesk worker"
                        : liveWorkers == 1 ? "1 running now" : liveWorkers + " running now"));
    }
}
