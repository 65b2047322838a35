package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layouts GeoTIFFs come in, made with gdal_translate from the real files: every compression, predictor,
 * sample type, interleaving, BigTIFF and byte order we claim to read, each compared with GDAL pixel by pixel.
 */
@Tag("slow")
class GeoTiffReaderMatrixTest {

    private static final String RGB = "real/RGB.byte.tif";
    private static final String GPM = "real/gpm_1d.20240617.tif";
    private static final String DSM = "real/opengeos_dsm.tif";
    private static final String DOM = "real/dom1_32_356_5699_1_nw_2020.tif";

    @TempDir
    Path tmp;

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("byte LZW striped", RGB, List.of("-co", "COMPRESS=LZW")),
                Arguments.of("byte DEFLATE tiled 128x64", RGB, List.of("-co", "COMPRESS=DEFLATE", "-co", "TILED=YES",
                        "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=64")),
                Arguments.of("byte PackBits", RGB, List.of("-co", "COMPRESS=PACKBITS")),
                Arguments.of("byte band-interleaved tiled LZW", RGB, List.of("-co", "INTERLEAVE=BAND",
                        "-co", "TILED=YES", "-co", "COMPRESS=LZW")),
                Arguments.of("byte predictor 2 pixel-interleaved", RGB, List.of("-co", "COMPRESS=LZW",
                        "-co", "PREDICTOR=2")),
                Arguments.of("byte BigTIFF tiled", RGB, List.of("-co", "BIGTIFF=YES", "-co", "TILED=YES",
                        "-co", "COMPRESS=DEFLATE")),
                Arguments.of("byte JPEG YCbCr tiled", RGB, List.of("-co", "COMPRESS=JPEG", "-co", "PHOTOMETRIC=YCBCR",
                        "-co", "TILED=YES")),
                Arguments.of("byte JPEG RGB striped", RGB, List.of("-co", "COMPRESS=JPEG")),
                Arguments.of("byte JPEG grey tiled", RGB, List.of("-b", "2", "-co", "COMPRESS=JPEG", "-co", "TILED=YES")),
                Arguments.of("byte JPEG YCbCr striped", RGB, List.of("-co", "COMPRESS=JPEG", "-co", "PHOTOMETRIC=YCBCR",
                        "-co", "BLOCKYSIZE=48")),
                Arguments.of("int8 predictor 2", RGB, List.of("-co", "PIXELTYPE=SIGNEDBYTE",
                        "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2")),
                Arguments.of("uint16 predictor 2 tiled", GPM, List.of("-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2",
                        "-co", "TILED=YES")),
                Arguments.of("uint16 big-endian predictor 2", GPM, List.of("-co", "ENDIANNESS=BIG",
                        "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2")),
                Arguments.of("int16 predictor 2 with nodata", GPM, List.of("-ot", "Int16", "-scale", "0", "1000",
                        "-32000", "32000", "-a_nodata", "-32000", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2")),
                Arguments.of("uint32 predictor 2", GPM, List.of("-ot", "UInt32", "-scale", "0", "1000", "0",
                        "4000000000", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2")),
                Arguments.of("int32 predictor 2 BigTIFF tiled", GPM, List.of("-ot", "Int32", "-scale", "0", "1000",
                        "-2000000000", "2000000000", "-co", "PREDICTOR=2", "-co", "COMPRESS=LZW",
                        "-co", "BIGTIFF=YES", "-co", "TILED=YES")),
                Arguments.of("float32 predictor 2 with -9999 nodata", DSM, List.of("-co", "COMPRESS=DEFLATE",
                        "-co", "PREDICTOR=2")),
                Arguments.of("float32 predictor 3 with -9999 nodata", DSM, List.of("-co", "COMPRESS=LZW",
                        "-co", "PREDICTOR=3")),
                Arguments.of("float32 predictor 3 tiled", DOM, List.of("-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3",
                        "-co", "TILED=YES")),
                Arguments.of("float32 big-endian predictor 3", DOM, List.of("-co", "ENDIANNESS=BIG",
                        "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3")),
                Arguments.of("float32 big-endian predictor 2", DOM, List.of("-co", "ENDIANNESS=BIG",
                        "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2")),
                Arguments.of("float64 predictor 3", DOM, List.of("-ot", "Float64", "-co", "COMPRESS=DEFLATE",
                        "-co", "PREDICTOR=3")),
                Arguments.of("float64 predictor 2", DOM, List.of("-ot", "Float64", "-co", "COMPRESS=LZW",
                        "-co", "PREDICTOR=2")),
                Arguments.of("float32 3 bands predictor 3 pixel-interleaved", RGB, List.of("-ot", "Float32",
                        "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=3")),
                Arguments.of("float32 3 bands predictor 2 band-interleaved tiled", RGB, List.of("-ot", "Float32",
                        "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2", "-co", "INTERLEAVE=BAND",
                        "-co", "TILED=YES")),
                Arguments.of("float32 uncompressed single strip", DOM, List.of("-co", "BLOCKYSIZE=1000")),
                Arguments.of("byte uncompressed band-interleaved single strip", RGB, List.of("-co", "BLOCKYSIZE=718",
                        "-co", "INTERLEAVE=BAND")),
                Arguments.of("pixel is point", DSM, List.of("-mo", "AREA_OR_POINT=Point")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void readsWhatGdalReads(String name, String source, List<String> options) throws IOException {
        Path file = Gdal.translate(Gdal.data(source), tmp.resolve("m.tif"), options.toArray(String[]::new));
        assertSameAsGdal(file);
    }

    private void assertSameAsGdal(Path file) throws IOException {
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            GdalComparison.assertSameInfo(file, reader.info());
            GdalComparison.assertSamePixels(file, reader, 0, tmp);
        }
    }

    @Test
    void deflateWithTheOldCompressionCode32946() throws IOException {
        Path file = Gdal.translate(Gdal.data(DSM), tmp.resolve("d.tif"), "-co", "COMPRESS=DEFLATE");
        setCompressionTag(file, 32946);
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            assertTrue(reader.layoutDescription().contains("compression 32946"));
            GdalComparison.assertSamePixels(file, reader, 0, tmp);
        }
    }

    @Test
    void rotatedGeotransformFromModelTransformation() throws IOException {
        Path vrt = tmp.resolve("rot.vrt");
        Files.writeString(vrt, Gdal.run("gdal_translate", "-q", "-of", "VRT", Gdal.data(DSM).toString(), "/vsistdout/")
                .replaceAll("<GeoTransform>[^<]*</GeoTransform>",
                        "<GeoTransform>321498, 1.7320508, -1.0, 4298018, 1.0, 1.7320508</GeoTransform>"));
        Path file = Gdal.translate(vrt, tmp.resolve("rot.tif"), "-co", "TILED=YES");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            assertTrue(reader.info().geoTransform().isRotated());
            assertEquals(2.0, reader.info().geoTransform().pixelWidth(), 1e-6);
            GdalComparison.assertSameInfo(file, reader.info());
            GdalComparison.assertSamePixels(file, reader, 0, tmp);
        }
    }

    @Test
    void polarStereographicHasItsEpsgCode() throws IOException {
        Path file = Gdal.warp(Gdal.data("real/openlandmap_cropland_10km_2016.tif"), tmp.resolve("polar.tif"),
                "-t_srs", "EPSG:3413", "-te", "-3000000", "-3000000", "3000000", "3000000", "-tr", "20000", "20000");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            assertEquals(3413, reader.info().srid());
            assertSameAsGdal(file);
        }
    }

    @Test
    void projectionWithoutEpsgCodeStillHasACrs() throws IOException {
        Path file = Gdal.warp(Gdal.data("real/LisbonElevation.tif"), tmp.resolve("lcc.tif"),
                "-t_srs", "+proj=lcc +lat_1=30 +lat_2=60 +lon_0=10 +datum=WGS84");
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            RasterInfo info = reader.info();
            assertNull(info.srid());
            assertTrue(info.srsWkt().contains("Lambert_Conformal_Conic"), info.srsWkt());
            assertSameAsGdal(file);
        }
    }

