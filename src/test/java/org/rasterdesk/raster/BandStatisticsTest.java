package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasterdesk.raster.pixel.PixelType;

/** Band statistics against gdalinfo -stats and against a brute-force pass over GDAL's own pixels. */
class BandStatisticsTest {

    @TempDir
    Path tmp;

    @Test
    void histogramFollowsNumpyOnBinEdges() {
        // Expected counts from numpy 2.4: np.histogram(v, bins=100, range=(-3, 7)).
        Histogram h = new Histogram(-3, 7);
        for (double v : new double[] {-3, 0.7, 0.7000000000000001, 0.7000000000000002, 1.1, 2.3, 6.999, 7, -2.9}) {
            h.add(v);
        }
        long[] expected = new long[100];
        expected[0] = 1;
        expected[1] = 1;
        expected[36] = 2;
        expected[37] = 1;
        expected[40] = 1;
        expected[52] = 1;
        expected[99] = 2;
        assertArrayEquals(expected, h.counts());
        assertEquals(101, h.edges().length);
        assertEquals(7.0, h.edges()[100]);
    }

    @Test
    void histogramOfAConstantIsWidenedLikeNumpy() {
        Histogram h = new Histogram(5, 5);
        h.add(5);
        h.add(5);
        assertEquals(2, h.counts()[50]);
        assertEquals(4.5, h.edges()[0]);
        assertEquals(5.5, h.edges()[100]);
    }

    @Test
    void signedIntegerBandsAreCountedInOneReadWithTheSameResults() throws IOException {
        // Int16 and Int8 take the one-read path (a count per value); check it against the definition.
        java.util.Random random = new java.util.Random(11);
        int w = 700;
        int h = 300;
        for (PixelType type : new PixelType[] {PixelType.INT16, PixelType.INT8}) {
            double[] band = new double[w * h];
            for (int i = 0; i < band.length; i++) {
                band[i] = type == PixelType.INT16 ? random.nextInt(2001) - 1000 : random.nextInt(256) - 128;
            }
            double nodata = type == PixelType.INT16 ? -1000 : -128;
            band[5] = type.min();
            band[6] = type.max();
            RasterInfo info = new RasterInfo(w, h, 1, type, GeoTransform.northUp(0, 0, 1, 1), null, null, null,
                    java.util.Arrays.asList(nodata), w, 1);
            ArrayRasterReader reader = new ArrayRasterReader(info, new double[][] {band});
            BandStats stats = BandStatistics.compute(reader, java.util.Arrays.asList(nodata)).get(0);
            assertBruteForce(type + " band", band, nodata, stats);
            assertEquals(w * h, reader.pixelsRead(), "the file is read once");
        }
    }

    @Tag("slow")
    @ParameterizedTest
    @ValueSource(strings = {"real/django_raster_test.tif", "real/RGB.byte.tif", "real/opengeos_dsm.tif",
            "real/gpm_1d.20240617.tif", "real/openlandmap_cropland_10km_2016.tif",
            "real/dom1_32_356_5699_1_nw_2020.tif", "real/LisbonElevation.tif", "bad/float_nan.tif"})
    void statisticsMatchGdal(String name) throws IOException {
        Path file = Files.copy(Gdal.data(name), tmp.resolve(Path.of(name).getFileName()));
        assertStatisticsMatchGdal(file);
    }

    @Test
    void statisticsOfAFloatPredictorFileWithNodata() throws IOException {
        Path file = Gdal.translate(Gdal.data("real/opengeos_dsm.tif"), tmp.resolve("p2.tif"),
                "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "TILED=YES", "-co", "BLOCKXSIZE=64",
                "-co", "BLOCKYSIZE=32");
        assertStatisticsMatchGdal(file);
    }

    @Tag("slow")
    @Test
    void wideTiledRasterIsStreamedInSeveralWindowsPerBlockRow() throws IOException {
        Path file = Gdal.translate(Gdal.data("real/opengeos_dsm.tif"), tmp.resolve("wide.tif"), "-outsize", "20000",
                "300", "-r", "bilinear", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            assertTrue(BandStatistics.windowSize(reader.info())[0] < 20000);
        }
        assertStatisticsMatchGdal(file);
    }

    @Test
    void allNodataBandsHaveNoStatisticsAndDoNotFail() throws IOException {
        try (GeoTiffReader reader = GeoTiffReader.open(Gdal.data("bad/all-nodata.tif"))) {
            List<BandStats> stats = BandStatistics.compute(reader);
            assertEquals(4, stats.size());
            for (BandStats s : stats) {
                assertEquals(0, s.validCount());
                assertTrue(!s.hasData() && Double.isNaN(s.min()) && Double.isNaN(s.std()));
                assertEquals(0, s.histValues().length);
                assertEquals(0.0, s.nodata());
            }
        }
    }

