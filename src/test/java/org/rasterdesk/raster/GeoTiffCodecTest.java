package org.rasterdesk.raster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compressions of real COGs — ZSTD, LZMA, WebP, LERC (alone, with DEFLATE, with ZSTD, lossless and lossy) —
 * with every predictor they take and every sample type, made with {@code gdal_translate -co COMPRESS=...} and read
 * pixel for pixel as GDAL reads them. JPEG (YCbCr too) is in {@link GeoTiffReaderMatrixTest}; 12-bit JPEG cannot be
 * written by this machine's GDAL (its libjpeg is 8-bit only), so it is not claimed.
 */
@Tag("slow")
class GeoTiffCodecTest {

    private static final String RGB = "real/RGB.byte.tif";
    private static final String GPM = "real/gpm_1d.20240617.tif";
    private static final String DSM = "real/opengeos_dsm.tif";
    private static final String DOM = "real/dom1_32_356_5699_1_nw_2020.tif";

    @TempDir
    Path tmp;

    static Stream<Arguments> codecs() {
        List<Arguments> out = new ArrayList<>();
        // Lossless general-purpose codecs with every predictor on the types it applies to.
        for (String codec : List.of("ZSTD", "LZMA")) {
            out.add(Arguments.of(codec + " byte 3 bands predictor 2 tiled", RGB, List.of("-co", "COMPRESS=" + codec,
                    "-co", "PREDICTOR=2", "-co", "TILED=YES")));
            out.add(Arguments.of(codec + " uint16", GPM, List.of("-co", "COMPRESS=" + codec)));
            out.add(Arguments.of(codec + " int32 predictor 2 tiled", GPM, List.of("-ot", "Int32",
                    "-co", "COMPRESS=" + codec, "-co", "PREDICTOR=2", "-co", "TILED=YES")));
            out.add(Arguments.of(codec + " float32 predictor 3 with nodata", DSM, List.of("-co", "COMPRESS=" + codec,
                    "-co", "PREDICTOR=3")));
            out.add(Arguments.of(codec + " float64 predictor 3 big-endian", DOM, List.of("-ot", "Float64",
                    "-co", "COMPRESS=" + codec, "-co", "PREDICTOR=3", "-co", "ENDIANNESS=BIG")));
        }
        out.add(Arguments.of("ZSTD BigTIFF COG with predictor", DOM, List.of("-of", "COG", "-co", "COMPRESS=ZSTD",
                "-co", "PREDICTOR=YES", "-co", "BIGTIFF=YES")));
        out.add(Arguments.of("ZSTD level 22 float32 3 bands predictor 2", RGB, List.of("-ot", "Float32",
                "-co", "COMPRESS=ZSTD", "-co", "ZSTD_LEVEL=22", "-co", "PREDICTOR=2")));
        // WebP: 8-bit RGB(A) only; lossy WebP is in lossyWebpIsCloseToGdal.
        out.add(Arguments.of("WebP lossless RGB", RGB, List.of("-co", "COMPRESS=WEBP", "-co", "WEBP_LOSSLESS=YES")));
        out.add(Arguments.of("WebP lossless RGBA tiled", RGB, List.of("-b", "1", "-b", "2", "-b", "3", "-b", "mask",
                "-co", "COMPRESS=WEBP", "-co", "WEBP_LOSSLESS=YES", "-co", "TILED=YES")));
        // LERC, alone and wrapped, lossless and with an error bound, every type.
        out.add(Arguments.of("LERC byte 3 bands", RGB, List.of("-co", "COMPRESS=LERC")));
        out.add(Arguments.of("LERC byte max error 2", RGB, List.of("-co", "COMPRESS=LERC", "-co", "MAX_Z_ERROR=2")));
        out.add(Arguments.of("LERC_DEFLATE byte single band tiled", RGB, List.of("-b", "2",
                "-co", "COMPRESS=LERC_DEFLATE", "-co", "TILED=YES")));
        out.add(Arguments.of("LERC uint16", GPM, List.of("-co", "COMPRESS=LERC")));
        out.add(Arguments.of("LERC_ZSTD int16 with nodata", GPM, List.of("-ot", "Int16", "-a_nodata", "0",
                "-co", "COMPRESS=LERC_ZSTD")));
        out.add(Arguments.of("LERC int32 band-interleaved", GPM, List.of("-ot", "Int32", "-scale", "0", "1000",
                "-100000", "3000000", "-co", "COMPRESS=LERC", "-co", "INTERLEAVE=BAND")));
        out.add(Arguments.of("LERC_ZSTD uint32", GPM, List.of("-ot", "UInt32", "-scale", "0", "1000", "0",
                "4000000000", "-co", "COMPRESS=LERC_ZSTD")));
        out.add(Arguments.of("LERC_ZSTD float32 with -9999 nodata", DSM, List.of("-co", "COMPRESS=LERC_ZSTD")));
        out.add(Arguments.of("LERC float32 NaN nodata", DSM, List.of("-a_nodata", "nan", "-co", "COMPRESS=LERC")));
        out.add(Arguments.of("LERC_DEFLATE float32 max error 0.01 tiled", DOM, List.of("-co", "COMPRESS=LERC_DEFLATE",
                "-co", "MAX_Z_ERROR=0.01", "-co", "TILED=YES")));
        out.add(Arguments.of("LERC float64", DOM, List.of("-ot", "Float64", "-co", "COMPRESS=LERC")));
        out.add(Arguments.of("LERC RGBA with alpha as mask", RGB, List.of("-b", "1", "-b", "2", "-b", "3", "-b", "mask",
                "-co", "COMPRESS=LERC", "-co", "ALPHA=YES")));
        out.add(Arguments.of("LERC_ZSTD COG", DOM, List.of("-of", "COG", "-co", "COMPRESS=LERC_ZSTD")));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void readsWhatGdalReads(String name, String source, List<String> options) throws IOException {
        Path file = Gdal.translate(Gdal.data(source), tmp.resolve("c.tif"), options.toArray(String[]::new));
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            GdalComparison.assertSameInfo(file, reader.info());
            GdalComparison.assertSamePixels(file, reader, 0, tmp);
        }
    }

