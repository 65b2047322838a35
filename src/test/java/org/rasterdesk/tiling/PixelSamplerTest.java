package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasterdesk.raster.ArrayRasterReader;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * The one-pass kernels (coordinates interpolated as each leaf row is sampled) give bit for bit the tiles of the
 * general path (coordinates written out, then sampled), on real files with nodata, NaN, several bands and edges.
 */
class PixelSamplerTest {

    @ParameterizedTest
    @CsvSource({
        "real/django_raster_test.tif, NEAREST", "real/django_raster_test.tif, BILINEAR",
        "real/RGB.byte.tif, NEAREST", "real/RGB.byte.tif, BILINEAR",
        "real/opengeos_dsm.tif, NEAREST", "real/opengeos_dsm.tif, BILINEAR",
        "real/LisbonElevation.tif, BILINEAR", "real/gpm_1d.20240617.tif, BILINEAR",
        "bad/float_nan.tif, BILINEAR"})
    void oneRowAtATimeGivesTheTilesOfTheGeneralPath(String file, Resampling resampling) throws Exception {
        try (GeoTiffReader reader = GeoTiffReader.open(GdalRaster.data(file))) {
            RasterInfo info = reader.info();
            if (info.crs() == null) {
                info = new RasterInfo(info.width(), info.height(), info.bandCount(), info.pixelType(),
                        org.rasterdesk.raster.GeoTransform.northUp(500000, 4000000, 10, 10),
                        org.apache.sis.referencing.CRS.forCode("EPSG:32629"), 32629, null, info.nodata(),
                        info.blockWidth(), info.blockHeight());
            }
            SourceProjection projection = new SourceProjection(info, null);
            double[] nodata = TileNodata.forRaster(info);
            PixelSampler sampler = new PixelSampler(info, resampling, nodata);
            SourceWindow whole = new SourceWindow(0, 0, info.width(), info.height(),
                    reader.read(0, 0, info.width(), info.height()));
            PointTransform transform = new PointTransform(projection.mercatorToPixel());
            int top = new ZoomLevels().maxZoom(projection, null, true).zoom();
            int compared = 0;
            for (int z = top; z >= Math.max(0, top - 3); z -= 3) {
                TileRange range = WebMercator.tilesCovering(z, SourceFootprint.of(projection));
                for (TileKey key : range.keys()) {
                    TileMapping mapping = TileMapping.build(key, transform, Warper.DEFAULT_GRID_STEP,
                            Warper.DEFAULT_TOLERANCE);
                    SourceWindow part = whole.crop(7, 5, info.width() - 3, info.height() - 11);
                    // The warper's windows hold NaN for nodata: the same tiles as with the nodata value.
                    SourceWindow partNaN = whole.crop(7, 5, info.width() - 3, info.height() - 11,
                            sampler.nodataToNaN());
                    for (SourceWindow[] pair : new SourceWindow[][] {{whole, whole}, {part, part}, {part, partNaN}}) {
                        double[] sx = new double[TileData.SIZE * TileData.SIZE];
                        double[] sy = new double[TileData.SIZE * TileData.SIZE];
                        double[][] general = new double[info.bandCount()][TileData.SIZE * TileData.SIZE];
                        double[][] oneRow = new double[info.bandCount()][TileData.SIZE * TileData.SIZE];
                        mapping.fill(sx, sy);
                        sampler.sample(pair[0], sx, sy, general);
                        sampler.sample(pair[1], mapping, new double[sx.length], new double[sy.length], oneRow);
                        for (int b = 0; b < general.length; b++) {
                            if (!Arrays.equals(general[b], oneRow[b])) {
                                fail(file + " " + resampling + " " + key + " band " + b + " differs");
                            }
                        }
                        compared++;
                    }
                }
            }
            assertTrue(compared > 0);
        }
    }