    @Test
    void sparseBlocksReadAsNodata() throws IOException {
        Path file = tmp.resolve("sparse.tif");
        Gdal.run("gdal_create", "-of", "GTiff", "-outsize", "600", "500", "-bands", "1", "-ot", "Int16",
                "-a_nodata", "-7", "-a_srs", "EPSG:32629", "-a_ullr", "0", "500", "600", "0",
                "-co", "SPARSE_OK=TRUE", "-co", "TILED=YES", file.toString());
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            assertEquals(-7, reader.read(590, 490, 10, 10)[0][99]);
            assertSameAsGdal(file);
        }
    }

    @Test
    void float32NodataThatAFloatCannotHoldReadsAsTheDeclaredValue() throws IOException {
        Path file = Gdal.warp(Gdal.data("real/LisbonElevation.tif"), tmp.resolve("nd.tif"), "-dstnodata", "0.1",
                "-te", "-9.25", "38.67", "-9.0", "38.8");
        // GDAL writes the nodata rounded to float ("0.100000001490116119"); other writers put "0.1".
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("0.100000001490116119");
        assertTrue(at > 0);
        byte[] declared = java.util.Arrays.copyOf(new byte[] {'0', '.', '1'}, 20);  // NUL-padded
        System.arraycopy(declared, 0, bytes, at, declared.length);
        Files.write(file, bytes);
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            RasterInfo info = reader.info();
            assertEquals(0.1, info.nodata(0));
            double corner = reader.read(0, 0, 1, 1)[0][0];
            // The file holds (float) 0.1; the contract is that a nodata pixel holds exactly info().nodata(band).
            assertEquals(0.1, corner, 0);
            assertTrue(info.isNodata(0, corner));
            double[] gdal = Gdal.window(file, 0, 0, 1, 1, 1, tmp)[0];
            assertEquals((double) 0.1f, gdal[0], 0);
        }
    }

    @Test
    void unknownEpsgCodeReadsAsAFileWithoutCrs() throws IOException {
        Path file = Gdal.translate(Gdal.data("real/django_raster_test.tif"), tmp.resolve("unknown.tif"),
                "-a_srs", "EPSG:32618");
        byte[] bytes = Files.readAllBytes(file);
        // GeoKey entry {ProjectedCSTypeGeoKey 3072, in place, count 1, 32618} as little-endian shorts.
        byte[] entry = {0x00, 0x0C, 0x00, 0x00, 0x01, 0x00, 0x6A, 0x7F};
        int at = indexOf(bytes, entry);
        assertTrue(at > 0);
        bytes[at + 6] = (byte) 0xA0;  // 32672: not an EPSG code
        Files.write(file, bytes);
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            assertNull(reader.info().crs());
            assertNull(reader.info().srid());
            assertEquals(163 * 10, reader.read(0, 0, 163, 10)[0].length);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Rewrites the Compression tag (259) of a little-endian classic TIFF's first directory in place. */
    private static void setCompressionTag(Path file, int code) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            long ifd = Integer.toUnsignedLong(head.getInt(4));
            ByteBuffer count = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(count, ifd);
            int n = count.getShort(0);
            ByteBuffer entries = ByteBuffer.allocate(n * 12).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(entries, ifd + 2);
            for (int i = 0; i < n; i++) {
                if (Short.toUnsignedInt(entries.getShort(i * 12)) == 259) {
                    ByteBuffer v = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) code);
                    ch.write(v, ifd + 2 + i * 12 + 8);
                    return;
                }
            }
        }
        throw new IOException("no compression tag");
    }
}
