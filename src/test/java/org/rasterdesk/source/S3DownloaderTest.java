package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** What S3Proxy cannot show, against a recording S3 fake on loopback: headers on the wire, denials, broken links. */
class S3DownloaderTest {

    private static Path tif;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        tif = TestRasters.real("RGB.byte.tif");
    }

    /** A generous stall timeout: the SDK's first call in a cold JVM loads classes for seconds. */
    private static S3Settings settingsFor(URI endpoint, String accessKey, String secretKey) {
        return settingsFor(endpoint, accessKey, secretKey, Duration.ofSeconds(15));
    }

    private static S3Settings settingsFor(URI endpoint, String accessKey, String secretKey, Duration stall) {
        return new S3Settings(endpoint, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)),
                Duration.ofSeconds(2), stall);
    }

    @Test
    void everyRequestSaysTheRequesterPays() throws Exception {
        byte[] bytes = Files.readAllBytes(tif);
        try (FakeS3Server fake = new FakeS3Server(Map.of("a/RGB.byte.tif", bytes));
             S3Downloader s3 = new S3Downloader(settingsFor(fake.endpoint(), "access", "secret"))) {
            Path target = dir.resolve("p.tif");
            s3.download("pays", "a/RGB.byte.tif", target, FetchListener.NONE, () -> false);
            assertArrayEquals(bytes, Files.readAllBytes(target));
            assertEquals(1, fake.requests.size(), fake.requests.toString());
            assertEquals("/pays/a/RGB.byte.tif", fake.requests.get(0).path(), "path-style addressing");
            assertEquals("requester", fake.requests.get(0).requestPayer());
        }
    }

    @Test
    void forbiddenKeyIsAClearError() throws Exception {
        try (FakeS3Server fake = new FakeS3Server(Map.of());
             S3Downloader s3 = new S3Downloader(settingsFor(fake.endpoint(), "access", "secret"))) {
            SourceException e = assertThrows(SourceException.class,
                    () -> s3.download("pays", "forbidden/x.tif", dir.resolve("f.tif"), FetchListener.NONE,
                            () -> false));
            assertEquals("Access to s3://pays/forbidden/x.tif was denied (AccessDenied): the AWS credentials may"
                    + " not read it, or the bucket needs requester-pays access.", e.getMessage());
            assertTrue(fake.requests.stream().allMatch(r -> "requester".equals(r.requestPayer())));
        }
    }

    @Test
    void brokenTransferResumesWithARangeOfTheSameObject() throws Exception {
        byte[] bytes = Files.readAllBytes(tif);
        try (FakeS3Server fake = new FakeS3Server(Map.of("cut/RGB.byte.tif", bytes));
             S3Downloader s3 = new S3Downloader(settingsFor(fake.endpoint(), "access", "secret"))) {
            Path target = dir.resolve("r.tif");
            s3.download("pays", "cut/RGB.byte.tif", target, FetchListener.NONE, () -> false);
            assertArrayEquals(bytes, Files.readAllBytes(target));
            assertNull(fake.requests.get(0).range());
            FakeS3Server.Request resume = fake.requests.get(fake.requests.size() - 1);
            assertEquals("bytes=" + bytes.length / 2 + "-", resume.range());
            assertEquals(FakeS3Server.ETAG, resume.ifMatch());
            assertTrue(fake.requests.stream().allMatch(r -> "requester".equals(r.requestPayer())));
        }
    }

    @Test
    void stalledTransferFailsAfterTheStallTimeout() throws Exception {
        byte[] bytes = Files.readAllBytes(tif);
        try (FakeS3Server fake = new FakeS3Server(Map.of("stall/a.tif", bytes));
             S3Downloader s3 = new S3Downloader(settingsFor(fake.endpoint(), "access", "secret",
                     Duration.ofSeconds(2)))) {
            // Warm the SDK up first, so that only the stalled transfer counts.
            assertThrows(SourceException.class, () -> s3.download("pays", "stall/missing.tif",
                    dir.resolve("m.tif"), FetchListener.NONE, () -> false));
            // The server sends nothing more until it closes: the stall timer alone can end the transfer. The
            // deadline only keeps a transfer that waits for ever from hanging the build.
            SourceException e = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> assertThrows(
                    SourceException.class, () -> s3.download("pays", "stall/a.tif", dir.resolve("s.tif"),
                            FetchListener.NONE, () -> false)));
            assertEquals("The download of s3://pays/stall/a.tif stalled: nothing arrived for 2 seconds.",
                    e.getMessage());
        }
    }

    @Test
    void cancelStopsATransferUnderWay() throws Exception {
        byte[] bytes = Files.readAllBytes(tif);
        try (FakeS3Server fake = new FakeS3Server(Map.of("slow/a.tif", bytes));
             S3Downloader s3 = new S3Downloader(settingsFor(fake.endpoint(), "access", "secret"))) {
            // Cancelled once bytes have arrived: the transfer, at the server's pace, would take minutes more, so only
            // the cancel can end it with this exception.
            AtomicBoolean arrived = new AtomicBoolean();
            assertThrows(ParseCancelledException.class, () -> s3.download("pays", "slow/a.tif",
                    dir.resolve("c.tif"), (done, total, message) -> arrived.compareAndSet(false, done > 0),
                    arrived::get));
        }
    }
}
