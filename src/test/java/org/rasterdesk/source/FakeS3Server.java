package org.rasterdesk.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of S3's GetObject on loopback (path style) to see the headers that arrive on the wire, answer
 * AccessDenied for a forbidden key, and break a transfer in the middle.
 */
final class FakeS3Server implements AutoCloseable {

    static final String ETAG = "\"0123456789abcdef\"";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** A request as it arrived: the path and the requester-pays and range headers. */
    record Request(String path, String requestPayer, String range, String ifMatch) {
    }

    private final HttpServer server;
    private final Map<String, byte[]> objects;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);

    FakeS3Server(Map<String, byte[]> objects) throws IOException {
        this.objects = objects;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        var h = ex.getRequestHeaders();
        String range = h.getFirst("Range");
        requests.add(new Request(path, h.getFirst("x-amz-request-payer"), range, h.getFirst("If-Match")));
        try (ex) {
            String key = path.substring(path.indexOf('/', 1) + 1);
            if (key.startsWith("forbidden")) {
                error(ex, 403, "AccessDenied", "Access Denied");
                return;
            }
            byte[] body = objects.get(key);
            if (body == null) {
                error(ex, 404, "NoSuchKey", "The specified key does not exist.");
                return;
            }
            ex.getResponseHeaders().add("ETag", ETAG);
            ex.getResponseHeaders().add("Accept-Ranges", "bytes");
            ex.getResponseHeaders().add("Content-Type", "image/tiff");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                int start = Integer.parseInt(m.group(1));
                ex.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/"
                        + body.length);
                ex.sendResponseHeaders(206, body.length - start);
                ex.getResponseBody().write(body, start, body.length - start);
            } else if (key.startsWith("slow")) {
                ex.sendResponseHeaders(200, body.length);
                for (int off = 0; off < body.length; off += 1000) {
                    ex.getResponseBody().write(body, off, Math.min(1000, body.length - off));
                    ex.getResponseBody().flush();
                    Thread.sleep(100);
                }
            } else if (key.startsWith("stall")) {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body, 0, 1000);
                ex.getResponseBody().flush();
                // Until the server closes: only the client's stall timer can end the transfer, however long a
                // busy machine takes to notice.
                closed.await();
            } else if (key.startsWith("cut")) {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body, 0, body.length / 2);
                ex.getResponseBody().flush();
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        } catch (IOException dropped) {
            // the cut, cancelled and stalled transfers end here on purpose
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>1</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, xml.length);
        ex.getResponseBody().write(xml);
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
