package org.rasterdesk.ui.connection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.PostgisCheck;

/**
 * What the connection dialog asks a server before it is used: one plain connection, no pool, a short timeout.
 * Off the FX thread.
 */
final class DatabaseProbe {

    /** What a test found: the server's version and its PostGIS extensions. */
    record TestResult(String server, PostgisCheck.Report report) {
    }

    private DatabaseProbe() {
    }

    /** Connects once and reports the server and its PostGIS. */
    static TestResult test(ConnectionSettings settings) throws SQLException {
        try (Connection c = plainConnection(settings)) {
            return new TestResult("PostgreSQL " + c.getMetaData().getDatabaseProductVersion(),
                    PostgisCheck.check(c));
        }
    }

    /** Creates the missing PostGIS extensions and reports them again. */
    static PostgisCheck.Report createExtensions(ConnectionSettings settings) throws SQLException {
        try (Connection c = plainConnection(settings)) {
            PostgisCheck.createMissing(c);
            return PostgisCheck.check(c);
        }
    }

    private static Connection plainConnection(ConnectionSettings settings) throws SQLException {
        Properties login = new Properties();
        if (settings.user() != null) {
            login.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            login.setProperty("password", settings.password());
        }
        login.setProperty("connectTimeout", "10");
        login.setProperty("ApplicationName", "RasterDesk connection test");
        return DriverManager.getConnection(settings.jdbcUrl(), login);
    }
}
