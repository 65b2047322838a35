package org.rasterdesk.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on loopback for the download tests: serves one file and misbehaves on purpose (errors,
 * stalls, a cut in the middle, redirects), recording the requests it got.
 */
final class RasterHttpServer implements AutoCloseable {

    static final String ETAG = "\"raster-v1\"";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One request as the server saw it. */
    record Request(String path, String range, String ifRange) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final byte[] body;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger cuts = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);

    RasterHttpServer(byte[] body) throws IOException {
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, range, ex.getRequestHeaders().getFirst("If-Range")));
        try (ex) {
            if (path.startsWith("/status/")) {
                int status = Integer.parseInt(path.substring("/status/".length()));
                byte[] page = ("<html>error " + status + "</html>").getBytes();
                ex.sendResponseHeaders(status, page.length);
                ex.getResponseBody().write(page);
            } else if (path.equals("/redirect")) {
                ex.getResponseHeaders().add("Location", "/files/redirected.tif");
                ex.sendResponseHeaders(302, -1);
            } else if (path.startsWith("/files/")) {
                serve(ex, range, true);
            } else if (path.startsWith("/norange/")) {
                serveCut(ex, false);
            } else if (path.startsWith("/cut/")) {
                if (range == null) {
                    serveCut(ex, true);
                } else {
                    serve(ex, range, true);
                }
            } else if (path.startsWith("/stall/")) {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body, 0, 1000);
                ex.getResponseBody().flush();
                // Until the server closes: only the client's stall timer can end the download, however long a
                // busy machine takes to notice.
                awaitClose();
            } else if (path.startsWith("/slow/")) {
                ex.sendResponseHeaders(200, body.length);
                OutputStream out = ex.getResponseBody();
                for (int off = 0; off < body.length; off += 1000) {
                    out.write(body, off, Math.min(1000, body.length - off));
                    out.flush();
                    sleep(100);
                }
            } else {
                ex.sendResponseHeaders(404, -1);
            }
        } catch (IOException closedByClient) {
            // the client went away: what the cancel and stall tests do on purpose
        }
    }

    private void serve(HttpExchange ex, String range, boolean ranges) throws IOException {
        if (ranges) {
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
            ex.getResponseHeaders().add("ETag", ETAG);
        }
        ex.getResponseHeaders().add("Content-Type", "image/tiff");
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            int start = Integer.parseInt(m.group(1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/"
                    + body.length);
            ex.sendResponseHeaders(206, body.length - start);
            ex.getResponseBody().write(body, start, body.length - start);
        } else {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    /** Announces the whole file, sends half, and drops the connection. */
    private void serveCut(HttpExchange ex, boolean ranges) throws IOException {
        cuts.incrementAndGet();
        if (ranges) {
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
            ex.getResponseHeaders().add("ETag", ETAG);
        }
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body, 0, body.length / 2);
        ex.getResponseBody().flush();
        // Closing with bytes missing makes the JDK server drop the connection: the client sees a broken download.
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
