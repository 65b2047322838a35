package org.rasterdesk.db;

import java.util.Objects;

/**
 * Where a PostGIS database is and how to log in.
 *
 * @param description what the status bar and the log show (never the password)
 */
public record ConnectionSettings(String jdbcUrl, String user, String password, String description) {

    public ConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        if (description == null || description.isBlank()) {
            description = jdbcUrl;
        }
    }

    public static ConnectionSettings of(String host, int port, String database, String user, String password) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        String who = user == null ? "" : user + "@";
        return new ConnectionSettings(url, user, password, who + host + ":" + port + "/" + database);
    }

    @Override
    public String toString() {
        return description;
    }
}
