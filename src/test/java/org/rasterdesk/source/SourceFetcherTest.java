package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class SourceFetcherTest {

    private final DataSource ds = TestDatabase.shared().dataSource();
    private final SourceFileStore store = new SourceFileStore(ds);

    @TempDir
    Path tmp;
    private Path work;
    private Path tif;
    private byte[] tifBytes;

    @BeforeEach
    void setUp() throws IOException {
        work = tmp.resolve("work");
        tif = TestRasters.real("django_raster_test.tif");
        tifBytes = Files.readAllBytes(tif);
    }

    private SourceFetcher fetcher(S3Settings s3) {
        return new SourceFetcher(store, new HttpDownloader(HttpDownloader.Settings.DEFAULT), new S3Downloader(s3),
                new ZipRasterExtractor(ZipRasterExtractor.Limits.DEFAULT), work, null);
    }

    private SourceFetcher fetcher() {
        return fetcher(S3Settings.fromEnvironment());
    }

    @Test
    void zippedRasterAtAnHttpUrlBecomesATemporaryGeoTiff() throws Exception {
        try (RasterHttpServer server = new RasterHttpServer(zipOf("layer/dem.tif", tifBytes));
             SourceFetcher fetcher = fetcher()) {
            RasterSource source = RasterSource.parse(1, server.uri("/files/upload.zip").toString(), null);
            Path folder;
            try (FetchedRaster fetched = fetcher.fetch(source, FetchListener.NONE, () -> false)) {
                assertEquals("dem.tif", fetched.file().getFileName().toString());
                assertArrayEquals(tifBytes, Files.readAllBytes(fetched.file()));
                assertTrue(fetched.isTemporary());
                folder = fetched.file().getParent().getParent();
                try (Stream<Path> files = Files.list(folder)) {
                    assertEquals(1, files.count(), "the downloaded archive is deleted once unpacked");
                }
            }
            assertFalse(Files.exists(folder), "closing deletes the temporary folder");
            assertEmpty(work);
        }
    }

    @Test
    void uploadKeptInTheDatabaseIsCopiedOut() throws Exception {
        int layer = SourceFileStoreTest.newLayer(ds);
        store.store(layer, tif);
        try (SourceFetcher fetcher = fetcher();
             FetchedRaster fetched = fetcher.fetch(RasterSource.parse(layer, "", SourceFileStore.djangoFileName(tif)),
                     FetchListener.NONE, () -> false)) {
            assertEquals("django_raster_test.tif", fetched.file().getFileName().toString());
            assertArrayEquals(tifBytes, Files.readAllBytes(fetched.file()));
        }
        assertEmpty(work);
    }

    @Test
    void uploadKeptByPathIsReadInPlaceAndNeverDeleted() throws Exception {
        Path shared = Files.copy(tif, tmp.resolve("shared.tif"));
        int layer = SourceFileStoreTest.newLayer(ds);
        store.keepPathOnly(layer, shared);
        try (SourceFetcher fetcher = fetcher()) {
            FetchedRaster fetched = fetcher.fetch(new RasterSource.UploadedFile(layer, "rasters/shared.tif"),
                    FetchListener.NONE, () -> false);
            assertEquals(shared, fetched.file());
            assertFalse(fetched.isTemporary());
            fetched.close();
            assertTrue(Files.exists(shared));
        }
    }

    @Test
    void zipAtAFileUrlIsUnpackedAndTheArchiveKept() throws Exception {
        Path zip = tmp.resolve("local.zip");
        Files.write(zip, zipOf("dem.tiff", tifBytes));
        try (SourceFetcher fetcher = fetcher();
             FetchedRaster fetched = fetcher.fetch(RasterSource.parse(1, zip.toUri().toString(), null),
                     FetchListener.NONE, () -> false)) {
            assertArrayEquals(tifBytes, Files.readAllBytes(fetched.file()));
            assertTrue(fetched.isTemporary());
        }
        assertTrue(Files.exists(zip));
        assertEmpty(work);
    }

    @Test
    void s3UrlIsFetchedThroughTheSdk() throws Exception {
        try (FakeS3Server fake = new FakeS3Server(Map.of("tiles/dem.tif", tifBytes));
             SourceFetcher fetcher = fetcher(new S3Settings(fake.endpoint(), "us-east-1",
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")), Duration.ofSeconds(5),
                     // Generous: the SDK's first call in a JVM loads its classes, for many seconds on a busy machine.
                     Duration.ofSeconds(60)));
             FetchedRaster fetched = fetcher.fetch(RasterSource.parse(1, "s3://bucket/tiles/dem.tif", ""),
                     FetchListener.NONE, () -> false)) {
            assertArrayEquals(tifBytes, Files.readAllBytes(fetched.file()));
            assertEquals("requester", fake.requests.get(0).requestPayer());
        }
    }

    @Test
    void failuresLeaveNoTemporaryFiles() throws Exception {
        try (RasterHttpServer server = new RasterHttpServer(zipOf("notes.txt", new byte[] {1, 2}));
             SourceFetcher fetcher = fetcher()) {
            SourceException noRaster = assertThrows(SourceException.class, () -> fetcher.fetch(
                    RasterSource.parse(1, server.uri("/files/docs.zip").toString(), null), FetchListener.NONE,
                    () -> false));
            assertEquals("The zip archive docs.zip holds no raster (.tif, .png with a world file, .asc, .jp2, .nc…); it has notes.txt.",
                    noRaster.getMessage());
            assertThrows(SourceException.class, () -> fetcher.fetch(
                    RasterSource.parse(1, server.uri("/status/404").toString(), null), FetchListener.NONE,
                    () -> false));
            assertEmpty(work);
        }
    }

    @Test
    void missingUploadIsAClearError() throws Exception {
        int layer = SourceFileStoreTest.newLayer(ds);
        try (SourceFetcher fetcher = fetcher()) {
            SourceException e = assertThrows(SourceException.class, () -> fetcher.fetch(
                    RasterSource.parse(layer, null, "rasters/gone.tif"), FetchListener.NONE, () -> false));
            assertEquals("The uploaded file rasters/gone.tif of layer " + layer + " is not stored in the database.",
                    e.getMessage());
        }
    }

    private static void assertEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(0, files.count(), "temporary folders left in " + dir);
            }
        }
    }

    private static byte[] zipOf(String name, byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(buffer)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(bytes);
            out.closeEntry();
        }
        return buffer.toByteArray();
    }

    @Test
    void downloadWithoutExtensionGetsTifWhenItIsATiff() throws Exception {
        try (RasterHttpServer server = new RasterHttpServer(tifBytes);
             SourceFetcher fetcher = fetcher();
             FetchedRaster fetched = fetcher.fetch(RasterSource.parse(1, server.uri("/files/download").toString(),
                     null), FetchListener.NONE, () -> false)) {
            assertEquals("download.tif", fetched.file().getFileName().toString());
            assertArrayEquals(tifBytes, Files.readAllBytes(fetched.file()));
        }
        assertTrue(SourceFetcher.isTiff(TestRasters.real("opengeos_dsm.tif")));
        assertFalse(SourceFetcher.isTiff(TestRasters.real("LICENSE-rasterio.txt")));
    }
}
