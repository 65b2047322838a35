package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Rides out a brief loss of the database (a restart, a network hiccup): work that failed because the connection
 * was lost waits for the database with a growing pause (a quarter second doubling up to five seconds) and runs
 * again, for a bounded time in all; only when the database stays away does the first error go to the caller. A
 * cancel ends the wait within a quarter second; what a restart took with it (a session's advisory lock) is taken
 * again before the work goes on.
 */
public final class DatabaseRetry {

    /** Told when the database goes away and comes back; called on the thread that waits. */
    public interface Listener {
        void unavailable(String reason, Duration patience);

        void back(Duration after);
    }

    /** Work that uses the database and may be run again from its start. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    /** Something a restart of the database undid, done again once it is back, before the work goes on. */
    @FunctionalInterface
    public interface Reconnect {
        void redo() throws SQLException;
    }

    /** Thrown when the wait for the database was cancelled: the work did not run to its end. */
    public static final class Cancelled extends SQLException {
        Cancelled(SQLException lost) {
            // 57014: PostgreSQL's own state for a cancelled statement.
            super("Cancelled while waiting for the database", "57014", lost);
        }
    }

    /** How long a parse waits for a database that went away, unless told otherwise. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(60);
    /** The setting (seconds) that overrides {@link #DEFAULT_PATIENCE}: tests of a database that stays away. */
    public static final String PATIENCE_PROPERTY = "rasterdesk.db.patienceSeconds";

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class.getName());
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;

    private final DataSource dataSource;
    private final Duration patience;
    private final Listener listener;
    private final java.util.List<Reconnect> reconnects = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile BooleanSupplier cancelled = () -> false;

    public DatabaseRetry(DataSource dataSource, Duration patience, Listener listener) {
        this.dataSource = dataSource;
        this.patience = patience;
        this.listener = listener;
    }

    /** The patience the settings ask for: {@link #PATIENCE_PROPERTY} when set, else {@link #DEFAULT_PATIENCE}. */
    public static Duration configuredPatience() {
        Long seconds = Long.getLong(PATIENCE_PROPERTY);
        return seconds == null ? DEFAULT_PATIENCE : Duration.ofSeconds(seconds);
    }

    /** Ends a wait for the database as soon as this says so (checked every quarter second at most). */
    public void cancelWhen(BooleanSupplier cancel) {
        cancelled = cancel;
    }

    /** Does this again each time the database is back, before the work that waited goes on. */
    public void afterReconnect(Reconnect redo) {
        reconnects.add(redo);
    }

    /** Runs the work, again after each connection loss while the database comes back within the patience. */
    public <T> T run(Work<T> work) throws SQLException {
        while (true) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (!isConnectionLoss(e)) {
                    throw e;
                }
                awaitDatabase(e);
            } catch (DataAccessException e) {
                if (!isConnectionLoss(e)) {
                    throw e;
                }
                awaitDatabase(e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e));
            }
        }
    }

    /**
     * Waits until the database answers again.
     *
     * @param lost the error that told of the loss, thrown when the database stays away longer than the patience
     */
    public void awaitDatabase(SQLException lost) throws SQLException {
        long started = System.nanoTime();
        long deadline = started + patience.toNanos();
        String reason = firstLine(lost.getMessage());
        LOG.info("The database is unavailable (" + reason + "); retrying for up to " + patience.toSeconds() + " s");
        listener.unavailable(reason, patience);
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), lost);
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            boolean answers;
            try (Connection c = dataSource.getConnection()) {
                answers = c.isValid(5);
            } catch (SQLException e) {
                LOG.fine("Still no database: " + e.getMessage());
                answers = false;
            }
            if (answers && redoAfterReconnect()) {
                Duration after = Duration.ofNanos(System.nanoTime() - started);
                LOG.info("The database is back after " + after.toMillis() + " ms");
                listener.back(after);
                return;
            }
            if (System.nanoTime() >= deadline) {
                throw lost;
            }
        }
    }

    /** Sleeps in slices of at most a quarter second, so that a cancel is seen soon. */
    private void sleep(long millis, SQLException lost) throws SQLException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new Cancelled(lost);
            }
            long left = (until - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left, FIRST_PAUSE_MILLIS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw lost;
            }
        }
    }

    /** Redoes what a restart undid; false when the database went away again meanwhile (the wait goes on). */
    private boolean redoAfterReconnect() throws SQLException {
        for (Reconnect redo : reconnects) {
            try {
                redo.redo();
            } catch (SQLException e) {
                if (isConnectionLoss(e)) {
                    return false;
                }
                throw e;
            }
        }
        return true;
    }

    /** Whether the error means the connection or the server went away, rather than a fault of the work. */
    public static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed or starting.
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no answer";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
