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
