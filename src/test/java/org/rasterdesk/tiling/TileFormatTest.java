package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasterdesk.raster.ArrayRasterReader;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.raster.BandStats;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

/** The tiles' nodata value is one the data does not use, and their type widens when the data uses every value. */
class TileFormatTest {

    private static TileFormat choose(PixelType type, List<Double> nodata, double[]... bands) throws Exception {
        RasterInfo info = new RasterInfo(bands[0].length, 1, bands.length, type, GeoTransform.northUp(0, 1, 1, 1),
                null, null, null, nodata, bands[0].length, 1);
        List<BandStats> stats = BandStatistics.compute(new ArrayRasterReader(info, bands));
        return TileFormat.choose(info, stats);
    }

    private static double[] values(int from, int to) {
        double[] v = new double[to - from + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = from + i;
        }
        return v;
    }

    @Test
    void aBandWithNodataKeepsIt() throws Exception {
        TileFormat f = choose(PixelType.BYTE, List.of(7.0), values(0, 255));
        assertEquals(PixelType.BYTE, f.pixelType());
        assertArrayEquals(new double[] {7}, f.nodata());
        assertEquals("", f.explanation());
    }

    @Test
    void theLowestValueWhenUnused() throws Exception {
        assertArrayEquals(new double[] {0}, choose(PixelType.BYTE, nulls(1), values(1, 255)).nodata());
    }

    @Test
    void theHighestValueWhenTheLowestIsUsed() throws Exception {
        assertArrayEquals(new double[] {255}, choose(PixelType.BYTE, nulls(1), values(0, 254)).nodata());
    }

    @Test
    void aValueInsideTheRangeThatTheDataSkips() throws Exception {
        double[] data = values(0, 255);
        data[17] = 16;
        TileFormat f = choose(PixelType.BYTE, nulls(1), data);
        assertEquals(PixelType.BYTE, f.pixelType());
        assertArrayEquals(new double[] {17}, f.nodata());
    }

    @Test
    void everyByteValueUsedWidensToUInt16() throws Exception {
        TileFormat f = choose(PixelType.BYTE, nulls(1), values(0, 255));
        assertEquals(PixelType.UINT16, f.pixelType());
        assertArrayEquals(new double[] {65535}, f.nodata());
        assertTrue(f.explanation().contains("uses every Byte value"), f.explanation());
    }

    @Test
    void everySignedByteValueUsedWidensToInt16() throws Exception {
        TileFormat f = choose(PixelType.INT8, nulls(1), values(-128, 127));
        assertEquals(PixelType.INT16, f.pixelType());
        assertArrayEquals(new double[] {-32768}, f.nodata());
    }

    @Test
    void everyInt16ValueUsedWidensToInt32() throws Exception {
        TileFormat f = choose(PixelType.INT16, nulls(1), values(-32768, 32767));
        assertEquals(PixelType.INT32, f.pixelType());
        assertArrayEquals(new double[] {Integer.MIN_VALUE}, f.nodata());
    }

    @Test
    void bandsShareOneValueNoneOfThemUses() throws Exception {
        double[] a = values(0, 255);
        double[] b = values(0, 255);
        a[40] = 39;
        b[40] = 39;
        b[41] = 40;
        a[41] = 40;
        TileFormat f = choose(PixelType.BYTE, nulls(2), a, b);
        assertArrayEquals(new double[] {41, 41}, f.nodata());
    }

    @Test
    void float32UsesTheMostNegativeFloat() throws Exception {
        TileFormat f = choose(PixelType.FLOAT32, nulls(1), new double[] {-5, 3.5, 1e30});
        assertEquals(PixelType.FLOAT32, f.pixelType());
        assertArrayEquals(new double[] {-Float.MAX_VALUE}, f.nodata());
    }

    @Test
    void float32OfTheWholeRangeWidensToFloat64() throws Exception {
        TileFormat f = choose(PixelType.FLOAT32, nulls(1), new double[] {-Float.MAX_VALUE, 0, Float.MAX_VALUE});
        assertEquals(PixelType.FLOAT64, f.pixelType());
        assertArrayEquals(new double[] {-Double.MAX_VALUE}, f.nodata());
    }

    private static List<Double> nulls(int n) {
        return new ArrayList<>(Collections.nCopies(n, (Double) null));
    }

    @Test
    void theTalliedValuesAreThoseThatOccur() throws Exception {
        double[] data = values(0, 9);
        Arrays.fill(data, 3, 6, 4);
        RasterInfo info = new RasterInfo(data.length, 1, 1, PixelType.UINT16, GeoTransform.northUp(0, 1, 1, 1),
                null, null, null, nulls(1), data.length, 1);
        BandStats s = BandStatistics.compute(new ArrayRasterReader(info, new double[][] {data})).get(0);
        assertEquals("{0, 1, 2, 4, 6, 7, 8, 9}", s.usedValues().toString());
    }
}