    /**
     * Lossy WebP is decoded by TwelveMonkeys' VP8 decoder, which does not match libwebp's output sample for sample
     * (libwebp upsamples chroma with its "fancy" filter and converts colours with its own fixed-point formulas).
     * Measured here on RGB.byte.tif at quality 80: about half the samples differ, by 1.5 on average. The test keeps
     * that from getting worse and prints the figures.
     */
    @org.junit.jupiter.api.Test
    void lossyWebpIsCloseToGdal() throws IOException {
        Path file = Gdal.translate(Gdal.data(RGB), tmp.resolve("w.tif"), "-co", "COMPRESS=WEBP", "-co",
                "WEBP_LEVEL=80");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            RasterInfo info = reader.info();
            GdalComparison.assertSameInfo(file, info);
            double[][] gdal = Gdal.window(file, 0, 0, info.width(), info.height(), info.bandCount(), tmp);
            double[][] ours = reader.read(0, 0, info.width(), info.height());
            long samples = 0;
            long same = 0;
            double error = 0;
            for (int b = 0; b < gdal.length; b++) {
                for (int i = 0; i < gdal[b].length; i++) {
                    samples++;
                    double d = Math.abs(gdal[b][i] - ours[b][i]);
                    same += d == 0 ? 1 : 0;
                    error += d;
                }
            }
            double mean = error / samples;
            System.out.printf(java.util.Locale.ROOT, "lossy WebP vs GDAL: %.1f %% of samples equal, mean absolute "
                    + "difference %.2f%n", 100.0 * same / samples, mean);
            org.junit.jupiter.api.Assertions.assertTrue(mean < 2, "mean difference " + mean);
        }
    }
}
