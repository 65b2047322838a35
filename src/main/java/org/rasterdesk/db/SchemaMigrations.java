package org.rasterdesk.db;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database to RasterDesk's schema with Flyway. A database that django-raster already filled keeps its
 * tables as they are: it is baselined at version 1 (django-raster's schema) and gets only RasterDesk's additions.
 */
public final class SchemaMigrations {

    static final String HISTORY_TABLE = "rasterdesk_schema_history";
    private static final String FOLDER = "org/rasterdesk/db/migration";
    private static final Pattern VERSIONED = Pattern.compile("(?:^|/)V(\\d+)__[^/]*\\.sql$");

    private SchemaMigrations() {
    }

    /** @return the number of migrations applied now (0 when the schema was current) */
    public static int migrate(DataSource dataSource) throws SQLException {
        // Flyway's scan and checksum validation cost a second or two of CPU at every start, while the window
        // waits for its database: a schema whose history already ends at our newest migration is left alone.
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

    /** True when the schema history records our newest migration as applied and no failed one. */
    static boolean isCurrent(DataSource dataSource) throws SQLException {
        OptionalInt newest = newestMigration();
        if (newest.isEmpty() || !tableExists(dataSource, HISTORY_TABLE)) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
             var ps = c.prepareStatement("SELECT bool_and(success), max(CASE WHEN version ~ '^[0-9]+$' "
                     + "THEN version::int END) FROM " + HISTORY_TABLE);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1) && rs.getInt(2) == newest.getAsInt();
        }
    }

    /** The highest version among the migrations this program carries, read from its jar or class folder. */
    static OptionalInt newestMigration() {
        try {
            Path source = Path.of(SchemaMigrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) {
                try (Stream<Path> files = Files.list(source.resolve(FOLDER))) {
                    return newest(files.map(f -> f.getFileName().toString()));
                }
            }
            try (JarFile jar = new JarFile(source.toFile())) {
                return newest(jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(FOLDER + "/")));
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Not knowing means asking Flyway.
            return OptionalInt.empty();
        }
    }

    private static OptionalInt newest(Stream<String> names) {
        return names.map(VERSIONED::matcher).filter(Matcher::find).mapToInt(m -> Integer.parseInt(m.group(1))).max();
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
