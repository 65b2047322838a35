package org.rasterdesk.ui;

import java.io.IOException;
import java.sql.SQLException;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionFields;
import org.rasterdesk.db.ConnectionResolver;
import org.rasterdesk.db.ConnectionSettings;

/**
 * The database the window opens: a PostGIS named by the system property {@code rasterdesk.db} or the environment
 * variable {@code RASTERDESK_DB} (a JDBC URL, postgresql:// URI or libpq keywords, resolved as psql does, with {@code rasterdesk.db.user}/{@code RASTERDESK_DB_USER} and
 * {@code rasterdesk.db.password}/{@code RASTERDESK_DB_PASSWORD} for the login), else the embedded default.
 */
final class DatabaseChoice {

    private final ConnectionSettings settings;

    private DatabaseChoice(ConnectionSettings settings) {
        this.settings = settings;
    }

    static DatabaseChoice fromEnvironment() {
        String url = LaunchSetting.get("rasterdesk.db", "RASTERDESK_DB");
        if (url == null) {
            return new DatabaseChoice(null);
        }
        ConnectionFields login = new ConnectionFields(null, null, null,
                LaunchSetting.get("rasterdesk.db.user", "RASTERDESK_DB_USER"),
                LaunchSetting.get("rasterdesk.db.password", "RASTERDESK_DB_PASSWORD"), null);
        return new DatabaseChoice(ConnectionResolver.forCurrentUser().resolve(url, login));
    }

    String description() {
        return settings == null ? "the embedded database" : settings.description();
    }

    /** What the window says while this database opens: the embedded server takes a while to start. */
    String openingActivity() {
        return settings == null ? "Starting the database…" : "Connecting…";
    }

    /** Connects; slow (it may start the embedded server), so never on the FX thread. */
    ConnectedDatabase open() throws IOException, SQLException {
        ConnectedDatabase connected = settings == null ? ConnectedDatabase.openEmbedded()
                : ConnectedDatabase.open(settings);
        // Parses of a process that was killed would otherwise show "Creating tiles" forever.
        new org.rasterdesk.parse.ParseRuns(connected.database().dataSource()).recoverInterrupted();
        return connected;
    }
}
