package org.rasterdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Test helper: a layer's stored tiles as a map by "z/x/y", to compare two parses tile for tile. */
public final class TileRows {

    private TileRows() {
    }

    /** A column of each of a layer's tiles by "z/x/y", e.g. md5(ST_AsBinary(rast)) or rid::text. */
    public static Map<String, String> column(DataSource dataSource, int layerId, String column) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tilez || '/' || tilex || '/' || tiley, "
                     + column + " FROM raster_rastertile WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The MD5 of each of a layer's tiles (its raster's WKB) by "z/x/y". */
    public static Map<String, String> md5(DataSource dataSource, int layerId) throws SQLException {
        return column(dataSource, layerId, "md5(ST_AsBinary(rast))");
    }
}
