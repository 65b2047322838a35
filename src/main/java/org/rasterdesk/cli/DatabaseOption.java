package org.rasterdesk.cli;

import java.io.IOException;
import java.sql.SQLException;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionResolver;
import picocli.CommandLine.Option;

/** The --db option every command that touches the database shares. */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "URL",
            description = "PostGIS database: a JDBC URL, postgresql:// URI or libpq keywords (\"service=gis\"); "
                    + "PG* variables, ~/.pgpass and pg_service.conf apply as in psql. "
                    + "Default: the embedded database in the user's data folder.")
    String url;

    ConnectedDatabase open() throws IOException, SQLException {
        ConnectedDatabase connected = url == null ? ConnectedDatabase.openEmbedded()
                : ConnectedDatabase.open(ConnectionResolver.forCurrentUser().resolve(url));
        // Parses of a process that was killed would otherwise show "Creating tiles" forever.
        new org.rasterdesk.parse.ParseRuns(connected.database().dataSource()).recoverInterrupted();
        return connected;
    }
}
