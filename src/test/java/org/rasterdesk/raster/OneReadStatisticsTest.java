package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Float32 and Int32 statistics gathered in the one read the tiles make (counts per hundredth) are those of the two
 * reads (min and max first, then histogram and deviations): the same histogram to the sample, on values that sit on
 * and next to the histogram's edges, where the computed edges are off their exact values, on negative, tiny and
 * constant data; and a range too wide for the counts reads again and still agrees.
 */
class OneReadStatisticsTest {

    private static final float NODATA = -9999;
    private static final int W = 256;
    private static final int H = 200;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"0, 7", "-55, 55", "-3, -1", "-1, 1", "0, 1", "12, 1111", "-4000, 5000"})
    void edgeValuesGiveTheTwoReadStatisticsInOneRead(int first, int last) throws Exception {
        float[] values = edgeValues(first, last, new Random(first * 31L + last));
        Path file = float32(values, NODATA);
        BandStats oneRead = assertAsTwoReads(file, false);
        assertBruteForce(values, oneRead);
        assertMatchesGdal(file, oneRead);
    }

    @Test
    void valuesOnTheEdgesLandWhereTheTwoReadsPutThem() throws Exception {
        // Over [0, 7] the edge 50 computes to 0 + 50 * 0.07 = 3.5000000000000004: 3.5 itself is in bin 49 (numpy's
        // histogram agrees), the Float32 just above 3.5 and 3.51 in bin 50.
        float[] values = new float[W * H];
        Arrays.fill(values, 3.5f);
        values[0] = 0;
        values[1] = 7;
        values[2] = Math.nextUp(3.5f);
        values[3] = 3.51f;
        values[4] = Float.NaN;
        values[5] = NODATA;
        BandStats s = assertAsTwoReads(float32(values, NODATA), false);
        assertEquals(3.5000000000000004, s.histBins()[50]);
        assertEquals(W * H - 6, s.histValues()[49]);
        assertEquals(2, s.histValues()[50]);
        assertEquals(W * H - 2, s.validCount(), "NaN and nodata left out");
    }

    @ParameterizedTest
    @CsvSource({"5", "-7", "3.25", "0"})
    void aConstantRasterGetsTheWidenedRange(float value) throws Exception {
        float[] values = new float[W * H];
        Arrays.fill(values, value);
        values[7] = NODATA;
        values[8] = Float.NaN;
        BandStats s = assertAsTwoReads(float32(values, NODATA), false);
        assertEquals(W * H - 2, Arrays.stream(s.histValues()).sum());
        assertEquals(0.0, s.std());
        assertBruteForce(values, s);
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void zerosAmongHeightsGiveTheTwoReadStatistics(boolean negativeZeros) throws Exception {
        // Half sea at 0 (of either sign), heights up to 300, and near-zero heights in some blocks, whose sums can
        // round and are taken the careful way.
        Random random = new Random(negativeZeros ? 11 : 12);
        float[] values = new float[W * H];
        for (int i = 0; i < values.length; i++) {
            int x = i % W;
            if (x < W / 2) {
                values[i] = negativeZeros && random.nextInt(3) == 0 ? -0f : 0f;
            } else if (x < W / 2 + 3 && i / W < H / 2) {
                values[i] = random.nextFloat() * 1e-4f;
            } else {
                values[i] = random.nextFloat() * 300;
            }
        }
        values[5] = NODATA;
        values[6] = Float.NaN;
        Path file = float32(values, NODATA);
        BandStats s = assertAsTwoReads(file, false);
        assertBruteForce(values, s);
        assertMatchesGdal(file, s);
        assertEquals(negativeZeros ? -0.0 : 0.0, s.min());
    }

    @Test
    void aNodataOfZeroLeavesZerosOfEitherSignOut() throws Exception {
        Random random = new Random(13);
        float[] values = new float[W * H];
        long valid = 0;
        for (int i = 0; i < values.length; i++) {
            int kind = random.nextInt(4);
            values[i] = kind == 0 ? 0f : kind == 1 ? -0f : random.nextFloat() * 50 - 10;
            valid += kind >= 2 && values[i] != 0 ? 1 : 0;
        }
        BandStats s = assertAsTwoReads(float32(values, 0f), false);
        assertEquals(valid, s.validCount());
        assertTrue(s.min() < 0 && s.max() > 0);
    }

    @Test
    void aRangeWiderThanTheCountsIsReadAgainWithTheSameResults() throws Exception {
        // 0 to 20000 spans 2,000,000 hundredths, more than one set of counts holds.
        Random random = new Random(5);
        float[] values = new float[W * H];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 20000;
        }
        values[10] = 0;
        values[11] = 20000;
        values[12] = NODATA;
        BandStats s = assertAsTwoReads(float32(values, NODATA), true);
        assertBruteForce(values, s);
    }

    @Test
    void int32ValuesAreCountedInOneRead() throws Exception {
        Random random = new Random(9);
        int[] values = new int[W * H];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(2001) - 1000;
        }
        values[3] = -1001;
        values[4] = 1000;
        values[5] = -1000;
        Path raw = tmp.resolve("int32.bin");
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buf.putInt(v);
        }
        Files.write(raw, buf.array());
        Path file = fromEnvi(raw, 3, "-1001");
        BandStats s = assertAsTwoReads(file, false);
        assertEquals(-1000, s.min());
        assertEquals(1000, s.max());
        assertEquals(W * H - 1, s.validCount());
    }

    @Test
    void aFloat32BandWithoutNodataIsReadOnceBeforeTheTiles() throws Exception {
        float[] values = edgeValues(-55, 55, new Random(3));
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] == NODATA ? 1.25f : values[i];
        }
        Path file = float32(values, null);
        List<BandStats> expected;
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            expected = BandStatistics.compute(reader);
        }
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            BlockStatistics gathered = BlockStatistics.of(reader, reader.info().nodata()).orElseThrow();
            assertTrue(gathered.needsFirstRead(true));
            gathered.firstRead(2, () -> false);
            assertEquals(expected.get(0).min(), gathered.min(0));
            assertEquals(expected.get(0).max(), gathered.max(0));
            List<BandStats> stats = gathered.finish(2, () -> false);
            assertFalse(gathered.spreadReadAgain(), "no second read");
            assertSame(expected.get(0), stats.get(0));
        }
    }

    @Test
    void aStraddledZeroEdgeIsDetected() {
        // Over [-55, 55] the edge 50 (exactly 0) computes to 7.1e-15: Float32 values between 0 and it fall in bin 49,
        // the rest of the hundredth above 0 in bin 50, so that hundredth cannot be added as one.
        Histogram h = new Histogram(-55, 55);
        assertTrue(h.edges()[50] > 0);
        assertFalse(h.addRange(Hundredths.floatAbove(0), Hundredths.floatBelow(1), 1));
        assertTrue(h.addRange(Hundredths.TINY, Hundredths.floatBelow(1), 1));
        assertTrue(h.addRange(Hundredths.floatAbove(150), Hundredths.floatBelow(151), 2));
        long[] counts = h.counts();
        assertEquals(1, counts[50]);
        assertEquals(2, counts[51]);
        assertEquals(3, Arrays.stream(counts).sum(), "nothing added by the refused range");
    }

    @Test
    void float32NeighboursOfHundredthsAreFound() {
        for (long k = -100_000; k <= 100_000; k += 7) {
            double above = Hundredths.floatAbove(k);
            double below = Hundredths.floatBelow(k);
            assertEquals((float) above, above, 0);
            assertTrue(100.0 * above > k && 100.0 * Math.nextDown((float) above) <= k, "above " + k);
            assertTrue(100.0 * below < k && 100.0 * Math.nextUp((float) below) >= k, "below " + k);
        }
    }

    /**
     * Gathers the statistics as a parse does (windows read on two threads, the rest at the end) and checks them
     * against the two reads of {@link BandStatistics}; returns the gathered ones.
     */
    private static BandStats assertAsTwoReads(Path file, boolean readAgain) throws Exception {
        List<BandStats> expected;
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            expected = BandStatistics.compute(reader);
        }
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            BlockStatistics gathered = BlockStatistics.of(reader, reader.info().nodata()).orElseThrow();
            assertFalse(gathered.needsFirstRead(false), "no read before the tiles");
            gathered.listen();
            List<Thread> threads = new ArrayList<>();
            Throwable[] failed = new Throwable[1];
            for (int t = 0; t < 2; t++) {
                int x0 = t * 90;
                Thread thread = new Thread(() -> {
                    try {
                        reader.read(x0, 10, 100, 120);
                    } catch (IOException | RuntimeException e) {
                        failed[0] = e;
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
            assertEquals(null, failed[0]);
            List<BandStats> stats = gathered.finish(2, () -> false);
            assertEquals(readAgain, gathered.spreadReadAgain(), "read again for the histogram");
            assertSame(expected.get(0), stats.get(0));
            return stats.get(0);
        }
    }

    private static void assertSame(BandStats e, BandStats a) {
        assertEquals(e.validCount(), a.validCount());
        assertEquals(e.min(), a.min());
        assertEquals(e.max(), a.max());
        assertArrayEquals(e.histBins(), a.histBins());
        assertArrayEquals(e.histValues(), a.histValues());
        assertEquals(e.mean(), a.mean(), Math.abs(e.mean()) * 1e-12 + 1e-12);
        assertEquals(e.std(), a.std(), Math.abs(e.std()) * 1e-9 + 1e-12);
    }

    /** The histogram by its definition (numpy's): the last edge at or below the value, the last bin closed. */
    private static void assertBruteForce(float[] values, BandStats s) {
        double[] edges = s.histBins();
        long[] counts = new long[100];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long n = 0;
        for (float f : values) {
            if (Float.isNaN(f) || f == NODATA) {
                continue;
            }
            // + 0.0 makes -0.0 equal to the edge 0, as a comparison does (binarySearch orders -0.0 below 0.0).
            int i = Arrays.binarySearch(edges, f + 0.0);
            counts[i >= 0 ? Math.min(i, 99) : -i - 2]++;
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
            n++;
        }
        assertEquals(n, s.validCount());
        // + 0.0 again: a minimum of -0.0 gives the first edge -0.0 + 0 × step = 0.0.
        assertEquals((Math.floor(lo) == Math.ceil(hi) ? Math.floor(lo) - 0.5 : Math.floor(lo)) + 0.0, edges[0]);
        assertArrayEquals(counts, s.histValues());
    }

    /** Min, max, mean and deviation against gdalinfo -stats (14 significant digits). */
    @SuppressWarnings("unchecked")
    private static void assertMatchesGdal(Path file, BandStats s) {
        Map<String, Object> gdal = Gdal.info(file, "-stats");
        Map<String, Object> md = (Map<String, Object>) Json.path(gdal, "bands", 0, "metadata", "");
        assertEquals(Double.parseDouble((String) md.get("STATISTICS_MINIMUM")), s.min(), Math.abs(s.min()) * 1e-13);
        assertEquals(Double.parseDouble((String) md.get("STATISTICS_MAXIMUM")), s.max(), Math.abs(s.max()) * 1e-13);
        assertEquals(Double.parseDouble((String) md.get("STATISTICS_MEAN")), s.mean(), Math.abs(s.mean()) * 1e-10);
        assertEquals(Double.parseDouble((String) md.get("STATISTICS_STDDEV")), s.std(), s.std() * 1e-8 + 1e-12);
    }

    /**
     * Samples over [first, last] that test the edges: both ends, integers and halves, every hundredth a Float32
     * holds exactly, the Float32 values nearest each computed edge and next to them, values next to 0 down to the
     * smallest subnormal, random ones; and some NaN and nodata.
     */
    private static float[] edgeValues(int first, int last, Random random) {
        List<Float> special = new ArrayList<>();
        special.add((float) first);
        special.add((float) last);
        Histogram h = new Histogram(first, last);
        for (double e : h.edges()) {
            float f = (float) e;
            special.addAll(List.of(f, Math.nextUp(f), Math.nextDown(f)));
        }
        for (double v = first; v <= last && special.size() < 20_000; v += 0.25) {
            special.add((float) v);
        }
        if (first <= 0 && last >= 0) {
            for (float f : new float[] {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-20f, -1e-20f, 1e-7f, -1e-7f,
                    (float) Hundredths.TINY, (float) -Hundredths.TINY, Math.nextDown((float) Hundredths.TINY),
                    0.005f, -0.005f, 0.01f, -0.01f}) {
                if (f >= first && f <= last) {
                    special.add(f);
                }
            }
        }
        float[] values = new float[W * H];
        for (int i = 0; i < values.length; i++) {
            if (i < special.size()) {
                values[i] = special.get(i);
            } else if (i % 97 == 0) {
                values[i] = i % 2 == 0 ? Float.NaN : NODATA;
            } else {
                values[i] = (float) (first + random.nextDouble() * (last - first));
            }
        }
        // Spread the special values over the blocks (and so over threads).
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }

    private Path float32(float[] values, Float nodata) throws IOException {
        Path raw = Files.createTempFile(tmp, "samples", ".bin");
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        Files.write(raw, buf.array());
        return fromEnvi(raw, 4, nodata == null ? null : Float.toString(nodata));
    }

    /** A tiled, DEFLATE-compressed GeoTIFF made by GDAL from raw little-endian samples of ENVI data type {@code type}. */
    private Path fromEnvi(Path raw, int type, String nodata) throws IOException {
        Path header = Path.of(raw.toString().replaceAll("\\.bin$", ".hdr"));
        Files.writeString(header, "ENVI\nsamples = " + W + "\nlines = " + H + "\nbands = 1\nheader offset = 0\n"
                + "file type = ENVI Standard\ndata type = " + type + "\ninterleave = bsq\nbyte order = 0\n");
        Path tif = Path.of(raw.toString().replaceAll("\\.bin$", ".tif"));
        List<String> options = new ArrayList<>(List.of("-of", "GTiff", "-a_srs", "EPSG:32629", "-a_ullr", "500000",
                "4300000", "" + (500000 + W * 10), "" + (4300000 - H * 10), "-co", "COMPRESS=DEFLATE", "-co",
                "PREDICTOR=" + (type == 4 ? 3 : 2), "-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co",
                "BLOCKYSIZE=32"));
        if (nodata != null) {
            options.addAll(List.of("-a_nodata", nodata));
        }
        return Gdal.translate(raw, tif, options.toArray(new String[0]));
    }
}
