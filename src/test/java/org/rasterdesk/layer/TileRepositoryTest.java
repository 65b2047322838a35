package org.rasterdesk.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

class TileRepositoryTest {

    static RasterLayerRepository layers;
    static TileRepository tiles;

    @BeforeAll
    static void database() {
        layers = new RasterLayerRepository(TestDatabase.shared().dataSource());
        tiles = new TileRepository(TestDatabase.shared().dataSource());
    }

    static TileData gradient(TileKey key, PixelType type) {
        int n = TileData.SIZE * TileData.SIZE;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = type.isFloatingPoint() ? i * 0.5 - 100 : i % 200;
            b[i] = (i / TileData.SIZE) % 100;
        }
        double nodata = type.canHold(-9999) ? -9999 : 255;
        a[0] = nodata;
        return new TileData(key, type, new double[] {nodata, Double.NaN}, new double[][] {a, b});
    }

    @Test
    void tilesAreReadBackAsWritten() {
        int id = layers.create(RasterLayer.create("tiles")).id();
        TileData t = gradient(new TileKey(5, 17, 11), PixelType.FLOAT32);
        tiles.insert(id, t);
        TileData back = tiles.read(id, t.key()).orElseThrow();
        assertEquals(t.key(), back.key());
        assertEquals(PixelType.FLOAT32, back.pixelType());
        assertArrayEquals(t.nodata(), back.nodata());
        assertArrayEquals(t.bands()[0], back.bands()[0]);
        assertArrayEquals(t.bands()[1], back.bands()[1]);
        assertEquals(Optional.empty(), tiles.read(id, new TileKey(5, 17, 12)));

        TileData ints = gradient(new TileKey(5, 18, 11), PixelType.INT16);
        tiles.insert(id, ints);
        TileData intsBack = tiles.read(id, ints.key()).orElseThrow();
        assertArrayEquals(ints.bands()[0], intsBack.bands()[0]);
        assertEquals(-9999, intsBack.nodata()[0]);
        assertEquals(Double.NaN, intsBack.nodata()[1], "an integer band without nodata");
    }

    @Test
    void keysAndCountsPerZoom() {
        int id = layers.create(RasterLayer.create("pyramid")).id();
        int other = layers.create(RasterLayer.create("other")).id();
        List<TileKey> keys = List.of(new TileKey(3, 4, 2), new TileKey(3, 4, 3), new TileKey(3, 5, 2),
                new TileKey(2, 2, 1), new TileKey(0, 0, 0));
        for (TileKey key : keys) {
            tiles.insert(id, gradient(key, PixelType.BYTE));
        }
        tiles.insert(other, gradient(new TileKey(3, 1, 1), PixelType.BYTE));
        assertEquals(List.of(new TileKey(3, 4, 2), new TileKey(3, 4, 3), new TileKey(3, 5, 2)), tiles.keys(id, 3));
        assertEquals(List.of(), tiles.keys(id, 1));
        assertEquals(Map.of(0, 1L, 2, 1L, 3, 3L), tiles.countByZoom(id));
        assertEquals(5, tiles.count(id));
        assertEquals(1, tiles.count(other));
    }

    @Test
    void theDeepestPresentOfSeveralAddressesAndTheRangeOfALevel() {
        int id = layers.create(RasterLayer.create("ancestors")).id();
        int other = layers.create(RasterLayer.create("neighbour")).id();
        tiles.insert(id, gradient(new TileKey(2, 2, 1), PixelType.BYTE));
        tiles.insert(id, gradient(new TileKey(0, 0, 0), PixelType.BYTE));
        tiles.insert(other, gradient(new TileKey(3, 4, 2), PixelType.BYTE));
        List<TileKey> chain = List.of(new TileKey(3, 4, 2), new TileKey(2, 2, 1), new TileKey(1, 1, 0),
                new TileKey(0, 0, 0));
        assertEquals(new TileKey(2, 2, 1), tiles.readDeepest(id, chain).orElseThrow().key());
        assertEquals(new TileKey(0, 0, 0), tiles.readDeepest(id, List.of(new TileKey(1, 0, 0),
                new TileKey(0, 0, 0))).orElseThrow().key());
        assertEquals(java.util.Optional.empty(), tiles.readDeepest(id, List.of(new TileKey(3, 0, 0),
                new TileKey(2, 0, 0), new TileKey(1, 0, 0))));
        assertArrayEquals(gradient(new TileKey(2, 2, 1), PixelType.BYTE).bands()[0],
                tiles.readDeepest(id, chain).orElseThrow().bands()[0]);

        tiles.insert(id, gradient(new TileKey(3, 6, 1), PixelType.BYTE));
        tiles.insert(id, gradient(new TileKey(3, 4, 5), PixelType.BYTE));
        assertEquals(new org.rasterdesk.tiling.TileRange(3, 4, 1, 6, 5), tiles.range(id, 3).orElseThrow());
        assertEquals(java.util.Optional.empty(), tiles.range(id, 4));
    }
}
