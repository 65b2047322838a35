package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasterdesk.raster.pixel.PixelType;

class PyramidTest {

    private static final int N = TileData.SIZE;

    private static TileData tile(TileKey key, PixelType type, double nodata, double fill) {
        double[] band = new double[N * N];
        Arrays.fill(band, fill);
        return new TileData(key, type, new double[] {nodata}, new double[][] {band});
    }

    private static void block(TileData tile, int col, int row, double a, double b, double c, double d) {
        double[] band = tile.bands()[0];
        band[2 * row * N + 2 * col] = a;
        band[2 * row * N + 2 * col + 1] = b;
        band[(2 * row + 1) * N + 2 * col] = c;
        band[(2 * row + 1) * N + 2 * col + 1] = d;
    }

    @Test
    void averageOfValidPixelsRoundsIntegersHalfUp() {
        TileData child = tile(new TileKey(5, 3, 4), PixelType.BYTE, 255, 255);
        block(child, 0, 0, 1, 2, 3, 4);
        block(child, 1, 0, 10, 255, 255, 255);
        block(child, 2, 0, 1, 2, 255, 255);
        PyramidReducer reducer = new PyramidReducer(Reduction.AVERAGE, PixelType.BYTE, new double[] {255});
        double[] parent = reducer.parent(new TileKey(4, 1, 2), child).bands()[0];
        // Child (3, 4) is the top right quadrant of parent (1, 2).
        int o = 128;
        assertEquals(3, parent[o]);         // 2.5 rounds half up
        assertEquals(10, parent[o + 1]);    // only one valid pixel
        assertEquals(2, parent[o + 2]);     // 1.5 rounds half up
        assertEquals(255, parent[o + 3]);   // no valid pixel
        assertEquals(255, parent[0]);       // missing children are nodata
        assertEquals(255, parent[200 * N + 10]);
    }

    @Test
    void averageOfFloatsKeepsFractions() {
        TileData child = tile(new TileKey(1, 0, 1), PixelType.FLOAT32, Double.NaN, Double.NaN);
        block(child, 5, 6, 1.25, Double.NaN, 2, 3);
        PyramidReducer reducer = new PyramidReducer(Reduction.AVERAGE, PixelType.FLOAT32, new double[] {Double.NaN});
        double[] parent = reducer.parent(new TileKey(0, 0, 0), child).bands()[0];
        assertEquals(6.25 / 3, parent[(128 + 6) * N + 5], 1e-6);
        assertEquals(Double.NaN, parent[0]);
    }

    @Test
    void modeTakesTheMostFrequentValueAndTheSmallestOnTies() {
        TileData child = tile(new TileKey(3, 0, 0), PixelType.UINT16, 0, 0);
        block(child, 0, 0, 7, 7, 3, 9);
        block(child, 1, 0, 9, 3, 9, 3);
        block(child, 2, 0, 5, 0, 0, 0);
        block(child, 3, 0, 8, 2, 0, 0);
        PyramidReducer reducer = new PyramidReducer(Reduction.MODE, PixelType.UINT16, new double[] {0});
        double[] parent = reducer.parent(new TileKey(2, 0, 0), child).bands()[0];
        assertEquals(7, parent[0]);
        assertEquals(3, parent[1]);
        assertEquals(5, parent[2]);
        assertEquals(2, parent[3]);
    }

    @Test
    void builderEmitsEveryLevelDownToZeroAndCountsEmptyTiles() {
        List<TileData> emitted = new ArrayList<>();
        PyramidBuilder builder = new PyramidBuilder(3, 0, Reduction.AVERAGE, PixelType.FLOAT32,
                new double[] {-1}, emitted::add);
        // A 4x3 block of tiles at z3 (x 2..5, y 3..5); tile (3, 4) is empty, so its parent (1, 2) holds
        // only three children.
        for (int y = 3; y <= 5; y++) {
            for (int x = 2; x <= 5; x++) {
                boolean empty = x == 3 && y == 4;
                builder.accept(tile(new TileKey(3, x, y), PixelType.FLOAT32, -1, empty ? -1 : 10 * x + y));
            }
        }
        builder.finish();
        assertEquals(11, builder.emittedCount(3));
        assertEquals(1, builder.emptyCount(3));
        // Parents: x 1..2, y 1..2 at z2; each of them in its own z1 tile.
        assertEquals(4, builder.emittedCount(2));
        assertEquals(4, builder.emittedCount(1));
        assertEquals(1, builder.emittedCount(0));
        TileData parent = find(emitted, new TileKey(2, 1, 2));
        double[] band = parent.bands()[0];
        assertEquals(24, band[10 * N + 10]);        // child (2, 4)
        assertEquals(-1, band[10 * N + 200]);       // child (3, 4): empty
        assertEquals(25, band[200 * N + 10]);       // child (2, 5)
        assertEquals(35, band[200 * N + 200]);      // child (3, 5)
        // Parent (1, 1) at z2 has only children of row 3: its lower half is nodata.
        double[] upper = find(emitted, new TileKey(2, 1, 1)).bands()[0];
        assertEquals(-1, upper[10 * N + 10]);
        assertEquals(23, upper[200 * N + 10]);
        // z0 of the whole: averages of averages.
        assertEquals(1, emitted.stream().filter(t -> t.key().z() == 0).count());
        assertNull(emitted.stream().filter(TileData::isEmpty).findAny().orElse(null));
        // Tiles of a level come out in row-major order.
        List<TileKey> z2 = emitted.stream().filter(t -> t.key().z() == 2).map(TileData::key).toList();
        assertEquals(List.of(new TileKey(2, 1, 1), new TileKey(2, 2, 1), new TileKey(2, 1, 2),
                new TileKey(2, 2, 2)), z2);
    }

