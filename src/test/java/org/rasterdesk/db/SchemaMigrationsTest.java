package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMigrationsTest {

    private static final List<String> DJANGO_TABLES = List.of("raster_rasterlayer", "raster_rastertile",
            "raster_legend", "raster_legendentry", "raster_legendsemantics", "raster_rasterlayermetadata",
            "raster_rasterlayerbandmetadata", "raster_rasterlayerparsestatus", "raster_rasterlayerreprojected");

    @Test
    void migratesAnEmptyDatabaseAndIsIdempotent() throws SQLException {
        ConnectionSettings s = TestDatabase.createEmptyDatabase("migrate_empty");
        try (Database db = Database.open(s, false)) {
            for (String table : DJANGO_TABLES) {
                assertTrue(SchemaMigrations.tableExists(db.dataSource(), table), table);
            }
            assertTrue(SchemaMigrations.tableExists(db.dataSource(), "rasterdesk_rastertile_layer_zxy"));
            assertTrue(SchemaMigrations.availableVersions().containsAll(List.of("1", "2", "3", "4", "5")));
            assertTrue(SchemaMigrations.isCurrent(db.dataSource()), "a migrated schema is current without Flyway");
            assertEquals(0, SchemaMigrations.migrate(db.dataSource()), "second run applies nothing");
            assertEquals("l", query(s, "SELECT attcompression FROM pg_attribute "
                    + "WHERE attrelid = 'raster_rastertile'::regclass AND attname = 'rast'").get(0));
            // A parse's new tile bytes alone do not start a vacuum of their TOAST tables (V23).
            for (String table : List.of("raster_rastertile", "rasterdesk_reprojectedtile")) {
                assertEquals("{autovacuum_vacuum_insert_threshold=-1}", query(s, "SELECT t.reloptions FROM pg_class c"
                        + " JOIN pg_class t ON t.oid = c.reltoastrelid WHERE c.oid = '" + table + "'::regclass")
                        .get(0), table);
            }
        }
        try (Database again = Database.open(s, false)) {
            assertEquals(0, SchemaMigrations.migrate(again.dataSource()));
        }
    }

    @Test
    void aHistoryShortOfTheNewestMigrationIsNotCurrent() throws Exception {
        int newest;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/org/rasterdesk/db/migration"))) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        ConnectionSettings s = TestDatabase.createEmptyDatabase("migrate_current");
        try (Database db = Database.open(s, false)) {
            assertTrue(SchemaMigrations.isCurrent(db.dataSource()));
            // A history that stops short of the newest migration is Flyway's to complete.
            query(s, "DELETE FROM " + SchemaMigrations.HISTORY_TABLE + " WHERE version = '" + newest + "' RETURNING 1");
            assertFalse(SchemaMigrations.isCurrent(db.dataSource()));
        }
    }

    @Test
    void keepsTheTablesOfADjangoRasterDatabase() throws SQLException {
        ConnectionSettings s = TestDatabase.createEmptyDatabase("migrate_django");
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            // Django's own DDL for the tables: identity keys, a marker column we must not lose, a layer row.
            st.execute(DjangoSchema.DDL);
            st.execute("INSERT INTO raster_rasterlayer (name, datatype, rasterfile, source_url, build_pyramid,"
                    + " next_higher, store_reprojected, modified) VALUES ('from django', 'ca', 'rasters/a.tif', '',"
                    + " true, true, true, now())");
        }
        try (Database db = Database.open(s, false)) {
            assertEquals(List.of("from django"), query(s, "SELECT name FROM raster_rasterlayer"));
            assertTrue(SchemaMigrations.tableExists(db.dataSource(), "rasterdesk_parse"));
            assertTrue(SchemaMigrations.tableExists(db.dataSource(), "rasterdesk_rastertile_layer_zxy"));
            List<String> versions = query(s, "SELECT version || ':' || type FROM "
                    + SchemaMigrations.HISTORY_TABLE + " ORDER BY installed_rank");
            assertEquals("1:BASELINE", versions.get(0));
            assertFalse(versions.contains("1:SQL"), "django-raster's tables were not created again");
            // Django's identity column still numbers new rows
            assertEquals(List.of("2"), query(s, "INSERT INTO raster_rasterlayer (name, datatype, source_url,"
                    + " build_pyramid, next_higher, store_reprojected, modified) VALUES ('b', 'co', '', true, true,"
                    + " true, now()) RETURNING id"));
        }
    }

    @Test
    void refusesADatabaseWithoutPostgisAndSaysWhatIsMissing() throws SQLException {
        ConnectionSettings s = TestDatabase.createBareDatabase("no_postgis");
        MissingPostgisException e = assertThrows(MissingPostgisException.class, () -> Database.open(s, false));
        assertEquals(List.of("postgis", "postgis_raster"), e.report().missing());
        assertTrue(e.getMessage().contains("CREATE EXTENSION"), e.getMessage());
        try (Database db = Database.open(s, true)) {
            assertTrue(SchemaMigrations.tableExists(db.dataSource(), "raster_rastertile"));
        }
    }

    private static List<String> query(ConnectionSettings s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
