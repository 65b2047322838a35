package org.rasterdesk.system;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The terminal is the user's: libraries' warnings go to the log file only. */
class AppLoggingTest {

    @Test
    void hikariAndSisWarningsStayOffTheTerminalAndRasterDesksOwnReachIt() {
        assertFalse(AppLogging.onConsole(record("com.zaxxer.hikari.pool.PoolBase",
                "rasterdesk - Failed to validate connection org.postgresql.jdbc.PgConnection@1 (This connection "
                        + "has been closed.)")));
        assertFalse(AppLogging.onConsole(record("com.zaxxer.hikari.pool.HikariPool", "Connection is not available")));
        assertFalse(AppLogging.onConsole(record("org.apache.sis.referencing", "No datum shift grid")));
        assertTrue(AppLogging.onConsole(record("org.rasterdesk.db.EmbeddedCluster", "The server did not stop")));
    }

    private static LogRecord record(String logger, String message) {
        LogRecord r = new LogRecord(Level.WARNING, message);
        r.setLoggerName(logger);
        return r;
    }
}
