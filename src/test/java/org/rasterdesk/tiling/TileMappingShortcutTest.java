package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.raster.RasterInfo;

/**
 * The tile mapping's shortcut (first-grid cells accepted from the nodes' second differences, without their
 * checkpoints) gives bit for bit the mapping of checking every cell, on real rasters at zooms where it is taken
 * and where the mapping bends too much for it.
 */
@Tag("slow")
class TileMappingShortcutTest {

    private static final int N = TileData.SIZE;

    @TempDir
    Path work;

    @Test
    void utmTilesAreTheCheckedOnesAndCostFewerTransforms() throws Exception {
        RasterInfo utm = GdalRaster.load(GdalRaster.data("real/RGB.byte.tif"), work).info();
        long[] points = compare(utm, 17, 8);
        assertTrue(points[0] < points[1] / 2, "the shortcut saves transforms at zoom 17: " + points[0] + " of "
                + points[1]);
        compare(utm, 12, 0);
        compare(utm, 9, 0);
        RasterInfo dsm = GdalRaster.load(GdalRaster.data("real/dom1_32_356_5699_1_nw_2020.tif"), work).info();
        compare(dsm, 19, 8);
        compare(dsm, 15, 0);
    }

    @Test
    void geographicAndPolarTilesAreTheCheckedOnes() throws Exception {
        RasterInfo geographic = GdalRaster.load(GdalRaster.data("real/openlandmap_cropland_10km_2016.tif"), work)
                .info();
        compare(geographic, 4, 8);
        compare(geographic, 7, 8);
        RasterInfo polar = GdalRaster.load(PolarRaster.make(work), work).info();
        compare(polar, 2, 0);
        compare(polar, 6, 8);
    }

    /** Compares both ways over the tiles covering the raster (or `limit` around its centre); {shortcut, checked} points. */
    private static long[] compare(RasterInfo info, int z, int limit) throws Exception {
        SourceProjection projection = new SourceProjection(info, null);
        TileRange range = WebMercator.tilesCovering(z, SourceFootprint.of(projection));
        if (limit > 0) {
            int cx = (range.minX() + range.maxX()) / 2;
            int cy = (range.minY() + range.maxY()) / 2;
            range = new TileRange(z, Math.max(range.minX(), cx - limit / 2), cy,
                    Math.min(range.maxX(), cx + limit / 2 - 1), cy);
        }
        PointTransform fast = new PointTransform(projection.mercatorToPixel());
        PointTransform checked = new PointTransform(projection.mercatorToPixel());
        double[] fx = new double[N * N];
        double[] fy = new double[N * N];
        double[] cx = new double[N * N];
        double[] cy = new double[N * N];
        List<TileKey> keys = range.keys();
        for (TileKey key : keys) {
            TileMapping a = TileMapping.build(key, fast, Warper.DEFAULT_GRID_STEP, Warper.DEFAULT_TOLERANCE);
            TileMapping b = TileMapping.buildChecked(key, checked, Warper.DEFAULT_GRID_STEP,
                    Warper.DEFAULT_TOLERANCE);
            assertEquals(b.leafCount(), a.leafCount(), key.toString());
            assertArrayEquals(new double[] {b.minX(), b.minY(), b.maxX(), b.maxY()},
                    new double[] {a.minX(), a.minY(), a.maxX(), a.maxY()}, key.toString());
            a.fill(fx, fy);
            b.fill(cx, cy);
            assertArrayEquals(cx, fx, key.toString());
            assertArrayEquals(cy, fy, key.toString());
        }
        return new long[] {fast.exactPoints(), checked.exactPoints()};
    }
}
