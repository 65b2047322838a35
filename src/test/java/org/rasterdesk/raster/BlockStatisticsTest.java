package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statistics gathered from the blocks that window reads decode (as during a parse) are those of the reads of
 * their own: the same counts, extremes and histograms, and mean and deviation within rounding.
 */
class BlockStatisticsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"real/django_raster_test.tif", "real/RGB.byte.tif", "real/opengeos_dsm.tif",
            "real/gpm_1d.20240617.tif", "real/LisbonElevation.tif", "bad/all-nodata.tif", "bad/float_nan.tif"})
    void gatheredWhileReadingWindowsEqualsTheirOwnRead(String name) throws Exception {
        Path file = Gdal.data(name);
        List<BandStats> expected;
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            expected = BandStatistics.compute(reader);
        }
        for (boolean first : new boolean[] {false, true}) {
            try (GeoTiffReader reader = GeoTiffReader.open(file)) {
                BlockStatistics gathered = BlockStatistics.of(reader, reader.info().nodata()).orElseThrow();
                if (gathered.needsFirstRead(first)) {
                    gathered.firstRead(2, () -> false);
                    for (int b = 0; b < reader.info().bandCount(); b++) {
                        assertEquals(expected.get(b).min(), gathered.min(b), name + " min before the tiles");
                        assertEquals(expected.get(b).max(), gathered.max(b), name + " max before the tiles");
                    }
                }
                gathered.listen();
                // Windows as tiles read them: overlapping, not aligned on the blocks, missing the last rows.
                RasterInfo info = reader.info();
                int step = Math.max(7, info.width() / 5);
                for (int y = 0; y + 3 < info.height() * 2 / 3; y += step - 3) {
                    for (int x = 0; x < info.width(); x += step - 3) {
                        reader.read(x, y, Math.min(step, info.width() - x), Math.min(step, info.height() - y));
                    }
                }
                assertSame(name, expected, gathered.finish(2, () -> false));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPRESS=DEFLATE PREDICTOR=3 TILED=YES BLOCKXSIZE=64 BLOCKYSIZE=32",
            "COMPRESS=LZW BLOCKYSIZE=7", "INTERLEAVE=BAND TILED=YES BLOCKXSIZE=32 BLOCKYSIZE=32"})
    void everyLayoutCountsEachSampleOnce(String options) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>();
        for (String o : options.split(" ")) {
            args.add("-co");
            args.add(o);
        }
        String source = options.contains("INTERLEAVE") ? "real/RGB.byte.tif" : "real/opengeos_dsm.tif";
        Path file = Gdal.translate(Gdal.data(source), tmp.resolve("layout.tif"), args.toArray(new String[0]));
        List<BandStats> expected;
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            expected = BandStatistics.compute(reader);
        }
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            BlockStatistics gathered = BlockStatistics.of(reader, reader.info().nodata()).orElseThrow();
            if (gathered.needsFirstRead(false)) {
                gathered.firstRead(3, () -> false);
            }
            gathered.listen();
            reader.read(0, 0, reader.info().width(), reader.info().height() / 2);
            reader.read(0, 0, reader.info().width(), reader.info().height() / 3);
            assertSame(options, expected, gathered.finish(1, () -> false));
        }
    }

    private static void assertSame(String what, List<BandStats> expected, List<BandStats> actual) {
        assertEquals(expected.size(), actual.size());
        for (int b = 0; b < expected.size(); b++) {
            BandStats e = expected.get(b);
            BandStats a = actual.get(b);
            String band = what + " band " + b;
            assertEquals(e.validCount(), a.validCount(), band);
            assertEquals(e.min(), a.min(), band);
            assertEquals(e.max(), a.max(), band);
            assertEquals(e.nodata(), a.nodata(), band);
            assertArrayEquals(e.histValues(), a.histValues(), band);
            assertArrayEquals(e.histBins(), a.histBins(), band);
            // The tiles' nodata value and a palette's legend are chosen from the values used.
            assertEquals(e.usedValues(), a.usedValues(), band + " used values");
            if (e.hasData()) {
                assertEquals(e.mean(), a.mean(), Math.abs(e.mean()) * 1e-12 + 1e-12, band);
                assertEquals(e.std(), a.std(), Math.abs(e.std()) * 1e-9 + 1e-12, band);
            } else {
                assertTrue(Double.isNaN(a.mean()), band);
            }
        }
    }
}
