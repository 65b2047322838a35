package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files cannot hurt the program: every crasher the fuzzer ever found is read or refused with a sentence,
 * and on every build a bounded seeded mutation run over small files of every supported format, in a JVM with a
 * small heap, finds no new one (no exception but a refusal, no OutOfMemoryError, no hang).
 */
class HostileFilesTest {

    /** Variants per seed file on each build: about a thousand in all, a minute on a 2-core machine. */
    private static final int VARIANTS_PER_SEED = 40;
    /** The seed of the random mutations: the run is the same on every build, so a failure can be repeated. */
    private static final long RANDOM_SEED = 20261201;
    private static final String HEAP = "-Xmx128m";

    @TempDir
    Path work;

    @Test
    void everyCrasherFoundSoFarIsReadOrRefused() throws Exception {
        Path corpus = corpus();
        List<String> outcomes = HostileFiles.readAll(corpus);
        assertTrue(outcomes.size() >= 2, outcomes.toString());
        for (String outcome : outcomes) {
            assertTrue(outcome.endsWith(" READ") || outcome.endsWith(" REFUSED"), outcome);
        }
    }

    /** A JPEG block whose own header says 60000 × 60000: refused before the decoder allocates 10 GB. */
    @Test
    void aJpegBlockOfAbsurdSizeIsRefusedBeforeDecoding() throws Exception {
        Path file = Gdal.translate(Gdal.data("real/RGB.byte.tif"), work.resolve("jpeg.tif"), "-outsize", "64", "64",
                "-co", "COMPRESS=JPEG", "-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=64");
        byte[] bytes = Files.readAllBytes(file);
        int sof = -1;
        for (int i = 0; i + 8 < bytes.length; i++) {
            if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xFF) == 0xC0) {
                sof = i;
                break;
            }
        }
        assertTrue(sof > 0, "a baseline JPEG frame header");
        ByteBuffer.wrap(bytes).putShort(sof + 5, (short) 60000).putShort(sof + 7, (short) 60000);
        Files.write(file, bytes);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> {
            try (RasterReader reader = RasterFiles.open(file)) {
                reader.read(0, 0, 64, 64);
            }
        });
        assertTrue(e.getMessage().contains("60000 × 60000"), e.getMessage());
    }

    @Test
    @Tag("slow")
    void mutatedFilesOfEveryFormatNeverCrashInASmallHeap() throws Exception {
        Path seeds = Files.createDirectories(work.resolve("seeds"));
        makeSeeds(seeds);
        Path crashers = Path.of("target", "fuzz-crashers").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), HEAP, "-cp", System.getProperty("java.class.path"), HostileFiles.class.getName(),
                seeds.toString(), Integer.toString(VARIANTS_PER_SEED), Long.toString(RANDOM_SEED),
                crashers.toString(), "30"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> report = new ArrayList<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("fuzz") || line.startsWith("CRASHED") || line.startsWith("HUNG")) {
                    System.out.println(line);
                    report.add(line);
                }
            }
        }
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the fuzz run ended");
        assertEquals(0, process.exitValue(), "crashers (saved in " + crashers + "): " + report);
    }

    /** Small files of every format RasterDesk reads, made by GDAL from the real test files. */
    static void makeSeeds(Path seeds) throws IOException {
        String rgb = "real/RGB.byte.tif";
        String dsm = "real/opengeos_dsm.tif";
        String gpm = "real/gpm_1d.20240617.tif";
        String django = "real/django_raster_test.tif";
        String small = "-outsize 64 48 ";
        String[][] tiffs = {
            {"rgb_lzw.tif", rgb, small + "-co COMPRESS=LZW"},
            {"rgb_pred2_tiled.tif", rgb, small + "-co COMPRESS=DEFLATE -co PREDICTOR=2 -co TILED=YES "
                    + "-co BLOCKXSIZE=32 -co BLOCKYSIZE=32"},
            {"rgb_jpeg_ycbcr.tif", rgb, small + "-co COMPRESS=JPEG -co PHOTOMETRIC=YCBCR"},
            {"rgb_packbits_band.tif", rgb, small + "-co COMPRESS=PACKBITS -co INTERLEAVE=BAND"},
            {"rgb_webp_lossless.tif", rgb, small + "-co COMPRESS=WEBP -co WEBP_LOSSLESS=YES"},
            {"rgb_lerc.tif", rgb, small + "-co COMPRESS=LERC"},
            {"rgb_mask.tif", rgb, small + "-a_nodata none -mask 1 -co TILED=YES -co BLOCKXSIZE=32 "
                    + "-co BLOCKYSIZE=32 --config GDAL_TIFF_INTERNAL_MASK YES"},
            {"dsm_pred3.tif", dsm, small + "-co COMPRESS=DEFLATE -co PREDICTOR=3"},
            {"dsm_zstd.tif", dsm, small + "-co COMPRESS=ZSTD -co PREDICTOR=3 -co TILED=YES -co BLOCKXSIZE=32 "
                    + "-co BLOCKYSIZE=32"},
            {"dsm_lzma.tif", dsm, small + "-co COMPRESS=LZMA"},
            {"dsm_lerc_zstd.tif", dsm, small + "-co COMPRESS=LERC_ZSTD -co MAX_Z_ERROR=0.01"},
            {"dsm_half.tif", dsm, small + "-co NBITS=16"},
            {"gpm_bigtiff.tif", gpm, small + "-co BIGTIFF=YES -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16"},
            {"gpm_13bit.tif", gpm, small + "-co NBITS=13 -co COMPRESS=LZW"},
            {"django.tif", django, small},
            {"django_4bit.tif", django, small + "-a_nodata 15 -co NBITS=4 -co COMPRESS=DEFLATE"},
        };
        for (String[] seed : tiffs) {
            Gdal.translate(Gdal.data(seed[1]), seeds.resolve(seed[0]), seed[2].split(" "));
        }
        OtherFormatSeeds.make(seeds);
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(HostileFilesTest.class.getResource("hostile").toURI());
    }
}
