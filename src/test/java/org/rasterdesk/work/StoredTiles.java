package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** What the worker tests compare between parses: a layer's stored tiles by z/x/y, and counts of rows. */
public final class StoredTiles {

    private StoredTiles() {
    }

    /** The layer's tiles, "z/x/y" to the MD5 of their WKB; a tile stored twice fails the test. */
    public static Map<String, String> md5s(DataSource dataSource, int layerId) throws SQLException {
        return byKey(dataSource, layerId, "md5(ST_AsBinary(rast))");
    }

    /** The layer's tiles, "z/x/y" to {@code column} (an SQL expression over raster_rastertile). */
    public static Map<String, String> byKey(DataSource dataSource, int layerId, String column) throws SQLException {
        Map<String, String> tiles = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tilez, tilex, tiley, " + column
                     + " FROM raster_rastertile WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3);
                    assertTrue(tiles.put(key, rs.getString(4)) == null, "tile " + key + " stored twice");
                }
            }
        }
        return tiles;
    }

    /** The first column of the query's one row, as a number. */
    public static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
