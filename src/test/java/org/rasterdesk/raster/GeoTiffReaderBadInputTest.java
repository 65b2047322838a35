package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not GeoTIFFs, or damaged ones, fail with one clear sentence and never exhaust memory. */
class GeoTiffReaderBadInputTest {

    @TempDir
    Path tmp;

    private IOException failure(Path file) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class, () -> {
            try (GeoTiffReader reader = GeoTiffReader.open(file)) {
                RasterInfo info = reader.info();
                for (int y = 0; y < info.height(); y += 64) {
                    reader.read(0, y, info.width(), Math.min(64, info.height() - y));
                }
            }
        }));
    }

    private static void assertOneSentenceNaming(String fileName, IOException e) {
        String message = e.getMessage();
        assertTrue(message.startsWith(fileName) || message.contains("/" + fileName), message);
        assertTrue(!message.contains("\n") && message.length() < 300, message);
    }

    @Test
    void zeroByteFile() throws IOException {
        Path file = Files.createFile(tmp.resolve("empty.tif"));
        IOException e = failure(file);
        assertOneSentenceNaming("empty.tif", e);
        assertTrue(e.getMessage().contains("not a TIFF"), e.getMessage());
    }

    @Test
    void textFileNamedTif() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.tif"), "These are not the pixels you are looking for.\n");
        IOException e = failure(file);
        assertOneSentenceNaming("notes.tif", e);
        assertTrue(e.getMessage().contains("not a TIFF"), e.getMessage());
    }

    @Test
    void missingFile() {
        IOException e = failure(tmp.resolve("nowhere.tif"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void truncatedStripedFile() throws IOException {
        byte[] whole = Files.readAllBytes(Gdal.data("real/RGB.byte.tif"));
        Path file = Files.write(tmp.resolve("half.tif"), Arrays.copyOf(whole, whole.length / 2));
        assertOneSentenceNaming("half.tif", failure(file));
    }

    @Test
    void truncatedTiledCompressedFile() throws IOException {
        Path source = Gdal.translate(Gdal.data("real/opengeos_dsm.tif"), tmp.resolve("t.tif"),
                "-co", "TILED=YES", "-co", "BLOCKXSIZE=64", "-co", "BLOCKYSIZE=64", "-co", "COMPRESS=DEFLATE");
        byte[] whole = Files.readAllBytes(source);
        Path file = Files.write(tmp.resolve("cut.tif"), Arrays.copyOf(whole, whole.length * 2 / 3));
        assertOneSentenceNaming("cut.tif", failure(file));
    }

    @Test
    void absurdSizeInOneStripIsRefusedWithoutAllocatingIt() throws IOException {
        Path file = Files.write(tmp.resolve("huge.tif"), tiff(1_000_000, 1_000_000, 1, 1_000_000, new byte[16]));
        IOException e = failure(file);
        assertOneSentenceNaming("huge.tif", e);
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void absurdSizeWithTooFewStripsIsDamaged() throws IOException {
        Path file = Files.write(tmp.resolve("huge2.tif"), tiff(1_000_000, 1_000_000, 1, 1, new byte[16]));
        IOException e = failure(file);
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    @Test
    void deflateBombIsCutAtTheBlockSize() throws IOException {
        // 64 MB of zeros deflate to ~64 kB; the strip declares 64×64 bytes, and that is all that is inflated.
        Deflater deflater = new Deflater(9);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        for (int i = 0; i < 64; i++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                bomb.write(buf, 0, deflater.deflate(buf));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            bomb.write(buf, 0, deflater.deflate(buf));
        }
        Path file = Files.write(tmp.resolve("bomb.tif"), tiff(64, 64, 8, 64, bomb.toByteArray()));
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            double[][] pixels = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> reader.read(0, 0, 64, 64));
            assertArrayEquals(new double[64 * 64], pixels[0]);
        }
    }

    @Test
    void windowOutsideTheRasterIsAnArgumentError() throws IOException {
        try (GeoTiffReader reader = GeoTiffReader.open(Gdal.data("real/django_raster_test.tif"))) {
            assertThrows(IllegalArgumentException.class, () -> reader.read(160, 0, 10, 10));
            assertThrows(IllegalArgumentException.class, () -> reader.read(-1, 0, 10, 10));
            assertEquals(100, reader.read(153, 164, 10, 10)[0].length);
        }
    }

    /** A minimal little-endian single-strip 8-bit grey TIFF whose tags may lie about the data. */
    private static byte[] tiff(int width, int height, int compression, int rowsPerStrip, byte[] strip) {
        int[][] tags = {{256, 4, width}, {257, 4, height}, {258, 3, 8}, {259, 3, compression}, {262, 3, 1},
                {273, 4, 0}, {277, 3, 1}, {278, 4, rowsPerStrip}, {279, 4, strip.length}};
        int dataOffset = 8 + 2 + tags.length * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(dataOffset + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) tags.length);
        for (int[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]).putInt(1);
            int value = t[0] == 273 ? dataOffset : t[2];
            if (t[1] == 3) {
                b.putShort((short) value).putShort((short) 0);
            } else {
                b.putInt(value);
            }
        }
        b.putInt(0);
        b.put(strip);
        return b.array();
    }
}
