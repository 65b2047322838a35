package org.rasterdesk.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.legend.LegendSemanticsRepository;
import org.rasterdesk.parse.ParsedFile;

/**
 * Test fixture: real rasters parsed into the shared test database once per JVM — django-raster's own categorical
 * test raster with a legend, the Lisbon DEM (Float32) and a 3-band Landsat image — and a tile server over them on a
 * free port of the loopback, with an HTTP client.
 */
final class ServedLayers {

    static final String CATEGORICAL_NAME = "serve fixture land cover";

    private static ServedLayers shared;

    final DataSource dataSource = TestDatabase.shared().dataSource();
    final int categorical;
    final int dem;
    final int rgb;
    final Legend legend;
    final Legend otherLegend;
    final TileServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServedLayers() throws Exception {
        RasterLayerRepository layers = new RasterLayerRepository(dataSource);
        categorical = ParsedFile.parse(dataSource, CATEGORICAL_NAME, DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
        dem = ParsedFile.parse(dataSource, "serve fixture lisbon dem", DataType.CONTINUOUS,
                ParsedFile.data("real/LisbonElevation.tif"));
        rgb = ParsedFile.parse(dataSource, "serve fixture landsat", DataType.CONTINUOUS,
                ParsedFile.data("real/RGB.byte.tif"));
        LegendRepository legends = new LegendRepository(dataSource);
        LegendSemanticsRepository semanticsRepository = new LegendSemanticsRepository(dataSource);
        LegendSemantics one = semanticsRepository.saveSemantics(LegendSemantics.create("serve one"));
        LegendSemantics three = semanticsRepository.saveSemantics(LegendSemantics.create("serve three"));
        LegendSemantics high = semanticsRepository.saveSemantics(LegendSemantics.create("serve high"));
        legend = legends.create(Legend.create("Serve fixture classes").withEntries(List.of(
                LegendEntry.create(one, "1", "#ff0000", "a"),
                LegendEntry.create(three, "3", "#ffff00", "b"),
                LegendEntry.create(high, "x >= 8", "#0000ff", "c"))));
        otherLegend = legends.create(Legend.create("Serve fixture other").withEntries(List.of(
                LegendEntry.create(one, "(x > 0) & (x < 5)", "#00ff00", "a"))));
        layers.update(layers.find(categorical).orElseThrow().withLegendId(legend.id()));
        server = TileServer.start(dataSource, "127.0.0.1", 0, TileServer.DEFAULT_CACHE_BYTES);
    }

    static synchronized ServedLayers get() {
        if (shared == null) {
            try {
                shared = new ServedLayers();
            } catch (Exception e) {
                throw new IllegalStateException("cannot set up the served layers: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    RasterLayer layer(int id) {
        return new RasterLayerRepository(dataSource).find(id).orElseThrow();
    }

    /** The server's URL of a path (with query), e.g. "/raster/tiles/3/1/0/0.png". */
    URI uri(String pathAndQuery) {
        String base = server.url().toString();
        return URI.create(base.substring(0, base.length() - 1) + pathAndQuery);
    }

    HttpResponse<byte[]> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The database as the command line's --db takes it (libpq keywords). */
    static String connectionString() {
        ConnectionSettings s = TestDatabase.shared().settings();
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(s.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException(s.jdbcUrl());
        }
        return "host=" + m.group(1) + " port=" + m.group(2) + " dbname=" + m.group(3) + " user=" + s.user()
                + (s.password() == null ? "" : " password=" + s.password());
    }

    /** The pixels of a PNG or JPEG, ARGB row by row. */
    static int[] pixels(byte[] image) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            if (decoded == null) {
                throw new IllegalStateException("not an image: " + image.length + " bytes");
            }
            return decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request sent byte for byte on a socket, so that odd paths reach the server as written (HTTP clients tidy
     * them); the answer's status line, headers and body as text.
     */
    String raw(String requestLine, String... headers) {
        try (Socket socket = new Socket(server.url().getHost(), server.url().getPort())) {
            socket.setSoTimeout(30_000);
            StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
            for (String h : headers) {
                request.append(h).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text(String pathAndQuery) {
        return new String(get(pathAndQuery).body(), StandardCharsets.UTF_8);
    }
}
