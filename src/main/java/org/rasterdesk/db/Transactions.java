package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs a unit of JDBC work in one short, explicit transaction on a connection of a pool. Work that must succeed or
 * fail as one (several repository calls) runs inside {@link #together}: the calls made in it on the same thread and
 * data source join its transaction instead of taking connections of their own.
 */
public final class Transactions {

    /** The connection of the {@link #together} block running on this thread, with its data source. */
    private static final ThreadLocal<Joined> JOINED = new ThreadLocal<>();

    private record Joined(DataSource dataSource, Connection connection) {
    }

    /** Work whose repository calls share one transaction. */
    @FunctionalInterface
    public interface Block<T> {
        T run();
    }

    /** Work on a connection inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Runs the work in a transaction: committed when it returns, rolled back when it throws.
     *
     * @param what a few words for the error message ("deleting layer 4")
     * @throws DataAccessException when the database fails
     */
    public static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        Connection joined = joined(dataSource);
        if (joined != null) {
            return runJoined(joined, what, work);
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Database error while " + what, e);
        }
    }

    /**
     * Runs the work in a transaction whose commit does not wait for the server's write-ahead log to reach the disk:
     * for what a later durable commit makes durable anyway, such as a parse's progress log, which the parse's final
     * transaction stores again in full. The change is visible to every session at once, as any commit's; only a crash
     * of the server or the machine in the next moment could lose it, never in part. Each wait for the disk took
     * 4-5 ms here (pgbench of the status update: 4.7 ms a commit against 0.4 ms without the wait), and a parse
     * stores its log a few dozen times. Inside a {@link #together} block the work joins that block's transaction,
     * whose commit stays durable.
     *
     * @throws DataAccessException when the database fails
     */
    public static <T> T inProgressTransaction(DataSource dataSource, String what, Work<T> work) {
        Connection joined = joined(dataSource);
        if (joined != null) {
            return runJoined(joined, what, work);
        }
        return inTransaction(dataSource, what, c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL synchronous_commit = off");
            }
            return work.run(c);
        });
    }

    /**
     * Puts the connection's auto-commit back, never in place of the work's own error: after a lost connection the
     * pool has closed it, and "Connection is closed" would hide the loss that callers retry on.
     */
    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // The pool resets a connection it takes back, and drops a dead one.
        }
    }

    /** Runs read-only work in auto-commit mode (one statement, no transaction needed). */
    public static <T> T read(DataSource dataSource, String what, Work<T> work) {
        Connection joined = joined(dataSource);
        if (joined != null) {
            return runJoined(joined, what, work);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException("Database error while " + what, e);
        }
    }

    /**
     * Runs the block in one transaction: the repository calls it makes on this thread with this data source are
     * committed together when it returns, or all rolled back when it throws. Blocks nest (the inner one joins).
     *
     * @throws DataAccessException when the database fails
     */
    public static <T> T together(DataSource dataSource, String what, Block<T> block) {
        if (joined(dataSource) != null) {
            return block.run();
        }
        return inTransaction(dataSource, what, c -> {
            Joined previous = JOINED.get();
            JOINED.set(new Joined(dataSource, c));
            try {
                return block.run();
            } finally {
                if (previous == null) {
                    JOINED.remove();
                } else {
                    JOINED.set(previous);
                }
            }
        });
    }

    private static Connection joined(DataSource dataSource) {
        Joined j = JOINED.get();
        return j != null && j.dataSource() == dataSource ? j.connection() : null;
    }

    private static <T> T runJoined(Connection c, String what, Work<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException("Database error while " + what, e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
