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
        // One query for all of them, in REQUIRED's order: it runs at the start of every command. The server's
        // extension files (pg_available_extensions reads every .control file of its folder: 2.5-20 ms a look here)
        // are looked at only for an extension that is missing; the branch not taken is never executed.
        StringBuilder query = new StringBuilder("SELECT");
        for (int i = 0; i < REQUIRED.size(); i++) {
            String installed = "(SELECT count(*) FROM pg_extension WHERE extname = '" + REQUIRED.get(i) + "')";
            query.append(i == 0 ? " " : ", ").append(installed).append(", CASE WHEN ").append(installed)
                    .append(" > 0 THEN 1 ELSE (SELECT count(*) FROM pg_available_extensions WHERE name = '")
                    .append(REQUIRED.get(i)).append("') END");
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query.toString())) {
            rs.next();
            for (int i = 0; i < REQUIRED.size(); i++) {
                if (rs.getInt(2 * i + 1) == 0) {
                    missing.add(REQUIRED.get(i));
                    if (rs.getInt(2 * i + 2) > 0) {
                        installable.add(REQUIRED.get(i));
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
