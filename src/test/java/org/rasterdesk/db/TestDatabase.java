package org.rasterdesk.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The throw-away PostGIS cluster of the tests, made by the same code as the app's embedded database. One cluster
 * per test JVM, stopped when the JVM exits; each database the tests ask for is new.
 */
public final class TestDatabase {

    private static EmbeddedCluster cluster;
    private static ConnectionSettings clusterSettings;
    private static Database shared;
    /** The database that new test databases copy: PostGIS and postgis_raster, made afresh by each JVM. */
    private static final String POSTGIS_TEMPLATE = "rasterdesk_test_postgis";
    private static boolean templateMade;

    private TestDatabase() {
    }

    /** A folder for test clusters that the server's OS user can reach (target/ may sit under a closed home). */
    public static Path scratchDir(String name) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Path dir = target.resolve(name);
        CommandRunner runner = CommandRunner.forCurrentUser();
        runner.ownDirectory(dir);
        if (runner.canWrite(dir)) {
            return dir;
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"),
                "rasterdesk-test-" + Integer.toHexString(target.hashCode()), name);
        Files.createDirectories(tmp);
        return tmp;
    }

    public static synchronized EmbeddedCluster cluster() {
        if (cluster == null) {
            try {
                PostgresInstallation installation = PostgresInstallation.find()
                        .orElseThrow(() -> new IllegalStateException("PostgreSQL server programs not found; install "
                                + PostgresInstallation.DEBIAN_PACKAGES));
                EmbeddedCluster c = new EmbeddedCluster(scratchDir("pg-test"), true, installation);
                clusterSettings = c.start();
                cluster = c;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        c.stop();
                    } catch (IOException e) {
                        System.err.println("Test cluster did not stop: " + e.getMessage());
                    }
                }));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the test PostGIS cluster: " + e.getMessage(), e);
            }
        }
        return cluster;
    }

    /** A migrated database shared by all tests of this JVM. */
    public static synchronized Database shared() {
        if (shared == null) {
            try {
                shared = Database.open(createEmptyDatabase("rasterdesk_test"), false);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot open the shared test database: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /**
     * A new database (dropped first if it exists) with PostGIS and postgis_raster but no RasterDesk schema: a copy
     * of a template made once per JVM, as creating the two extensions takes seconds and a copy a fraction of one.
     */
    public static synchronized ConnectionSettings createEmptyDatabase(String name) {
        cluster();
        if (!templateMade) {
            createDatabase(POSTGIS_TEMPLATE, null);
            try (Connection c = DriverManager.getConnection(url(POSTGIS_TEMPLATE), clusterSettings.user(),
                    clusterSettings.password());
                 Statement st = c.createStatement()) {
                st.execute("CREATE EXTENSION postgis");
                st.execute("CREATE EXTENSION postgis_raster");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot add PostGIS to " + POSTGIS_TEMPLATE + ": " + e.getMessage(),
                        e);
            }
            templateMade = true;
        }
        createDatabase(name, POSTGIS_TEMPLATE);
        return new ConnectionSettings(url(name), clusterSettings.user(), clusterSettings.password(),
                "test database " + name);
    }

    /** Drops the database if it exists and creates it again, empty or as a copy of {@code template}. */
    private static void createDatabase(String name, String template) {
        try (Connection c = DriverManager.getConnection(url("postgres"), clusterSettings.user(),
                clusterSettings.password());
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static String url(String database) {
        return clusterSettings.jdbcUrl().replace("/" + EmbeddedCluster.DATABASE, "/" + database);
    }

    /** A database without any extension, to test what happens when PostGIS is missing. */
    public static synchronized ConnectionSettings createBareDatabase(String name) {
        ConnectionSettings s = createEmptyDatabase(name);
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute("DROP EXTENSION postgis_raster");
            st.execute("DROP EXTENSION postgis");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }
}
