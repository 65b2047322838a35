package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.raster.RasterInfo;

/**
 * The adaptive approximation of the tile pixel → source pixel mapping, measured against the exact transform of
 * every pixel centre, where a fixed grid is known to fail (low zooms, near the pole).
 */
@Tag("slow")
class TileMappingAccuracyTest {

    private static final int N = TileData.SIZE;

    @TempDir
    static Path work;

    private static RasterInfo utm;
    private static RasterInfo geographic;
    private static RasterInfo polar;

    @BeforeAll
    static void load() throws Exception {
        utm = GdalRaster.load(GdalRaster.data("real/RGB.byte.tif"), work).info();
        geographic = GdalRaster.load(GdalRaster.data("real/openlandmap_cropland_10km_2016.tif"), work).info();
        polar = GdalRaster.load(PolarRaster.make(work), work).info();
    }

    @Test
    void utmAtZoom17StaysWithinTolerance() throws Exception {
        Result r = measure("UTM 18N z17", utm, 17, 4, Warper.DEFAULT_TOLERANCE);
        assertTrue(r.maxError < 0.01, r.toString());
    }

    @Test
    void utmAtZoom9StaysWithinTolerance() throws Exception {
        Result r = measure("UTM 18N z9", utm, 9, 0, Warper.DEFAULT_TOLERANCE);
        assertTrue(r.maxError < 0.01, r.toString());
    }

    @Test
    void nearGlobalGeographicAtZoom4StaysWithinTolerance() throws Exception {
        Result r = measure("EPSG:4326 87N-62S z4", geographic, 4, 0, Warper.DEFAULT_TOLERANCE);
        assertTrue(r.maxError < 0.01, r.toString());
    }

    @Test
    void polarStereographicAtZoom2StaysWithinTolerance() throws Exception {
        Result r = measure("EPSG:3413 pole z2", polar, 2, 0, Warper.DEFAULT_TOLERANCE);
        assertTrue(r.maxError < 0.01, r.toString());
    }

    @Test
    void fixedGridIsFarOffNearThePole() throws Exception {
        // An infinite tolerance accepts every first-grid cell: the fixed 16-pixel grid of a plain approximation.
        Result r = measure("EPSG:3413 pole z2, fixed 16 px grid", polar, 2, 0, Double.POSITIVE_INFINITY);
        assertTrue(r.maxError > 0.5, r.toString());
    }

    /** Measures over the tiles covering the raster (or `limit` tiles around its centre when not 0). */
    private static Result measure(String name, RasterInfo info, int z, int limit, double tolerance) throws Exception {
        SourceProjection projection = new SourceProjection(info, null);
        TileRange range = WebMercator.tilesCovering(z, SourceFootprint.of(projection));
        if (limit > 0) {
            int cx = (range.minX() + range.maxX()) / 2;
            int cy = (range.minY() + range.maxY()) / 2;
            range = new TileRange(z, cx, cy, cx + limit - 1, cy);
        }
        PointTransform exact = new PointTransform(projection.mercatorToPixel());
        PointTransform approximate = new PointTransform(projection.mercatorToPixel());
        double[] ex = new double[N * N];
        double[] ey = new double[N * N];
        double[] ax = new double[N * N];
        double[] ay = new double[N * N];
        Result r = new Result(name);
        List<TileKey> keys = range.keys();
        for (TileKey key : keys) {
            TileMapping.exact(key, exact, ex, ey);
            TileMapping.build(key, approximate, Warper.DEFAULT_GRID_STEP, tolerance).fill(ax, ay);
            for (int p = 0; p < N * N; p++) {
                boolean exactFinite = Double.isFinite(ex[p]) && Double.isFinite(ey[p]);
                boolean approxFinite = Double.isFinite(ax[p]) && Double.isFinite(ay[p]);
                if (exactFinite != approxFinite) {
                    r.nanMismatches++;
                } else if (exactFinite) {
                    r.maxError = Math.max(r.maxError, Math.hypot(ax[p] - ex[p], ay[p] - ey[p]));
                }
            }
        }
        r.tiles = keys.size();
        r.exactPerTile = (double) approximate.exactPoints() / keys.size();
        System.out.println(r);
        assertEquals(0, r.nanMismatches, "pixels transformable exactly but not approximately, or the reverse");
        return r;
    }

    private static final class Result {
        final String name;
        double maxError;
        long nanMismatches;
        int tiles;
        double exactPerTile;

        Result(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-38s %4d tiles: max error %.2e px, exact transforms per tile %.0f "
                    + "(of 65536)", name, tiles, maxError, exactPerTile);
        }
    }
}