    @Test
    void nodataOverrideExcludesTheGivenValue() throws IOException {
        try (GeoTiffReader reader = GeoTiffReader.open(Gdal.data("real/django_raster_test.tif"))) {
            BandStats s = BandStatistics.compute(reader, java.util.Collections.singletonList(0.0)).get(0);
            double[] pixels = reader.read(0, 0, 163, 174)[0];
            long expected = Arrays.stream(pixels).filter(v -> v != 0).count();
            assertEquals(expected, s.validCount());
            assertEquals(1, s.min());
        }
    }

    @SuppressWarnings("unchecked")
    private void assertStatisticsMatchGdal(Path file) throws IOException {
        Map<String, Object> before = Gdal.info(file);
        Map<String, Object> gdal = Gdal.info(file, "-stats");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            RasterInfo info = reader.info();
            List<BandStats> stats = BandStatistics.compute(reader);
            double[][] pixels = Gdal.window(file, 0, 0, info.width(), info.height(), info.bandCount(), tmp);
            for (int b = 0; b < info.bandCount(); b++) {
                BandStats ours = stats.get(b);
                String what = file.getFileName() + " band " + b;
                assertBruteForce(what, pixels[b], info.nodata(b), ours);
                // gdalinfo -stats repeats statistics stored in the file instead of computing them: skip those.
                boolean stored = Json.path(before, "bands", b, "metadata", "", "STATISTICS_MEAN") != null;
                // gdalinfo -json rounds "mean" etc. to 3 decimals; the metadata items have 14 significant digits.
                Map<String, Object> md = (Map<String, Object>) Json.path(gdal, "bands", b, "metadata", "");
                if (!stored && md != null && md.get("STATISTICS_MEAN") != null) {
                    assertEquals(number(md, "STATISTICS_MINIMUM"), ours.min(), Math.abs(ours.min()) * 1e-13, what + " min");
                    assertEquals(number(md, "STATISTICS_MAXIMUM"), ours.max(), Math.abs(ours.max()) * 1e-13, what + " max");
                    assertEquals(number(md, "STATISTICS_MEAN"), ours.mean(), Math.abs(ours.mean()) * 1e-10,
                            what + " mean");
                    assertEquals(number(md, "STATISTICS_STDDEV"), ours.std(), ours.std() * 1e-8 + 1e-12,
                            what + " std");
                    double validPercent = number(md, "STATISTICS_VALID_PERCENT");
                    assertEquals(validPercent, 100.0 * ours.validCount() / pixels[b].length, 0.005, what + " valid %");
                }
            }
        }
    }

    private static double number(Map<String, Object> metadata, String key) {
        return Double.parseDouble((String) metadata.get(key));
    }

    /** The definition, computed the obvious way over all of GDAL's pixels at once. */
    private static void assertBruteForce(String what, double[] pixels, Double nodata, BandStats ours) {
        double[] valid = Arrays.stream(pixels).filter(v -> !Double.isNaN(v) && (nodata == null || v != nodata))
                .toArray();
        assertEquals(valid.length, ours.validCount(), what + " valid count");
        double min = Arrays.stream(valid).min().orElseThrow();
        double max = Arrays.stream(valid).max().orElseThrow();
        double mean = Arrays.stream(valid).sum() / valid.length;
        double var = Arrays.stream(valid).map(v -> (v - mean) * (v - mean)).sum() / valid.length;
        assertEquals(min, ours.min(), 0, what + " min");
        assertEquals(max, ours.max(), 0, what + " max");
        assertEquals(mean, ours.mean(), Math.abs(mean) * 1e-12 + 1e-12, what + " mean");
        assertEquals(Math.sqrt(var), ours.std(), Math.sqrt(var) * 1e-10 + 1e-12, what + " std");
        double[] edges = ours.histBins();
        assertEquals(Math.floor(min), edges[0], what + " first edge");
        assertEquals(Math.ceil(max) == Math.floor(min) ? Math.ceil(max) + 0.5 : Math.ceil(max), edges[100]);
        long[] counts = new long[100];
        for (double v : valid) {
            int i = Arrays.binarySearch(edges, v);
            int bin = i >= 0 ? Math.min(i, 99) : -i - 2;
            counts[bin]++;
        }
        assertArrayEquals(counts, ours.histValues(), what + " histogram");
    }
}
