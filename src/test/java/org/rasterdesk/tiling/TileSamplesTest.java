package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.wkb.RasterWkb;

/** A tile held in its own pixel type reads back, encodes, empties and reduces exactly as the same tile as doubles. */
class TileSamplesTest {

    private static final int N = TileData.SIZE;

    /** Values of the type, its extremes included, with nodata here and there. */
    private static double[] values(PixelType type, double nodata, long seed) {
        Random random = new Random(seed);
        double[] v = new double[N * N];
        for (int i = 0; i < v.length; i++) {
            double x;
            if (type.isFloatingPoint()) {
                x = random.nextGaussian() * 1e4;
                x = type == PixelType.FLOAT32 ? (float) x : x;
            } else {
                x = type.min() + Math.floor(random.nextDouble() * (type.max() - type.min() + 1));
            }
            v[i] = switch (i % 11) {
                case 0 -> nodata;
                case 1 -> type.min();
                case 2 -> type.max();
                default -> x;
            };
        }
        return v;
    }

    private static double nodataOf(PixelType type) {
        return switch (type) {
            case BYTE, UINT16, UINT32 -> type.max();
            case INT8, INT16, INT32 -> type.min();
            case FLOAT32 -> -9999;
            case FLOAT64 -> Double.NaN;
        };
    }

    @Test
    void everyTypeEncodesAsItsDoubles() {
        for (PixelType type : PixelType.values()) {
            double nodata = nodataOf(type);
            double[][] bands = {values(type, nodata, 1), values(type, nodata, 2)};
            double[] nd = {nodata, nodata};
            TileKey key = new TileKey(12, 2000, 1500);
            TileData asDoubles = new TileData(key, type, nd, bands);
            TileData packed = TileData.packed(key, type, nd.clone(), bands);
            if (type != PixelType.FLOAT64) {
                assertNull(packed.samples(0).heldDoubles(), type + " held in its own type");
            }
            assertArrayEquals(bands[0], packed.bands()[0], type.toString());
            assertArrayEquals(bands[1], packed.bands()[1], type.toString());
            assertArrayEquals(RasterWkb.encode(asDoubles), RasterWkb.encode(packed), type.toString());
        }
    }

    @Test
    void emptinessAndTheNodataFlagMatch() {
        for (PixelType type : PixelType.values()) {
            double nodata = nodataOf(type);
            double[] band = new double[N * N];
            Arrays.fill(band, nodata);
            TileKey key = new TileKey(3, 1, 1);
            TileData empty = TileData.packed(key, type, new double[] {nodata}, new double[][] {band});
            assertTrue(empty.isEmpty(), type.toString());
            assertTrue(RasterWkb.decode(RasterWkb.encode(empty)).band(0).allNodata(), type.toString());
            band[N * N - 1] = nodata == type.max() || Double.isNaN(nodata) ? 0 : type.max();
            TileData one = TileData.packed(key, type, new double[] {nodata}, new double[][] {band});
            assertFalse(one.isEmpty(), type.toString());
            assertArrayEquals(RasterWkb.encode(new TileData(key, type, new double[] {nodata},
                    new double[][] {band})), RasterWkb.encode(one), type.toString());
        }
    }

    @Test
    void aNodataValueTheTypeCannotHoldKeepsTheBandInDoubles() {
        double[] band = values(PixelType.FLOAT32, 0.1, 3);
        TileData tile = TileData.packed(new TileKey(1, 0, 0), PixelType.FLOAT32, new double[] {0.1},
                new double[][] {band});
        assertNotNull(tile.samples(0).heldDoubles());
        assertArrayEquals(band, tile.bands()[0]);
        assertFalse(TileSamples.holds(PixelType.BYTE, Double.NaN));
        assertFalse(TileSamples.holds(PixelType.BYTE, 256));
        assertTrue(TileSamples.holds(PixelType.FLOAT32, Double.NaN));
    }

    @Test
    void reductionOfPackedChildrenEqualsThatOfDoubles() {
        for (Reduction reduction : Reduction.values()) {
            for (PixelType type : new PixelType[] {PixelType.BYTE, PixelType.INT16, PixelType.FLOAT32}) {
                double nodata = nodataOf(type);
                double[] nd = {nodata};
                PyramidReducer reducer = new PyramidReducer(reduction, type, nd);
                TileKey parent = new TileKey(4, 3, 5);
                TileData[] doubles = new TileData[4];
                TileData[] packed = new TileData[4];
                for (int k = 0; k < 4; k++) {
                    TileKey key = new TileKey(5, 6 + (k & 1), 10 + (k >> 1));
                    // Few distinct values, so that 2×2 blocks often agree (the mode's short cut).
                    double[] v = values(type, nodata, 10 + k);
                    for (int i = 0; i < v.length; i++) {
                        v[i] = i % 7 == 0 ? nodata : (i / 3) % 3 == 0 ? 1 : v[i];
                    }
                    doubles[k] = new TileData(key, type, nd, new double[][] {v});
                    packed[k] = TileData.packed(key, type, nd, new double[][] {v});
                }
                TileData a = reducer.parent(parent, doubles);
                TileData b = reducer.parent(parent, packed);
                assertArrayEquals(a.bands()[0], b.bands()[0], reduction + " " + type);
                assertEquals(a.isEmpty(), b.isEmpty());
            }
        }
    }
}
