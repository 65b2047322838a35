package org.rasterdesk.tiling.wkb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** PostGIS is the oracle: what it reads from our WKB, and what we read from its WKB. */
class RasterWkbPostgisTest {

    static DataSource db;

    @BeforeAll
    static void database() {
        db = TestDatabase.shared().dataSource();
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void postgisReadsEveryPixelTypeAsWritten(PixelType type) throws SQLException {
        int w = 5;
        int h = 3;
        double[] withNodata = RasterWkbTest.samples(type, w * h);
        // Float32 keeps the value as float: compare what can be stored.
        double nodata = RasterWkbTest.nodataFor(type);
        nodata = type == PixelType.FLOAT32 ? (float) nodata : nodata;
        withNodata[7] = nodata;
        double[] plain = RasterWkbTest.samples(type, w * h);
        GeoTransform transform = new GeoTransform(500_000.5, 30, 0.5, 4_100_000.25, -0.25, -30);
        WkbRaster raster = new WkbRaster(transform, 32633, w, h,
                List.of(new WkbBand(type, nodata, withNodata), new WkbBand(type, null, plain)));
        byte[] wkb = RasterWkb.encode(raster);

        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT (m).upperleftx, (m).upperlefty, (m).width, "
                     + "(m).height, (m).scalex, (m).scaley, (m).skewx, (m).skewy, (m).srid, (m).numbands, "
                     + "ST_BandPixelType(r, 1), ST_BandPixelType(r, 2), (b1).nodatavalue, (b2).nodatavalue, "
                     + "(b1).isoutdb, ST_DumpValues(r, 1, false), ST_DumpValues(r, 2, false), "
                     + "ST_Value(r, 1, 3, 2, true), ST_Value(r, 1, 3, 2, false), ST_AsBinary(r) "
                     + "FROM (SELECT r, ST_MetaData(r) AS m, ST_BandMetaData(r, 1) AS b1, ST_BandMetaData(r, 2) AS b2 "
                     + "FROM (SELECT ST_RastFromWKB(?) AS r) a) b")) {
            ps.setBytes(1, wkb);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(transform.originX(), rs.getDouble(1));
                assertEquals(transform.originY(), rs.getDouble(2));
                assertEquals(w, rs.getInt(3));
                assertEquals(h, rs.getInt(4));
                assertEquals(transform.scaleX(), rs.getDouble(5));
                assertEquals(transform.scaleY(), rs.getDouble(6));
                assertEquals(transform.skewX(), rs.getDouble(7));
                assertEquals(transform.skewY(), rs.getDouble(8));
                assertEquals(32633, rs.getInt(9));
                assertEquals(2, rs.getInt(10));
                assertEquals(type.postgisName(), rs.getString(11));
                assertEquals(type.postgisName(), rs.getString(12));
                assertEquals(nodata, rs.getDouble(13));
                assertNull(rs.getObject(14), "band 2 has no nodata");
                assertFalse(rs.getBoolean(15));
                assertArrayEquals(withNodata, grid(rs.getArray(16), w, h));
                assertArrayEquals(plain, grid(rs.getArray(17), w, h));
                // Pixel (col 3, row 2) in PostGIS's 1-based terms is index 7: the nodata pixel.
                assertNull(rs.getObject(18));
                assertEquals(nodata, rs.getDouble(19));
                WkbRaster back = RasterWkb.decode(rs.getBytes(20));
                assertEquals(raster.geoTransform(), back.geoTransform());
                assertArrayEquals(withNodata, back.band(0).samples());
                assertArrayEquals(plain, back.band(1).samples());
                assertEquals(nodata, back.band(0).nodata());
                assertNull(back.band(1).nodata());
                assertArrayEquals(wkb, rs.getBytes(20), "PostGIS writes back the same bytes");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void decodesRastersThatPostgisBuilt(PixelType type) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(ST_SetValues(ST_AddBand("
                     + "ST_MakeEmptyRaster(3, 2, 10.0, 20.0, 0.5, -0.25, 0, 0, 4326), ?, 7, 7), 1, 1, 1, "
                     + "ARRAY[[1, 2, 3], [4, 5, 6]]::double precision[][]))")) {
            ps.setString(1, type.postgisName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                WkbRaster r = RasterWkb.decode(rs.getBytes(1));
                assertEquals(new GeoTransform(10, 0.5, 0, 20, 0, -0.25), r.geoTransform());
                assertEquals(4326, r.srid());
                assertEquals(type, r.band(0).pixelType());
                assertEquals(7.0, r.band(0).nodata());
                assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, r.band(0).samples());
            }
        }
    }

