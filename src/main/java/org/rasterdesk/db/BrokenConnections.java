package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Keeps a connection that died under a driver API the pool does not see (COPY, large objects) from going back
 * into the pool, where the next borrower would get the dead connection.
 */
public final class BrokenConnections {

    private BrokenConnections() {
    }

    /**
     * Drops a connection whose server went away, without a word to it: a COPY that failed in the middle leaves the
     * driver's lock taken, so that asking the connection anything (even {@code isValid}) would wait for ever.
     */
    public static void abandon(DataSource dataSource, Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            // Gone already.
        }
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
            pool.evictConnection(connection);
        }
    }

    /** Evicts the connection from its pool when it no longer answers. */
    public static void evictIfBroken(DataSource dataSource, Connection connection) {
        boolean valid;
        try {
            valid = connection.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid && dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
            pool.evictConnection(connection);
        }
    }
}
