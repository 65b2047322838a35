package org.rasterdesk.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.db.DataAccessException;

/**
 * An HTTP server of a RasterDesk database speaking django-raster's tile API (see {@link Routes}), for QGIS, GDAL
 * and web maps, with a web map of its own at {@code /}. Runs on the JDK's own HTTP server: no further dependency,
 * and it answers cached tiles several thousand times a second on two cores (benchmarks/RESULTS.md), far more than a
 * map client asks.
 */
public final class TileServer implements AutoCloseable {

    /** Something that wants to know of every answer: the serve command's request log, tests. */
    @FunctionalInterface
    public interface RequestListener {
        void answered(String method, String target, int status, long nanos);
    }

    private static final Logger LOG = Logger.getLogger(TileServer.class.getName());

    /** Threads that answer requests: enough to keep the database pool (8 connections) busy with uncached tiles. */
    static final int THREADS = 8;

    /** Default memory for rendered tiles: about 5,000 PNG tiles of 25 KB. */
    public static final long DEFAULT_CACHE_BYTES = 128L << 20;

    static {
        // The JDK's server writes headers and body separately: without TCP_NODELAY, Nagle's algorithm holds the
        // body back until the client acknowledges the headers, which delayed acknowledgement makes up to 40 ms.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;
    private final TileCache cache;
    private final URI url;
    private volatile RequestListener listener = (method, target, status, nanos) -> { };

    private TileServer(HttpServer server, ExecutorService executor, Routes routes, TileCache cache, URI url) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.cache = cache;
        this.url = url;
    }

    /**
     * Starts serving.
     *
     * @param bind       the address to listen on (127.0.0.1 for this machine only, 0.0.0.0 for every interface)
     * @param port       the port, 0 for any free one
     * @param cacheBytes memory for rendered tiles
     * @throws IOException when the address cannot be bound (the port is taken, say)
     */
    public static TileServer start(DataSource dataSource, String bind, int port, long cacheBytes) throws IOException {
        InetAddress address = InetAddress.getByName(bind);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 128);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "rasterdesk-serve-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        server.setExecutor(executor);
        int actualPort = server.getAddress().getPort();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        TileCache cache = new TileCache(cacheBytes);
        Routes routes = new Routes(dataSource, cache, host + ":" + actualPort);
        TileServer tileServer = new TileServer(server, executor, routes, cache, URI.create("http://" + host + ":"
                + actualPort + "/"));
        server.createContext("/", tileServer::handle);
        server.start();
        executor.execute(() -> {
            try {
                routes.preload();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot prepare the web map's files", e);
            }
        });
        return tileServer;
    }

    /** The server's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        return url;
    }

    /** The XYZ tile URL of a layer, as QGIS, Leaflet or GDAL take it. */
    public String xyzUrl(int layerId) {
        String base = url.toString();
        return LayerDocuments.tileUrl(base.substring(0, base.length() - 1), layerId, "png");
    }

    public void setRequestListener(RequestListener listener) {
        this.listener = listener == null ? (method, target, status, nanos) -> { } : listener;
    }

    /** Makes the next request read the layers and legends again (after an edit in this process). */
    public void refresh() {
        routes.catalog().invalidate();
    }

    /** What the tile cache holds, in a line. */
    public String cacheSummary() {
        return cache.describe();
    }

    /** Stops listening; requests under way get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        Reply reply;
        try {
            Headers headers = exchange.getRequestHeaders();
            ServeRequest request = ServeRequest.of(method, uri.getRawPath(), uri.getRawQuery(),
                    headers.getFirst("Host"), headers.getFirst("If-None-Match"), headers.getFirst("Accept-Encoding"));
            reply = routes.answer(request);
            if (reply.status() == 200 && EntityTags.matches(request.ifNoneMatch(), reply.etag())) {
                reply = Reply.notModified(reply.etag(), reply.cacheControl());
            }
        } catch (HttpError e) {
            reply = Reply.error(e.status(), e.getMessage());
        } catch (DataAccessException e) {
            LOG.log(Level.WARNING, "database error answering " + uri, e);
            reply = Reply.error(503, "the database cannot be read just now: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "error answering " + uri, e);
            reply = Reply.error(500, "the server failed on this request (" + e.getClass().getSimpleName()
                    + "); its log has the details");
        }
        try {
            send(exchange, reply, method.equals("HEAD"));
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away: " + uri, e);
        } finally {
            exchange.close();
        }
        listener.answered(method, uri.toString(), reply.status(), System.nanoTime() - started);
    }

    private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        if (reply.contentType() != null) {
            headers.set("Content-Type", reply.contentType());
        }
        if (reply.etag() != null) {
            headers.set("ETag", reply.etag());
        }
        if (reply.cacheControl() != null) {
            headers.set("Cache-Control", reply.cacheControl());
        }
        // Tiles are meant to be used by web maps of other sites too.
        headers.set("Access-Control-Allow-Origin", "*");
        headers.set("Access-Control-Expose-Headers", "ETag, " + AggregationHeader.NAME);
        reply.headers().forEach(headers::set);
        if (head || reply.status() == 304) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
