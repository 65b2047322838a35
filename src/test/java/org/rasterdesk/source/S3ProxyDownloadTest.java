package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** s3:// sources against S3Proxy, a real S3 server on loopback (slow to start: jclouds). */
@Tag("slow")
class S3ProxyDownloadTest {

    private static final String BUCKET = "rasters";
    private static final String KEY = "dem/RGB.byte.tif";

    private static BlobStoreContext blobs;
    private static S3Proxy proxy;
    private static S3Settings settings;
    private static Path tif;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        tif = TestRasters.real("RGB.byte.tif");
        blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .build(BlobStoreContext.class);
        // x-amz-request-payer is not one of S3Proxy's known headers: it would refuse the request otherwise.
        proxy = S3Proxy.builder().blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        // A server starting in this JVM, slow on a loaded machine: with 10 s the test went on before it listened.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        settings = settingsFor(URI.create("http://127.0.0.1:" + proxy.getPort()), "access", "secret");
        try (S3Client client = settings.newClient()) {
            client.createBucket(b -> b.bucket(BUCKET));
            client.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromFile(tif));
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        proxy.stop();
        blobs.close();
    }

    private static S3Settings settingsFor(URI endpoint, String accessKey, String secretKey) {
        return new S3Settings(endpoint, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)),
                Duration.ofSeconds(2), Duration.ofSeconds(15));
    }

    @Test
    void downloadsAnObjectByteForByte() throws Exception {
        Path target = dir.resolve("a.tif");
        List<Long> done = new CopyOnWriteArrayList<>();
        try (S3Downloader s3 = new S3Downloader(settings)) {
            s3.download(BUCKET, KEY, target, (d, total, message) -> done.add(d), () -> false);
        }
        assertArrayEquals(Files.readAllBytes(tif), Files.readAllBytes(target));
        assertEquals(Files.size(tif), done.get(done.size() - 1));
    }

    @Test
    void missingKeyAndBucketAreClearErrors() throws Exception {
        try (S3Downloader s3 = new S3Downloader(settings)) {
            SourceException noKey = assertThrows(SourceException.class,
                    () -> s3.download(BUCKET, "dem/missing.tif", dir.resolve("m.tif"), FetchListener.NONE,
                            () -> false));
            assertEquals("There is no object dem/missing.tif in the S3 bucket rasters"
                    + " (s3://rasters/dem/missing.tif).", noKey.getMessage());
            SourceException noBucket = assertThrows(SourceException.class,
                    () -> s3.download("no-such-bucket", "a.tif", dir.resolve("b.tif"), FetchListener.NONE,
                            () -> false));
            assertEquals("The S3 bucket no-such-bucket does not exist (s3://no-such-bucket/a.tif).",
                    noBucket.getMessage());
        }
    }

    @Test
    void wrongCredentialsAreDenied() throws Exception {
        S3Settings wrong = settingsFor(URI.create("http://127.0.0.1:" + proxy.getPort()), "access", "not-secret");
        try (S3Downloader s3 = new S3Downloader(wrong)) {
            SourceException e = assertThrows(SourceException.class,
                    () -> s3.download(BUCKET, KEY, dir.resolve("w.tif"), FetchListener.NONE, () -> false));
            assertTrue(e.getMessage().startsWith("Access to s3://rasters/dem/RGB.byte.tif was denied ("),
                    e.getMessage());
        }
    }

    @Test
    void requesterPaysHeaderReachesTheServerAndIsAccepted() throws Exception {
        try (RecordingTcpProxy wire = new RecordingTcpProxy(proxy.getPort());
             S3Downloader s3 = new S3Downloader(settingsFor(URI.create("http://127.0.0.1:" + wire.port()), "access",
                     "secret"))) {
            Path target = dir.resolve("p.tif");
            s3.download(BUCKET, KEY, target, FetchListener.NONE, () -> false);
            assertArrayEquals(Files.readAllBytes(tif), Files.readAllBytes(target));
            String sent = wire.sent().toLowerCase(Locale.ROOT);
            assertTrue(sent.startsWith("get /rasters/dem/rgb.byte.tif"), sent);
            assertTrue(sent.contains("\r\nx-amz-request-payer: requester\r\n"), sent);
        }
    }
}
