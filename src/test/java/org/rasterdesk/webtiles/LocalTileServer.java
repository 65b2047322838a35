package org.rasterdesk.webtiles;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasterdesk.render.PngEncoder;
import org.rasterdesk.tiling.TileKey;

/**
 * A local XYZ tile server for tests (the JDK's HttpServer on a free loopback port): serves {@code /z/x/y.png} from a
 * function of the tile, with the headers a test sets, and records every request with its headers.
 */
public final class LocalTileServer implements AutoCloseable {

    /** A request the server answered. */
    public record Request(TileKey key, Map<String, List<String>> headers) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private static final Pattern PATH = Pattern.compile("/(\\d+)/(\\d+)/(\\d+)\\.png");

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private volatile Function<TileKey, int[]> tiles;
    private volatile String etag;

    /** @param tiles the 256×256 ARGB pixels of a tile, or null for "no tile here" (404) */
    public LocalTileServer(Function<TileKey, int[]> tiles) throws IOException {
        this.tiles = tiles;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** A server of tiles of one colour. */
    public static LocalTileServer plain(int argb) throws IOException {
        return new LocalTileServer(key -> {
            int[] pixels = new int[256 * 256];
            java.util.Arrays.fill(pixels, argb);
            return pixels;
        });
    }

    /** The template of this server's tiles. */
    public String template() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/{z}/{x}/{y}.png";
    }

    /** A header sent with every tile (Cache-Control, say). */
    public void header(String name, String value) {
        headers.put(name, value);
    }

    /** Tiles get this ETag, and a request that names it gets 304 Not Modified. */
    public void etag(String value) {
        etag = value;
    }

    public void serve(Function<TileKey, int[]> other) {
        tiles = other;
    }

    public List<Request> requests() {
        return requests;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
            if (!m.matches()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            TileKey key = new TileKey(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            requests.add(new Request(key, Map.copyOf(exchange.getRequestHeaders())));
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            String tag = etag;
            if (tag != null) {
                exchange.getResponseHeaders().add("ETag", tag);
                if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
            }
            int[] pixels = tiles.apply(key);
            if (pixels == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] png = PngEncoder.encode(pixels, 256, 256);
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(png);
            }
        }
    }
}
