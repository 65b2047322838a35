package org.rasterdesk.cli;

import java.io.IOException;
import java.sql.SQLException;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionSettings;
import picocli.CommandLine.Option;

/** The --db option every command that touches the database shares. */
final class DatabaseOption {

    @Option(names = "--db", paramLabel = "URL",
            description = "PostGIS database (JDBC URL); default: the embedded database in the user's data folder")
    String url;

    ConnectedDatabase open() throws IOException, SQLException {
        if (url == null) {
            return ConnectedDatabase.openEmbedded();
        }
        return ConnectedDatabase.open(new ConnectionSettings(url, null, null, url));
    }
}
