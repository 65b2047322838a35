package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.RasterInfo;

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
}
