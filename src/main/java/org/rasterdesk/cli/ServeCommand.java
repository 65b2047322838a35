package org.rasterdesk.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.serve.TileServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the layers of a database over HTTP with django-raster's tile API until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the layers over HTTP as django-raster does, for QGIS, GDAL and web maps, with a web map "
                + "at the server's address. Ctrl-C stops it.",
                "Endpoints: /raster/tiles/{layer}/{z}/{x}/{y}.png|jpg|tif, /raster/algebra/{z}/{x}/{y}.png, "
                        + "/raster/pixel/{x}/{y}, /raster/legend/{id}, /raster/tiles/{layer}.json (TileJSON), "
                        + "/raster/layers.json."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption db;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all "
                    + "networks).")
    String bind;

    @Option(names = "--cache-mb", defaultValue = "128", paramLabel = "MB",
            description = "Memory for rendered tiles (default: ${DEFAULT-VALUE}).")
    int cacheMb;

    @Option(names = "--log", description = "Print a line per request: method, target, status, milliseconds.")
    boolean log;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, not " + port);
        }
        if (cacheMb < 1) {
            throw new IllegalArgumentException("--cache-mb must be at least 1");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (ConnectedDatabase connected = db.open()) {
            TileServer server;
            try {
                server = TileServer.start(connected.database().dataSource(), bind, port, cacheMb * (1L << 20));
            } catch (java.net.BindException e) {
                throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                        + " (another program uses the port? try --port)");
            }
            // Ctrl-C stops the server, then waits for the database (an embedded cluster) to be closed properly.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
                try {
                    closed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rasterdesk-serve-stop"));
            if (log) {
                server.setRequestListener((method, target, status, nanos) -> System.out.printf(Locale.ROOT,
                        "%s %s %d %.1f ms%n", method, target, status, nanos / 1e6));
            }
            printWelcome(connected, server);
            stopped.await();
            return 0;
        } finally {
            closed.countDown();
        }
    }

    private static void printWelcome(ConnectedDatabase connected, TileServer server) {
        System.out.println("Database: " + connected.database().description());
        List<LayerSummary> layers = new RasterLayerRepository(connected.database().dataSource()).listSummaries();
        System.out.println("Serving " + layers.size() + " layer" + (layers.size() == 1 ? "" : "s") + " at "
                + server.url() + " (the web map; Ctrl-C stops)");
        for (LayerSummary layer : layers) {
            if (layer.tileCount() > 0) {
                System.out.println("  " + layer.id() + " " + (layer.name() == null ? "" : layer.name()) + ": "
                        + server.xyzUrl(layer.id()));
            }
        }
        System.out.println("In QGIS: Layer > Add Layer > Add XYZ Layer..., New, and paste one of the URLs above.");
    }
}
