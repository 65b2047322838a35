package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

    @Test
    void wrapperSaysWhatAndInnermostCauseSaysWhy() {
        Throwable refused = new ConnectException("Connection refused");
        Throwable driver = new SQLException("Connection to 127.0.0.1:1 refused.", refused);
        Throwable pool = new SQLException("rasterdesk - Connection is not available", driver);
        assertEquals("rasterdesk - Connection is not available: Connection refused", ErrorText.of(pool));
    }

    @Test
    void wrapperRepeatingItsCauseIsSaidOnce() {
        IOException cause = new IOException("No PostgreSQL server programs found");
        RuntimeException wrapper = new RuntimeException(cause);
        assertEquals("No PostgreSQL server programs found", ErrorText.of(wrapper));
    }

    @Test
    void exceptionWithoutMessageIsNamedByItsType() {
        assertEquals("NullPointerException", ErrorText.of(new NullPointerException()));
    }
}
