package org.rasterdesk.db;

import java.sql.SQLException;

/** A database operation failed; wraps the JDBC exception so that callers need not handle it at every call. */
public class DataAccessException extends RuntimeException {

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