    /**
     * The warper's tiles (its windows and their copies with NaN for nodata, the whole-tile kernels of inner tiles,
     * the leaf rows of tiles at the raster's edge) equal, bit for bit, the general kernels sampling every tile
     * from the whole raster: on rasters with scattered nodata and NaN pixels, a block of nodata, infinities, at the
     * max zoom (where inner tiles take the whole-tile kernels) and below.
     */
    @ParameterizedTest
    @CsvSource({
        "FLOAT32, -9999, BILINEAR", "FLOAT32, -9999, NEAREST", "FLOAT32, NaN, BILINEAR", "FLOAT32, , BILINEAR",
        "INT16, -32768, BILINEAR", "INT16, -32768, NEAREST", "BYTE, , NEAREST", "BYTE, 0, BILINEAR",
        "FLOAT32, -9999, CUBIC", "FLOAT32, -9999, AVERAGE"})
    void warpedTilesEqualTheGeneralKernelsOverTheWholeRaster(PixelType type, Double nodata, Resampling resampling)
            throws Exception {
        int w = 1300;
        int h = 1000;
        RasterInfo info = new RasterInfo(w, h, 1, type, GeoTransform.northUp(483_117.3, 4_290_412.9, 2.049, 2.049),
                org.apache.sis.referencing.CRS.forCode("EPSG:32629"), 32629, null, Arrays.asList(nodata), 64, 64);
        double[] band = new double[w * h];
        Random random = new Random(13);
        boolean floating = type.isFloatingPoint();
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = floating ? 40 + 0.37 * c - 0.21 * r + random.nextDouble() * 3 : (c * 3 + r * 5) % 250 + 1;
                band[r * w + c] = v;
            }
        }
        double nd = nodata == null ? Double.NaN : nodata;
        for (int k = 0; k < w * h / 40; k++) {
            // Scattered invalid pixels: the kernels around them fall back to the renormalised weights.
            int i = random.nextInt(w * h);
            band[i] = nodata != null && (!floating || k % 2 == 0) ? nd : floating ? Double.NaN : band[i];
        }
        for (int r = 300; r < 340; r++) {
            for (int c = 410; c < 470; c++) {
                band[r * w + c] = nodata != null ? nd : band[r * w + c];
            }
        }
        if (floating && nodata != null) {
            // Valid samples either side of the nodata value: bilinear lands on it (as a float) between them, where
            // the fitter moves it off by one step.
            for (int r = 600; r < 640; r++) {
                for (int c = 700; c < 760; c++) {
                    band[r * w + c] = c % 2 == 0 ? Math.nextDown((float) nd) : Math.nextUp((float) nd);
                }
            }
        }
        if (floating) {
            band[200 * w + 333] = Double.POSITIVE_INFINITY;
            band[201 * w + 333] = Double.NEGATIVE_INFINITY;
            band[100 * w + 100] = Double.NaN;
        }
        ArrayRasterReader reader = new ArrayRasterReader(info, new double[][] {band});
        SourceProjection projection = new SourceProjection(info, null);
        double[] tileNodata = TileNodata.forRaster(info);
        PixelSampler sampler = new PixelSampler(info, resampling, tileNodata);
        SourceWindow whole = new SourceWindow(0, 0, w, h, new double[][] {band.clone()});
        PointTransform transform = new PointTransform(projection.mercatorToPixel());
        int top = new ZoomLevels().maxZoom(projection, null, true).zoom();
        int inner = 0;
        int edge = 0;
        long floatTiles = 0;
        for (int z = top; z >= top - 2; z--) {
            TileRange range = WebMercator.tilesCovering(z, SourceFootprint.of(projection));
            Warper warper = new Warper(reader, projection, resampling, tileNodata);
            List<TileData> tiles = warper.warp(range);
            floatTiles += warper.floatTiles();
            assertTrue(tiles.size() == range.count());
            for (TileData tile : tiles) {
                TileMapping mapping = TileMapping.build(tile.key(), transform, Warper.DEFAULT_GRID_STEP,
                        Warper.DEFAULT_TOLERANCE);
                double[] sx = new double[TileData.SIZE * TileData.SIZE];
                double[] sy = new double[TileData.SIZE * TileData.SIZE];
                double[][] expected = new double[1][TileData.SIZE * TileData.SIZE];
                mapping.fill(sx, sy);
                sampler.sample(whole, sx, sy, expected);
                double[] want = TileData.packed(tile.key(), type, tileNodata, expected).bands()[0];
                double[] got = tile.bands()[0];
                for (int p = 0; p < want.length; p++) {
                    if (Double.doubleToLongBits(want[p]) != Double.doubleToLongBits(got[p])) {
                        fail(type + " " + nodata + " " + resampling + " " + tile.key() + " pixel " + p
                                + ": " + got[p] + " instead of " + want[p]);
                    }
                }
                boolean inside = !mapping.isEmpty() && mapping.allFinite() && mapping.minX() > 3
                        && mapping.minY() > 3 && mapping.maxX() < w - 3 && mapping.maxY() < h - 3;
                if (inside) {
                    inner++;
                } else {
                    edge++;
                }
            }
        }
        // Both ways were taken.
        assertTrue(inner > 5 && edge > 5, inner + " inner tiles, " + edge + " at the edge");
        // Inner one-band Float32 tiles were sampled straight into floats, the others through doubles.
        boolean straight = type == PixelType.FLOAT32
                && (resampling == Resampling.BILINEAR || resampling == Resampling.NEAREST);
        assertTrue(straight ? floatTiles > 5 : floatTiles == 0, floatTiles + " tiles straight into Float32");
    }
}