    @Test
    void builderCountsParentsOfOnlyEmptyChildrenAsEmpty() {
        List<TileData> emitted = new ArrayList<>();
        PyramidBuilder builder = new PyramidBuilder(2, 1, Reduction.MODE, PixelType.BYTE, new double[] {0},
                emitted::add);
        builder.accept(tile(new TileKey(2, 0, 0), PixelType.BYTE, 0, 0));
        builder.accept(tile(new TileKey(2, 2, 0), PixelType.BYTE, 0, 4));
        builder.finish();
        assertEquals(1, builder.emptyCount(1));
        assertEquals(1, builder.emittedCount(1));
        assertEquals(new TileKey(1, 1, 0), emitted.get(emitted.size() - 1).key());
    }

    @Test
    void builderRefusesTilesOutOfOrder() {
        PyramidBuilder builder = new PyramidBuilder(2, 0, Reduction.MODE, PixelType.BYTE, new double[] {0},
                t -> { });
        builder.accept(tile(new TileKey(2, 1, 1), PixelType.BYTE, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> builder.accept(tile(new TileKey(2, 0, 1), PixelType.BYTE, 0, 1)));
    }

    @Test
    void recyclingBuilderMakesTheSameTilesAsOneThatAllocates() {
        // Rows of children with gaps and empty tiles, so that recycled parents are refilled where children are
        // missing: a recycled band that kept old samples would show there.
        for (PixelType type : new PixelType[] {PixelType.FLOAT32, PixelType.BYTE}) {
            double nodata = type == PixelType.BYTE ? 0 : -9999;
            List<String> plain = pyramidWkb(type, nodata, false);
            List<String> recycled = pyramidWkb(type, nodata, true);
            assertEquals(plain.size(), recycled.size(), type + ": tiles made");
            for (int i = 0; i < plain.size(); i++) {
                String key = plain.get(i).substring(0, plain.get(i).indexOf(' '));
                // Not assertEquals: the message would print two tiles in hex.
                assertTrue(plain.get(i).equals(recycled.get(i)), type + ": tile " + key + " differs");
            }
        }
    }

    /** Each lower zoom's tile as its WKB in hex, encoded in the sink as the parse does, in the order made. */
    private static List<String> pyramidWkb(PixelType type, double nodata, boolean recycling) {
        List<String> out = new ArrayList<>();
        PyramidBuilder builder = new PyramidBuilder(5, 0, Reduction.AVERAGE, type, new double[] {nodata}, t -> {
            if (t.key().z() < 5) {
                out.add(t.key() + " " + java.util.HexFormat.of().formatHex(
                        org.rasterdesk.tiling.wkb.RasterWkb.encode(t)));
            }
        });
        if (recycling) {
            builder.recycling();
        }
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 20; x++) {
                if ((x * 7 + y * 3) % 11 == 0) {
                    continue;
                }
                boolean empty = (x + 2 * y) % 5 == 0;
                double[] band = new double[N * N];
                for (int i = 0; i < band.length; i++) {
                    band[i] = empty || (i + x) % 97 == 0 ? nodata : 1 + (x * 13 + y * 5 + i / 300) % 200;
                }
                builder.accept(TileData.packed(new TileKey(5, x, y), type, new double[] {nodata},
                        new double[][] {band}));
            }
        }
        builder.finish();
        return out;
    }

    private static TileData find(List<TileData> tiles, TileKey key) {
        return tiles.stream().filter(t -> t.key().equals(key)).findFirst().orElseThrow();
    }
}
