package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Cancels of a local parse asked from another process ({@code rasterdesk cancel LAYER}): the request is stored on
 * the parse's run (rasterdesk_parse.cancel_requested), and the parse, wherever it runs, sees it through its cancel
 * check, which asks the database at most once per {@link #POLL_NANOS}.
 */
public final class CancelRequests {

    /** How often a parse asks the database whether someone asked it to stop: a cancel lands within about this. */
    public static final long POLL_NANOS = 1_000_000_000L;

    private static final Logger LOG = Logger.getLogger(CancelRequests.class.getName());

    private final DataSource dataSource;

    public CancelRequests(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Asks the layer's local parse that runs now (in any process) to stop.
     *
     * @return the run asked to stop, 0 when the layer has no local parse running
     */
    public long request(int layerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_parse SET cancel_requested = "
                     + "coalesce(cancel_requested, now()) WHERE rasterlayer_id = ? AND NOT distributed AND NOT queued "
                     + "AND finished IS NULL RETURNING id")) {
            ps.setInt(1, layerId);
            long run = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    run = Math.max(run, rs.getLong(1));
                }
            }
            return run;
        }
    }

    /**
     * How a cancel stored for another process's parse went.
     *
     * @param run     the run asked to stop, 0 when the layer had no local parse running
     * @param stopped whether that parse has stopped (its run ended, its lock let go) within the wait
     */
    public record Stop(long run, boolean stopped) {
    }

    /**
     * Stores the cancel for the process that parses the layer locally (the command line's {@code rasterdesk cancel},
     * the window's Cancel on a parse it does not run) and waits until that parse has stopped. The layer's lock is
     * taken a moment before its run is stored: while the lock is held, the request is tried again for that moment.
     *
     * @param maxMillis   how long the parse gets to see the request and stop (it looks once a second)
     * @param onRequested told the run once its request is stored, before the wait
     * @param keepWaiting polled during the wait: false gives the wait up (the request stays)
     */
    public Stop stop(int layerId, long maxMillis, LongConsumer onRequested, BooleanSupplier keepWaiting)
            throws SQLException, InterruptedException {
        long run = request(layerId);
        for (int i = 0; run == 0 && i < 25 && LayerLock.isHeld(layerId, dataSource); i++) {
            Thread.sleep(200);
            run = request(layerId);
        }
        if (run == 0) {
            return new Stop(0, false);
        }
        onRequested.accept(run);
        long until = System.currentTimeMillis() + maxMillis;
        // Until the lock goes too: the parse writes its cancel's log line after its run has ended.
        while (!ended(run) || LayerLock.isHeld(layerId, dataSource)) {
            if (System.currentTimeMillis() > until || !keepWaiting.getAsBoolean()) {
                return new Stop(run, false);
            }
            Thread.sleep(200);
        }
        return new Stop(run, true);
    }

    /** Whether the run has ended (finished, failed, cancelled), for a caller waiting for its cancel to land. */
    public boolean ended(long parseId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT finished IS NOT NULL FROM rasterdesk_parse "
                     + "WHERE id = ?")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                return !rs.next() || rs.getBoolean(1);
            }
        }
    }

    /** The cancel check of a run: the parse's own ({@code local}), or a request stored for the run. */
    Check check(long parseId, BooleanSupplier local) {
        return new Check(parseId, local, System::nanoTime);
    }

    /**
     * A cancel check that asks the database seldom: it is polled from every tile thread, many times a second. One
     * thread asks at a time; the others get the last answer.
     */
    final class Check implements BooleanSupplier {
        private final long parseId;
        private final BooleanSupplier local;
        private final LongSupplier clock;
        private final AtomicBoolean asking = new AtomicBoolean();
        private volatile long lastAsked;
        private volatile boolean requested;

        Check(long parseId, BooleanSupplier local, LongSupplier clock) {
            this.parseId = parseId;
            this.local = local;
            this.clock = clock;
            this.lastAsked = clock.getAsLong();
        }

        /** Whether the stop came from a stored request (another process) rather than this program. */
        boolean requested() {
            return requested;
        }

        @Override
        public boolean getAsBoolean() {
            if (local.getAsBoolean() || requested) {
                return true;
            }
            long now = clock.getAsLong();
            if (now - lastAsked >= POLL_NANOS && asking.compareAndSet(false, true)) {
                try {
                    lastAsked = now;
                    requested = stored();
                } finally {
                    asking.set(false);
                }
            }
            return requested;
        }

        private boolean stored() {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT cancel_requested IS NOT NULL FROM "
                         + "rasterdesk_parse WHERE id = ?")) {
                ps.setLong(1, parseId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            } catch (SQLException | RuntimeException e) {
                // The database away: the parse's own retry rides it out; no request can be read meanwhile.
                LOG.log(Level.FINE, "Reading the cancel request of run " + parseId + " failed", e);
                return false;
            }
        }
    }
}
