package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipRasterExtractorTest {

    private final ZipRasterExtractor extractor = new ZipRasterExtractor(ZipRasterExtractor.Limits.DEFAULT);

    @TempDir
    Path dir;

    @Test
    void extractsTheGeoTiffInsideSkippingMacOsForks() throws Exception {
        byte[] tif = Files.readAllBytes(TestRasters.real("django_raster_test.tif"));
        Path zip = zip("upload.zip",
                new Entry("__MACOSX/data/._dem.tif", new byte[] {0, 5, 22, 7}),
                new Entry("data/readme.txt", "a raster".getBytes()),
                new Entry("data/dem.TIF", tif),
                new Entry("data/second.tif", new byte[] {1}));
        assertTrue(ZipRasterExtractor.isZip(zip));
        Path out = Files.createDirectory(dir.resolve("out"));
        Path raster = extractor.extractRaster(zip, out, "upload.zip", FetchListener.NONE, () -> false);
        assertEquals(out.resolve("dem.TIF"), raster);
        assertArrayEquals(tif, Files.readAllBytes(raster));
    }

    @Test
    void zipIsToldByItsBytesNotItsName() throws Exception {
        Path zip = zip("raster.tif", new Entry("a.tif", new byte[] {1, 2, 3}));
        assertTrue(ZipRasterExtractor.isZip(zip));
        assertFalse(ZipRasterExtractor.isZip(TestRasters.real("RGB.byte.tif")));
    }

    @Test
    void archiveWithoutRasterIsAClearError() throws Exception {
        Path zip = zip("docs.zip", new Entry("readme.txt", "x".getBytes()), new Entry("legend.csv", "y".getBytes()));
        SourceException e = assertThrows(SourceException.class,
                () -> extractor.extractRaster(zip, dir, "docs.zip", FetchListener.NONE, () -> false));
        assertEquals("The zip archive docs.zip holds no raster (.tif, .png with a world file, .asc, .jp2, .nc…); it has readme.txt, legend.csv.",
                e.getMessage());
    }

    @Test
    void archiveWithPathTraversalIsRefusedAndWritesNothingOutside() throws Exception {
        Path zip = zip("evil.zip", new Entry("ok.tif", new byte[] {1}), new Entry("../../evil.tif", new byte[] {2}));
        Path out = Files.createDirectory(dir.resolve("out"));
        SourceException e = assertThrows(SourceException.class,
                () -> extractor.extractRaster(zip, out, "evil.zip", FetchListener.NONE, () -> false));
        assertEquals("The zip archive evil.zip has an entry outside its folder (../../evil.tif); it is refused.",
                e.getMessage());
        try (var files = Files.list(out)) {
            assertEquals(0, files.count());
        }
        assertFalse(Files.exists(dir.getParent().resolve("evil.tif")));
        assertTrue(ZipRasterExtractor.escapes("/etc/passwd.tif"));
        assertTrue(ZipRasterExtractor.escapes("C:\\temp\\a.tif"));
        assertFalse(ZipRasterExtractor.escapes("data/..hidden.tif"));
    }

    @Test
    void zipBombIsStoppedAtTheSizeLimit() throws Exception {
        // 64 MB of zeros compress to about 64 KB; the limit is 8 MB.
        Path zip = dir.resolve("bomb.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("zeros.tif"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        ZipRasterExtractor limited = new ZipRasterExtractor(new ZipRasterExtractor.Limits(8L * 1024 * 1024, 1100));
        Path out = Files.createDirectory(dir.resolve("out"));
        SourceException e = assertThrows(SourceException.class,
                () -> limited.extractRaster(zip, out, "bomb.zip", FetchListener.NONE, () -> false));
        assertTrue(e.getMessage().startsWith("The raster zeros.tif in bomb.zip unpacks to more than 8.0 MB"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("it is refused as a possible zip bomb."), e.getMessage());
        assertFalse(Files.exists(out.resolve("zeros.tif")));
    }

    @Test
    void compressionRatioBeyondDeflateIsStoppedToo() throws Exception {
        Path zip = dir.resolve("ratio.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("zeros.tif"));
            out.write(new byte[32 * 1024 * 1024]);
            out.closeEntry();
        }
        ZipRasterExtractor strict = new ZipRasterExtractor(new ZipRasterExtractor.Limits(1L << 40, 100));
        Path out = Files.createDirectory(dir.resolve("out"));
        SourceException e = assertThrows(SourceException.class,
                () -> strict.extractRaster(zip, out, "ratio.zip", FetchListener.NONE, () -> false));
        assertTrue(e.getMessage().contains("at most 100 times its compressed size"), e.getMessage());
        assertFalse(Files.exists(out.resolve("zeros.tif")), "the partial file is removed");
    }

    record Entry(String name, byte[] bytes) {
    }

    private Path zip(String name, Entry... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Entry e : entries) {
                out.putNextEntry(new ZipEntry(e.name()));
                out.write(e.bytes());
                out.closeEntry();
            }
        }
        return zip;
    }
}
