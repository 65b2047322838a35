package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The versions of the database server and of its PostGIS extensions, as the About box shows them.
 *
 * @param postgresql    the server's version ({@code server_version}, e.g. "15.14 (Debian 15.14-0+deb12u1)")
 * @param postgis       the installed postgis extension's version, null when it is not installed
 * @param postgisRaster the installed postgis_raster extension's version, null when it is not installed
 */
public record ServerVersions(String postgresql, String postgis, String postgisRaster) {

    public static ServerVersions read(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version'),"
                     + " (SELECT extversion FROM pg_extension WHERE extname = 'postgis'),"
                     + " (SELECT extversion FROM pg_extension WHERE extname = 'postgis_raster')")) {
            rs.next();
            return new ServerVersions(rs.getString(1), rs.getString(2), rs.getString(3));
        }
    }

    /** "3.3.2", "3.3.2 (raster 3.3.1)" when the two differ, or "not installed". */
    public String postgisText() {
        if (postgis == null) {
            return "not installed";
        }
        if (postgisRaster == null) {
            return postgis + " (without raster)";
        }
        return postgis.equals(postgisRaster) ? postgis : postgis + " (raster " + postgisRaster + ")";
    }
}