    @Test
    void postgisKeepsTheAllNodataFlag() throws SQLException {
        double[] empty = new double[4];
        Arrays.fill(empty, 255);
        WkbRaster raster = new WkbRaster(GeoTransform.northUp(0, 0, 1, 1), 3857, 2, 2,
                List.of(new WkbBand(PixelType.BYTE, 255.0, empty),
                        new WkbBand(PixelType.BYTE, 255.0, new double[] {255, 1, 255, 255})));
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_BandIsNoData(r, 1), ST_BandIsNoData(r, 1, true), "
                     + "ST_BandIsNoData(r, 2, true), ST_Value(r, 1, 1, 1), ST_AsBinary(r) "
                     + "FROM (SELECT ST_RastFromWKB(?) AS r) a")) {
            ps.setBytes(1, RasterWkb.encode(raster));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertTrue(rs.getBoolean(1), "flag read without a scan");
                assertTrue(rs.getBoolean(2), "and true when PostGIS checks the pixels");
                assertFalse(rs.getBoolean(3));
                assertNull(rs.getObject(4));
                assertTrue(RasterWkb.decode(rs.getBytes(5)).band(0).allNodata());
            }
        }
    }

    @Test
    void tileLiesOnItsWebMercatorBounds() throws SQLException {
        TileKey key = new TileKey(10, 547, 380);
        double[] s = new double[TileData.SIZE * TileData.SIZE];
        for (int i = 0; i < s.length; i++) {
            s[i] = i % 251;
        }
        TileData tile = new TileData(key, PixelType.BYTE, new double[] {255}, new double[][] {s});
        double world = 2 * Math.PI * 6378137;
        double span = world / 1024;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_XMin(e), ST_YMax(e), ST_XMax(e), ST_YMin(e), "
                     + "ST_SRID(r), ST_Value(r, 1, 256, 1), ST_Value(r, 1, 1, 2) "
                     + "FROM (SELECT r, ST_Envelope(r) AS e FROM (SELECT ST_RastFromWKB(?) AS r) a) b")) {
            ps.setBytes(1, RasterWkb.encode(tile));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(547 * span - world / 2, rs.getDouble(1), 1e-6);
                assertEquals(world / 2 - 380 * span, rs.getDouble(2), 1e-6);
                assertEquals(548 * span - world / 2, rs.getDouble(3), 1e-6);
                assertEquals(world / 2 - 381 * span, rs.getDouble(4), 1e-6);
                assertEquals(3857, rs.getInt(5));
                assertEquals(255 % 251, rs.getInt(6), "last column of the first row");
                assertEquals(256 % 251, rs.getInt(7), "first column of the second row");
            }
        }
    }

    /** ST_DumpValues gives [row][col]; flattened to our [row * width + col]. */
    private static double[] grid(Array array, int w, int h) throws SQLException {
        Object[] rows = (Object[]) array.getArray();
        double[] out = new double[w * h];
        for (int r = 0; r < h; r++) {
            Object[] row = (Object[]) rows[r];
            for (int col = 0; col < w; col++) {
                out[r * w + col] = ((Number) row[col]).doubleValue();
            }
        }
        return out;
    }
}
