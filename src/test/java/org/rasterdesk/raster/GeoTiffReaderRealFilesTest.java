package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    /** A window read into a reused buffer that holds other samples equals the same window read afresh. */
    @ParameterizedTest
    @ValueSource(strings = {"real/RGB.byte.tif", "real/LisbonElevation.tif", "bad/float_nan.tif"})
    void readsIntoAReusedBufferWhatItReadsAfresh(String name) throws IOException {
        try (GeoTiffReader reader = GeoTiffReader.open(Gdal.data(name))) {
            RasterInfo info = reader.info();
            int w = Math.min(info.width(), 300);
            int h = Math.min(info.height(), 200);
            int x = (info.width() - w) / 2;
            int y = (info.height() - h) / 2;
            double[][] buffer = new double[info.bandCount()][w * h + 77];
            for (double[] band : buffer) {
                java.util.Arrays.fill(band, -12345.5);
            }
            double[][] into = reader.read(x, y, w, h, buffer);
            assertTrue(into == buffer, "a buffer long enough is read into");
            double[][] fresh = reader.read(x, y, w, h);
            for (int b = 0; b < fresh.length; b++) {
                assertArrayEquals(fresh[b], java.util.Arrays.copyOf(into[b], w * h), "band " + b);
                assertEquals(-12345.5, into[b][w * h], "past the window the buffer is left alone");
            }
            double[][] tooShort = new double[info.bandCount()][w * h - 1];
            double[][] fresher = reader.read(x, y, w, h, tooShort);
            assertTrue(fresher != tooShort);
            assertArrayEquals(fresh[0], fresher[0]);
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
