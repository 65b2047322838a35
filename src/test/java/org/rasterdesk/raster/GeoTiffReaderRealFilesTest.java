package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every real file of the test data, read by us and by GDAL: same metadata, same pixels. */
class GeoTiffReaderRealFilesTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"real/django_raster_test.tif", "real/RGB.byte.tif", "real/opengeos_dsm.tif",
            "real/gpm_1d.20240617.tif", "real/openlandmap_cropland_10km_2016.tif",
            "real/dom1_32_356_5699_1_nw_2020.tif", "real/LisbonElevation.tif", "bad/all-nodata.tif",
            "bad/float_nan.tif"})
    void readsWhatGdalReads(String name) throws IOException {
        Path file = Gdal.data(name);
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            GdalComparison.assertSameInfo(file, reader.info());
            GdalComparison.assertSamePixels(file, reader, 0, tmp);
        }
    }

    @Test
    void fileWithoutCrsHasNullCrsSridAndWkt() throws IOException {
        try (GeoTiffReader reader = GeoTiffReader.open(Gdal.data("bad/float_nan.tif"))) {
            RasterInfo info = reader.info();
            assertNull(info.crs());
            assertNull(info.srid());
            assertNull(info.srsWkt());
            assertTrue(Double.isNaN(info.nodata(0)));
        }
    }

    @Test
    void geographicCrsHasLongitudeFirstLikeTheGeotransform() throws IOException {
        try (GeoTiffReader reader = GeoTiffReader.open(Gdal.data("real/LisbonElevation.tif"))) {
            RasterInfo info = reader.info();
            assertEquals(4326, info.srid());
            assertEquals(org.opengis.referencing.cs.AxisDirection.EAST,
                    info.crs().getCoordinateSystem().getAxis(0).getDirection());
            assertTrue(info.srsWkt().startsWith("GEOGCS[\"WGS 84\""), info.srsWkt());
        }
    }

    @Test
    void damagedJpegCogFailsClearlyAndQuickly() throws IOException {
        Path file = Gdal.data("bad/corrupt.tif");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            // The first tile is intact: GDAL and we agree on it.
            double[][] expected = Gdal.window(file, 0, 0, 64, 64, 3, tmp);
            GdalComparison.assertSamples(file, new int[] {0, 0, 64, 64}, expected, reader.read(0, 0, 64, 64), 0);
            IOException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(IOException.class, () -> reader.read(0, 0, 1024, 1024)));
            assertTrue(e.getMessage().startsWith("corrupt.tif"), e.getMessage());
        }
    }
}
