package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Checks that a database has the PostGIS extensions RasterDesk needs, and creates them when asked. */
public final class PostgisCheck {

    static final List<String> REQUIRED = List.of("postgis", "postgis_raster");

    /** What is missing, and whether the server could provide it. */
    public record Report(List<String> missing, List<String> installable) {
        public boolean ok() {
            return missing.isEmpty();
        }

        /** One sentence for the log and the window. */
        public String message() {
            if (ok()) {
                return "PostGIS and postgis_raster are installed.";
            }
            List<String> notOnServer = new ArrayList<>(missing);
            notOnServer.removeAll(installable);
            if (notOnServer.isEmpty()) {
                return "The database lacks the extensions " + String.join(", ", missing)
                        + "; they can be created with CREATE EXTENSION (needs a superuser or the database owner).";
            }
            return "The database server has no " + String.join(", ", notOnServer)
                    + " extension: install PostGIS on the server (Debian: postgresql-<version>-postgis-3).";
        }
    }

    private PostgisCheck() {
    }

    public static Report check(Connection c) throws SQLException {
        List<String> missing = new ArrayList<>();
        List<String> installable = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (String ext : REQUIRED) {
                try (ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM pg_extension WHERE extname = '"
                        + ext + "'), (SELECT count(*) FROM pg_available_extensions WHERE name = '" + ext + "')")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        missing.add(ext);
                        if (rs.getInt(2) > 0) {
                            installable.add(ext);
                        }
                    }
                }
            }
        }
        return new Report(missing, installable);
    }

    /** Creates the missing extensions; fails with the server's reason when the user may not. */
    public static void createMissing(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String ext : REQUIRED) {
                st.execute("CREATE EXTENSION IF NOT EXISTS " + ext);
            }
        }
    }
}
