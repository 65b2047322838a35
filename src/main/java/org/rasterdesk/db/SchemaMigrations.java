package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to RasterDesk's schema with Flyway. A database that django-raster already filled keeps its
 * tables as they are: it is baselined at version 1 (django-raster's schema) and gets only RasterDesk's additions.
 */
public final class SchemaMigrations {

    static final String HISTORY_TABLE = "rasterdesk_schema_history";

    private SchemaMigrations() {
    }

    /** @return the number of migrations applied now (0 when the schema was current) */
    public static int migrate(DataSource dataSource) throws SQLException {
        if (isCurrent(dataSource)) {
            return 0;
        }
        boolean djangoTables = tableExists(dataSource, "raster_rasterlayer");
        boolean history = tableExists(dataSource, HISTORY_TABLE);
        // Flyway's own baselineOnMigrate cannot be used: PostGIS's spatial_ref_sys makes every database look
        // non-empty, so it would skip our version 1 on a database that has no django-raster tables at all.
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:org/rasterdesk/db/migration")
                .table(HISTORY_TABLE)
                .baselineVersion("1")
                .baselineDescription("django-raster schema found")
                .load();
        if (djangoTables && !history) {
            flyway.baseline();
        }
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /**
     * Whether every migration this program has is applied already, asked in one query. Loading and validating
     * Flyway took about a second of CPU at each start, the largest fixed cost of a small parse after referencing;
     * with the schema current there is nothing for it to do. (Flyway would also notice an applied migration whose
     * file changed since; released migrations never change.)
     */
    static boolean isCurrent(DataSource dataSource) throws SQLException {
        java.util.Set<String> available = availableVersions();
        if (available.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             var st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CASE WHEN to_regclass('" + HISTORY_TABLE + "') IS NULL "
                     + "THEN NULL ELSE (SELECT string_agg(version, ',') FROM " + HISTORY_TABLE
                     + " WHERE success AND version IS NOT NULL) END")) {
            rs.next();
            String applied = rs.getString(1);
            return applied != null && new java.util.HashSet<>(java.util.Arrays.asList(applied.split(",")))
                    .equals(available);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** The versions of the migrations on the class path ("V7__name.sql" → "7"); empty when they cannot be listed. */
    static java.util.Set<String> availableVersions() {
        java.util.Set<String> versions = new java.util.HashSet<>();
        try {
            java.net.URL url = SchemaMigrations.class.getResource("/org/rasterdesk/db/migration");
            if (url == null) {
                return versions;
            }
            java.util.List<String> names = new java.util.ArrayList<>();
            if ("jar".equals(url.getProtocol())) {
                String jar = url.getPath().substring("file:".length(), url.getPath().indexOf("!/"));
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(java.net.URLDecoder.decode(jar,
                        java.nio.charset.StandardCharsets.UTF_8))) {
                    file.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith("org/rasterdesk/db/migration/"))
                            .map(n -> n.substring(n.lastIndexOf('/') + 1)).forEach(names::add);
                }
            } else if ("file".equals(url.getProtocol())) {
                try (var files = java.nio.file.Files.list(java.nio.file.Path.of(url.toURI()))) {
                    files.map(f -> f.getFileName().toString()).forEach(names::add);
                }
            } else {
                return versions;
            }
            for (String name : names) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("V([0-9._]+)__.*\\.sql").matcher(name);
                if (m.matches()) {
                    versions.add(m.group(1).replace('_', '.'));
                }
            }
        } catch (java.io.IOException | java.net.URISyntaxException | RuntimeException e) {
            versions.clear();
        }
        return versions;
    }

    static boolean tableExists(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
