package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Rides out a brief loss of the database (a restart, a network hiccup): work that failed because the connection
 * was lost waits for the database with a growing pause (a quarter second doubling up to five seconds) and runs
 * again, for a bounded time in all; only when the database stays away does the first error go to the caller.
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

    /** How long a parse waits for a database that went away, unless told otherwise. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(
            Long.getLong("rasterdesk.db.patienceSeconds", 60));

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class.getName());
    private static final long FIRST_PAUSE_MILLIS = 250;
    private static final long LONGEST_PAUSE_MILLIS = 5_000;

    private final DataSource dataSource;
    private final Duration patience;
    private final Listener listener;

    public DatabaseRetry(DataSource dataSource, Duration patience, Listener listener) {
        this.dataSource = dataSource;
        this.patience = patience;
        this.listener = listener;
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
            try {
                Thread.sleep(Math.min(pause, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw lost;
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            try (Connection c = dataSource.getConnection()) {
                if (c.isValid(5)) {
                    Duration after = Duration.ofNanos(System.nanoTime() - started);
                    LOG.info("The database is back after " + after.toMillis() + " ms");
                    listener.back(after);
                    return;
                }
            } catch (SQLException e) {
                LOG.fine("Still no database: " + e.getMessage());
            }
            if (System.nanoTime() >= deadline) {
                throw lost;
            }
        }
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
