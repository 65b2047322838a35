package org.rasterdesk.db;

import java.io.IOException;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The database a RasterDesk process works on: a configured PostGIS, or the embedded default cluster, which is
 * started (or joined) on open and left on close: its server stops once no RasterDesk process has used it for
 * {@link EmbeddedCluster#idleTime()}.
 */
public final class ConnectedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConnectedDatabase.class.getName());

    private final Database database;
    private final EmbeddedCluster cluster;

    private ConnectedDatabase(Database database, EmbeddedCluster cluster) {
        this.database = database;
        this.cluster = cluster;
    }

    /** Starts (or joins) the embedded default cluster in the user's data folder and opens its database. */
    public static ConnectedDatabase openEmbedded() throws IOException, SQLException {
        PostgresInstallation installation = PostgresInstallation.find().orElseThrow(() -> new IOException(
                "No PostgreSQL server programs found: install the Debian packages "
                        + PostgresInstallation.DEBIAN_PACKAGES));
        EmbeddedCluster cluster = new EmbeddedCluster(EmbeddedCluster.defaultBaseDir(), false, installation);
        ConnectionSettings settings = cluster.start();
        try {
            return new ConnectedDatabase(Database.open(settings, true, false), cluster);
        } catch (SQLException | RuntimeException e) {
            cluster.leave(EmbeddedCluster.idleTime());
            throw e;
        }
    }

    /** Opens a configured database; PostGIS must be there already. */
    public static ConnectedDatabase open(ConnectionSettings settings) throws SQLException {
        return new ConnectedDatabase(Database.open(settings, false), null);
    }

    public Database database() {
        return database;
    }

    public boolean isEmbedded() {
        return cluster != null;
    }

    @Override
    public void close() {
        database.close();
        if (cluster != null) {
            try {
                cluster.leave(EmbeddedCluster.idleTime());
            } catch (IOException e) {
                LOG.warning("The embedded database server did not stop: " + e.getMessage());
            }
        }
    }
}
