package org.rasterdesk.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A connection pool to a PostGIS database whose schema is RasterDesk's. */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final ConnectionSettings settings;

    private Database(HikariDataSource pool, ConnectionSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /**
     * Connects, checks PostGIS and migrates the schema.
     *
     * @param createExtensions create missing PostGIS extensions instead of failing
     * @throws MissingPostgisException when PostGIS or postgis_raster is missing and not created
     */
    public static Database open(ConnectionSettings settings, boolean createExtensions) throws SQLException {
        return open(settings, createExtensions, true);
    }

    /**
     * @param loginFirst log in once outside the pool first; the embedded cluster's own login, on a server just found
     *                   answering, needs no such check (each session costs the server a fork and an exit)
     */
    static Database open(ConnectionSettings settings, boolean createExtensions, boolean loginFirst)
            throws SQLException {
        if (loginFirst) {
            // One plain connection first: a wrong host, port or password then fails at once with the driver's own
            // message, instead of after the pool's timeout.
            java.util.Properties login = new java.util.Properties();
            if (settings.user() != null) {
                login.setProperty("user", settings.user());
            }
            if (settings.password() != null) {
                login.setProperty("password", settings.password());
            }
            login.setProperty("connectTimeout", "10");
            java.sql.DriverManager.getConnection(settings.jdbcUrl(), login).close();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.addDataSourceProperty("ApplicationName", EmbeddedCluster.APPLICATION_NAME);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        config.setPoolName("rasterdesk");
        HikariDataSource pool = new HikariDataSource(config);
        try {
            try (Connection c = pool.getConnection()) {
                PostgisCheck.Report report = PostgisCheck.check(c);
                if (!report.ok()) {
                    if (createExtensions) {
                        PostgisCheck.createMissing(c);
                    } else {
                        throw new MissingPostgisException(report);
                    }
                }
            }
            SchemaMigrations.migrate(pool);
            return new Database(pool, settings);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public String description() {
        return settings.description();
    }

    @Override
    public void close() {
        pool.close();
    }
}
