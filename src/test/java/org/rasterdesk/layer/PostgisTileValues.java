package org.rasterdesk.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** Test oracle: a stored tile's band as PostGIS itself reads it (ST_DumpValues), not through our WKB decoder. */
public final class PostgisTileValues {

    private PostgisTileValues() {
    }

    /** Band 1's values row by row from the north-west corner, nodata as null; fails when the tile is not stored. */
    public static Double[] of(DataSource dataSource, int layerId, TileKey key) throws SQLException {
        return of(dataSource, layerId, key, 1);
    }

    /** The values of a band (1-based, as PostGIS counts) row by row from the north-west corner, nodata as null. */
    public static Double[] of(DataSource dataSource, int layerId, TileKey key, int band) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_DumpValues(rast, ?) FROM raster_rastertile "
                     + "WHERE rasterlayer_id = ? AND tilez = ? AND tilex = ? AND tiley = ?")) {
            ps.setInt(1, band);
            ps.setInt(2, layerId);
            ps.setInt(3, key.z());
            ps.setInt(4, key.x());
            ps.setInt(5, key.y());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "tile " + key + " of layer " + layerId + " is stored");
                Array array = rs.getArray(1);
                Object[] rows = (Object[]) array.getArray();
                Double[] values = new Double[TileData.SIZE * TileData.SIZE];
                for (int r = 0; r < TileData.SIZE; r++) {
                    Object[] row = (Object[]) rows[r];
                    for (int col = 0; col < TileData.SIZE; col++) {
                        values[r * TileData.SIZE + col] = row[col] == null ? null : ((Number) row[col]).doubleValue();
                    }
                }
                return values;
            }
        }
    }
}
