package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDownloaderTest {

    private static byte[] raster;
    private static RasterHttpServer server;
    /** A generous stall timeout: only the stall test wants one, and it has its own; a busy machine pauses too. */
    private final HttpDownloader downloader = new HttpDownloader(
            new HttpDownloader.Settings(Duration.ofSeconds(2), Duration.ofSeconds(60), 3));

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        raster = Files.readAllBytes(TestRasters.real("RGB.byte.tif"));
        server = new RasterHttpServer(raster);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void downloadsTheFileByteForByteWithProgress() throws Exception {
        Path target = dir.resolve("a.tif");
        List<Long> done = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        downloader.download(server.uri("/files/RGB.byte.tif"), target, (d, total, message) -> {
            done.add(d);
            messages.add(message);
            if (d > 0) {
                assertEquals(raster.length, total);
            }
        }, () -> false);
        assertArrayEquals(raster, Files.readAllBytes(target));
        assertEquals(raster.length, done.get(done.size() - 1));
        assertTrue(messages.get(0).startsWith("Downloading http://127.0.0.1:"), messages.get(0));
    }

    @Test
    void followsRedirects() throws Exception {
        Path target = dir.resolve("r.tif");
        downloader.download(server.uri("/redirect"), target, FetchListener.NONE, () -> false);
        assertArrayEquals(raster, Files.readAllBytes(target));
    }

    @Test
    void brokenDownloadResumesWithARangeRequest() throws Exception {
        server.requests.clear();
        Path target = dir.resolve("cut.tif");
        List<String> messages = new CopyOnWriteArrayList<>();
        downloader.download(server.uri("/cut/RGB.byte.tif"), target, (d, t, m) -> messages.add(m), () -> false);
        assertArrayEquals(raster, Files.readAllBytes(target));
        assertEquals(2, server.requests.size(), server.requests.toString());
        assertNull(server.requests.get(0).range());
        assertEquals("bytes=" + raster.length / 2 + "-", server.requests.get(1).range());
        assertEquals(RasterHttpServer.ETAG, server.requests.get(1).ifRange());
        assertTrue(messages.stream().anyMatch(m -> m.contains("resuming (1 of 3)")), messages.toString());
    }

    @Test
    void brokenDownloadWithoutRangeSupportFailsClearly() {
        URI uri = server.uri("/norange/RGB.byte.tif");
        SourceException e = assertThrows(SourceException.class,
                () -> downloader.download(uri, dir.resolve("n.tif"), FetchListener.NONE, () -> false));
        assertTrue(e.getMessage().startsWith("The download of " + uri + " broke after 852.5 KB of 1.7 MB: "),
                e.getMessage());
    }

    @Test
    void errorStatusesSayWhatTheServerAnswered() {
        for (int status : new int[] {404, 403, 500}) {
            URI uri = server.uri("/status/" + status);
            SourceException e = assertThrows(SourceException.class,
                    () -> downloader.download(uri, dir.resolve("e.tif"), FetchListener.NONE, () -> false));
            String reason = status == 404 ? "Not Found" : status == 403 ? "Forbidden" : "Internal Server Error";
            assertEquals("The server answered " + status + " " + reason + " for " + uri + ".", e.getMessage());
        }
    }

    @Test
    void refusedConnectionIsAClearError() throws Exception {
        // A port bound by a socket that does not listen: the connection is refused, and while the socket is held
        // no other program can take the port and answer (as it could a port looked up free and closed again).
        try (Socket held = new Socket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = held.getLocalPort();
            URI uri = URI.create("http://127.0.0.1:" + port + "/a.tif");
            SourceException e = assertThrows(SourceException.class,
                    () -> downloader.download(uri, dir.resolve("x.tif"), FetchListener.NONE, () -> false));
            assertEquals("Could not connect to 127.0.0.1:" + port + ": the connection was refused (" + uri + ").",
                    e.getMessage());
        }
    }

    @Test
    void stalledDownloadFailsAfterTheStallTimeout() {
        URI uri = server.uri("/stall/RGB.byte.tif");
        HttpDownloader impatient = new HttpDownloader(
                new HttpDownloader.Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        // The server sends nothing more until it closes: the stall timer alone can end the download. The deadline
        // only keeps a download that waits for ever from hanging the build.
        SourceException e = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> assertThrows(SourceException.class,
                () -> impatient.download(uri, dir.resolve("s.tif"), FetchListener.NONE, () -> false)));
        assertEquals("The download of " + uri + " stalled: nothing arrived for 1 seconds.", e.getMessage());
    }

    @Test
    void cancelStopsADownloadUnderWay() {
        // Cancelled once bytes have arrived: the transfer, at the server's pace, would take minutes more, so only the
        // cancel can end it with this exception.
        AtomicBoolean arrived = new AtomicBoolean();
        assertThrows(ParseCancelledException.class, () -> downloader.download(server.uri("/slow/RGB.byte.tif"),
                dir.resolve("c.tif"), (done, total, message) -> arrived.compareAndSet(false, done > 0),
                arrived::get));
    }

    /** Only loopback is used in tests, so a failed name lookup is built as the JDK client reports it. */
    @Test
    void unknownHostIsReportedAsADnsFailure() {
        URI uri = URI.create("https://no-such-host.invalid/data/dem.tif");
        ConnectException failure = new ConnectException();
        failure.initCause(new UnresolvedAddressException());
        assertEquals("The host no-such-host.invalid was not found (DNS) for " + uri + ".",
                downloader.translate(failure, uri).getMessage());
    }

    /** 200 MB arrive through a JVM with a 40 MB heap: the body goes to disk as it comes. */
    @Test
    @Tag("slow")
    void largeDownloadStreamsWithBoundedMemory() throws Exception {
        Path big = dir.resolve("big.bin");
        SourceFileStoreTest.writePseudoRandom(big, 200);
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        files.createContext("/big.bin", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, Files.size(big));
                Files.copy(big, ex.getResponseBody());
            }
        });
        files.start();
        try {
            Path target = dir.resolve("got.bin");
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx40m", "-cp", classPath, DownloadThroughSmallHeap.class.getName(),
                    "http://127.0.0.1:" + files.getAddress().getPort() + "/big.bin", target.toString()))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(5, TimeUnit.MINUTES));
            assertEquals(0, p.exitValue(), output);
            assertEquals(SourceFileStoreTest.sha256(big), SourceFileStoreTest.sha256(target));
            System.out.println("200 MB over loopback with -Xmx40m: " + output.strip());
        } finally {
            files.stop(0);
        }
    }
}
