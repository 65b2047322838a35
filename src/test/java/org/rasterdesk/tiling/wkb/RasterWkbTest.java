package org.rasterdesk.tiling.wkb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

class RasterWkbTest {

    static final double WORLD = 2 * Math.PI * 6378137;

    /** Values spanning the type's range, its extremes included. */
    static double[] samples(PixelType type, int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            if (type.isFloatingPoint()) {
                s[i] = (i - n / 2) * 1.25 + (type == PixelType.FLOAT64 ? 1e-9 : 0);
            } else {
                double span = Math.min(type.max() - type.min(), 1e6);
                s[i] = type.min() + Math.floor(i * 7919 % (long) (span + 1));
            }
        }
        s[0] = type.min();
        s[n - 1] = type.max();
        return s;
    }

    static double nodataFor(PixelType type) {
        return type.isFloatingPoint() ? -3.4e38 : type.isSigned() ? type.min() : type.max();
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void everyPixelTypeRoundTripsWithNodata(PixelType type) {
        double[] s = samples(type, 5 * 3);
        WkbRaster raster = new WkbRaster(new GeoTransform(100.5, 2, 0.25, -50, 0.5, -3), 32633, 5, 3,
                List.of(new WkbBand(type, nodataFor(type), s), new WkbBand(type, null, s.clone())));
        byte[] wkb = RasterWkb.encode(raster);
        assertEquals(RasterWkb.HEADER_SIZE + 2 * (1 + type.bytes() * 16), wkb.length);
        WkbRaster back = RasterWkb.decode(wkb);
        assertEquals(raster.geoTransform(), back.geoTransform());
        assertEquals(32633, back.srid());
        assertEquals(5, back.width());
        assertEquals(3, back.height());
        assertEquals(type, back.band(0).pixelType());
        double expectedNodata = type == PixelType.FLOAT32 ? (double) (float) nodataFor(type) : nodataFor(type);
        assertEquals(expectedNodata, back.band(0).nodata());
        assertNull(back.band(1).nodata());
        assertArrayEquals(s, back.band(0).samples());
        assertArrayEquals(s, back.band(1).samples());
        assertFalse(back.band(0).allNodata());
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void bandOfOnlyNodataIsFlagged(PixelType type) {
        double nd = nodataFor(type);
        double[] s = new double[4];
        java.util.Arrays.fill(s, nd);
        WkbRaster raster = new WkbRaster(GeoTransform.northUp(0, 0, 1, 1), 0, 2, 2,
                List.of(new WkbBand(type, nd, s), new WkbBand(type, null, s.clone())));
        WkbRaster back = RasterWkb.decode(RasterWkb.encode(raster));
        assertTrue(back.band(0).allNodata());
        assertFalse(back.band(1).allNodata(), "no nodata value, nothing is nodata");
    }

    @Test
    void nanNodataOfFloatBandsIsKeptAndFlagged() {
        double[] s = {Double.NaN, Double.NaN, 1.5, Double.NaN};
        WkbRaster raster = new WkbRaster(GeoTransform.northUp(0, 0, 1, 1), 0, 2, 2,
                List.of(new WkbBand(PixelType.FLOAT32, Double.NaN, s)));
        WkbBand back = RasterWkb.decode(RasterWkb.encode(raster)).band(0);
        assertTrue(Double.isNaN(back.nodata()));
        assertArrayEquals(s, back.samples());
        assertFalse(back.allNodata());
        double[] all = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        assertTrue(RasterWkb.decode(RasterWkb.encode(new WkbRaster(GeoTransform.northUp(0, 0, 1, 1), 0, 2, 2,
                List.of(new WkbBand(PixelType.FLOAT64, Double.NaN, all))))).band(0).allNodata());
    }

    @Test
    void readsBigEndianWkb() {
        // A 2×2 8BUI raster in EPSG:4326, big endian, no nodata, laid out byte by byte as RFC2 describes.
        String hex = "00" + "0000" + "0001" + "3FF0000000000000" + "BFF0000000000000" + "4024000000000000"
                + "4034000000000000" + "0000000000000000" + "0000000000000000" + "000010E6" + "0002" + "0002"
                + "04" + "00" + "00010100";
        WkbRaster r = RasterWkb.decodeHex(hex);
        assertEquals(new GeoTransform(10, 1, 0, 20, 0, -1), r.geoTransform());
        assertEquals(4326, r.srid());
        assertEquals(PixelType.BYTE, r.band(0).pixelType());
        assertNull(r.band(0).nodata());
        assertArrayEquals(new double[] {0, 1, 1, 0}, r.band(0).samples());
    }

    @Test
    void writesLittleEndianHeaderAsRfc2Says() {
        WkbRaster r = new WkbRaster(new GeoTransform(10, 1, 0, 20, 0, -1), 4326, 2, 2,
                List.of(new WkbBand(PixelType.INT16, -2.0, new double[] {0, 1, -2, 300})));
        assertEquals("01" + "0000" + "0100" + "000000000000F03F" + "000000000000F0BF" + "0000000000002440"
                + "0000000000003440" + "0000000000000000" + "0000000000000000" + "E6100000" + "0200" + "0200"
                + "45" + "FEFF" + "0000" + "0100" + "FEFF" + "2C01", RasterWkb.encodeHex(r));
    }

    @Test
    void tileIsGeoreferencedOnItsBounds() {
        double[] s = new double[TileData.SIZE * TileData.SIZE];
        TileData tile = new TileData(new TileKey(1, 1, 1), PixelType.BYTE, new double[] {0}, new double[][] {s});
        WkbRaster r = RasterWkb.decode(RasterWkb.encode(tile));
        assertEquals(3857, r.srid());
        assertEquals(0.0, r.geoTransform().originX());
        assertEquals(0.0, r.geoTransform().originY());
        assertEquals(WORLD / 2 / 256, r.geoTransform().scaleX());
        assertEquals(-WORLD / 2 / 256, r.geoTransform().scaleY());

        TileKey key = new TileKey(18, 140_000, 90_001);
        TileData far = new TileData(key, PixelType.BYTE, new double[] {0}, new double[][] {s});
        GeoTransform t = RasterWkb.decode(RasterWkb.encode(far)).geoTransform();
        double span = WORLD / (1 << 18);
        assertEquals(140_000 * span - WORLD / 2, t.originX());
        assertEquals(WORLD / 2 - 90_001 * span, t.originY());
    }

    /** The WKB written over a recycled array holding other bytes is the WKB of a new array, byte for byte. */
    @ParameterizedTest
    @EnumSource(PixelType.class)
    void encodesIntoARecycledArrayAsIntoANewOne(PixelType type) {
        int n = TileData.SIZE * TileData.SIZE;
        double nd = nodataFor(type);
        TileKey key = new TileKey(17, 62_000, 50_123);
        TileData[] tiles = {
                TileData.packed(key, type, new double[] {nd, nd}, new double[][] {samples(type, n), samples(type, n)}),
                new TileData(key, type, new double[] {nd, nd}, new double[][] {samples(type, n), samples(type, n)}),
                TileData.packed(key, type, new double[] {nd, nd},
                        new double[][] {filled(n, nd), samples(type, n)})};
        for (TileData tile : tiles) {
            byte[] fresh = RasterWkb.encode(tile);
            for (byte dirt : new byte[] {(byte) 0x5A, (byte) 0xFF, 0}) {
                byte[] old = new byte[fresh.length];
                java.util.Arrays.fill(old, dirt);
                byte[] reused = RasterWkb.encode(tile, size -> old);
                assertTrue(reused == old);
                assertArrayEquals(fresh, reused, tile + " over bytes " + dirt);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> RasterWkb.encode(tiles[0], size -> new byte[size + 1]));
    }

    private static double[] filled(int n, double value) {
        double[] s = new double[n];
        java.util.Arrays.fill(s, value);
        return s;
    }

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void tileDataRoundTripsWithItsKey(PixelType type) {
        int n = TileData.SIZE * TileData.SIZE;
        double[][] bands = {samples(type, n), samples(type, n)};
        double nd = nodataFor(type);
        TileKey key = new TileKey(12, 2047, 1361);
        TileData tile = new TileData(key, type, new double[] {nd, nd}, bands);
        TileData back = RasterWkb.decodeTile(RasterWkb.encode(tile));
        assertEquals(key, back.key());
        assertEquals(type, back.pixelType());
        assertArrayEquals(bands[0], back.bands()[0]);
        assertArrayEquals(bands[1], back.bands()[1]);
        assertEquals(type == PixelType.FLOAT32 ? (float) nd : nd, back.nodata()[1]);
    }

    @Test
    void nanNodataOfAnIntegerTileBandMeansNoNodata() {
        double[] s = new double[TileData.SIZE * TileData.SIZE];
        TileData tile = new TileData(new TileKey(3, 1, 2), PixelType.UINT16, new double[] {Double.NaN},
                new double[][] {s});
        WkbBand band = RasterWkb.decode(RasterWkb.encode(tile)).band(0);
        assertNull(band.nodata());
        assertFalse(band.allNodata());
        assertTrue(Double.isNaN(RasterWkb.decodeTile(RasterWkb.encode(tile)).nodata()[0]));
    }

    @Test
    void refusesWhatItCannotRepresent() {
        WkbRaster byteWithBadNodata = new WkbRaster(GeoTransform.northUp(0, 0, 1, 1), 0, 1, 1,
                List.of(new WkbBand(PixelType.BYTE, -9999.0, new double[] {1})));
        assertThrows(IllegalArgumentException.class, () -> RasterWkb.encode(byteWithBadNodata));
        byte[] wkb = RasterWkb.encode(new WkbRaster(GeoTransform.northUp(0, 0, 1, 1), 0, 1, 1,
                List.of(new WkbBand(PixelType.BYTE, null, new double[] {1}))));
        assertThrows(IllegalArgumentException.class,
                () -> RasterWkb.decode(java.util.Arrays.copyOf(wkb, wkb.length - 1)));
        byte[] offline = wkb.clone();
        offline[RasterWkb.HEADER_SIZE] = (byte) 0x84;
        assertThrows(IllegalArgumentException.class, () -> RasterWkb.decode(offline));
        byte[] oneBit = wkb.clone();
        oneBit[RasterWkb.HEADER_SIZE] = 0;
        assertThrows(IllegalArgumentException.class, () -> RasterWkb.decode(oneBit));
        WkbRaster notATile = new WkbRaster(GeoTransform.northUp(5, 0, 1, 1), 3857, 256, 256,
                List.of(new WkbBand(PixelType.BYTE, null, new double[256 * 256])));
        assertThrows(IllegalStateException.class, notATile::toTileData);
    }
}
