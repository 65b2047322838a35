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
