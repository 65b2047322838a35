package org.rasterdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.DataAccessException;

class ErrorTextTest {

    @Test
    void refusedConnectionIsToldByTheDriverNotThePool() {
        Throwable refused = new ConnectException("Connection refused");
        Throwable driver = new SQLException("Connection to 127.0.0.1:1 refused. Check that the hostname and port "
                + "are correct.", refused);
        Throwable pool = new SQLTransientConnectionException("rasterdesk - Connection is not available, request "
                + "timed out after 10047ms", driver);
        assertEquals("Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct.",
                ErrorText.of(pool));
    }

    @Test
    void repositoryErrorSaysWhatWasDoneAndWhatTheDatabaseSaid() {
        SQLException driver = new SQLException("ERROR: relation \"raster_rasterlayer\" does not exist");
        Throwable wrapper = new DataAccessException("Database error while listing raster layers", driver);
        assertEquals("Database error while listing raster layers: ERROR: relation \"raster_rasterlayer\" does "
                + "not exist", ErrorText.of(wrapper));
    }

    @Test
    void wrapperRepeatingItsCauseIsSaidOnce() {
        IOException cause = new IOException("No PostgreSQL server programs found");
        assertEquals("No PostgreSQL server programs found", ErrorText.of(new RuntimeException(cause)));
    }

    @Test
    void exceptionWithoutMessageIsNamedByItsType() {
        assertEquals("NullPointerException", ErrorText.of(new NullPointerException()));
    }
}
