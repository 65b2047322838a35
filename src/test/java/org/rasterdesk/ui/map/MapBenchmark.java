package org.rasterdesk.ui.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.sql.DataSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;
import org.rasterdesk.ui.common.BackgroundThreads;

/**
 * How fast the map shows tiles, in a real window (run it under Xvfb or on a desktop: scripts/map-benchmark.sh):
 * the time from a tile's request to the frame that draws it when the tile is not cached (read from PostGIS,
 * coloured, made an image), one tile at a time and a whole screen at once (the world's outlines underneath); and the
 * frame rate while panning over cached tiles, with one and two layers over the outlines, and over a base map from a
 * local XYZ server.
 */
public final class MapBenchmark {

    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        DataSource ds = TestDatabase.shared().dataSource();
        Path data = Path.of(System.getProperty("rasterdesk.test.data", "../shared/data")).resolve("real");
        int dem = parse(ds, "map bench dem", DataType.CONTINUOUS, data.resolve("dom1_32_356_5699_1_nw_2020.tif"));
        int classes = parse(ds, "map bench classes", DataType.CATEGORICAL, data.resolve("django_raster_test.tif"));
        int maxZoom = new LayerMetadataRepository(ds).find(dem).orElseThrow().maxZoom();
        List<TileKey> keys = new ArrayList<>(new TileRepository(ds).keys(dem, maxZoom));
        keys.addAll(new TileRepository(ds).keys(dem, maxZoom - 1));
        LayerRenderer demRenderer = LayerRenderer.open(ds, dem, null, 0);
        LayerRenderer classRenderer = LayerRenderer.open(ds, classes, null, 0);
        int global = parse(ds, "map bench cropland", DataType.CONTINUOUS,
                data.resolve("openlandmap_cropland_10km_2016.tif"));
        LayerRenderer globalRenderer = LayerRenderer.open(ds, global, null, 0);

        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        BackgroundThreads tiles = new BackgroundThreads("map-bench-tiles", 2);

        System.out.printf(Locale.ROOT, "Float32 DEM layer %d: %d tiles at z%d-%d; java %s, prism %s%n", dem,
                keys.size(), maxZoom - 1, maxZoom, System.getProperty("java.version"),
                System.getProperty("prism.order", "default"));

        // One tile on screen at a time: request → read → colour → image → drawn, nothing queued before it.
        MapView single = window(tiles, 256, 256);
        MapLayer demLayer = layer(ds, dem, demRenderer);
        Platform.runLater(() -> single.layers().add(demLayer));
        List<Double> latencies = new ArrayList<>();
        List<Double> toFrame = new ArrayList<>();
        long[] drawnAt = {0, 0};
        CountDownLatch[] framed = {null};
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                // The first pulse after the tile reached the canvas: the frame that puts it on the screen.
                if (drawnAt[0] != 0) {
                    toFrame.add((System.nanoTime() - drawnAt[1]) / 1e6);
                    drawnAt[0] = 0;
                    framed[0].countDown();
                }
            }
        }.start());
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < ROUNDS; round++) {
            for (TileKey key : keys) {
                CountDownLatch shown = new CountDownLatch(1);
                framed[0] = shown;
                Extent b = WebMercator.tileBounds(key);
                // Input comes at any time, not in step with the screen's frames.
                Thread.sleep(random.nextInt(17));
                Platform.runLater(() -> {
                    single.cache().clear();
                    single.setOnTileShown(nanos -> {
                        latencies.add(nanos / 1e6);
                        drawnAt[0] = System.nanoTime();
                        drawnAt[1] = drawnAt[0] - nanos;
                    });
                    single.viewportProperty().set(new MapViewport((b.minX() + b.maxX()) / 2,
                            (b.minY() + b.maxY()) / 2, key.z(), 256, 256));
                });
                if (!shown.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("tile " + key + " never showed");
                }
            }
        }
        Thread.sleep(100);
        report("cache miss, one tile in view: request → drawn on the canvas", latencies.subList(keys.size(),
                latencies.size()));
        report("cache miss, one tile in view: request → the frame that shows it", toFrame.subList(keys.size(),
                toFrame.size()));

        // A full screen of tiles the map has not drawn: all requested at once, two drawing threads; the outlines
        // underneath, drawn on threads of their own once the layer's tiles are in.
        BackgroundThreads underlayThreads = new BackgroundThreads("map-bench-underlay", 2);
        java.nio.file.Path webCache = java.nio.file.Files.createTempDirectory("map-bench-web");
        MapView screen = window(tiles, 1280, 720);
        java.net.http.HttpClient client = org.rasterdesk.webtiles.WebTiles.defaultClient();
        MapUnderlay underlay = onFx(() -> new MapUnderlay(underlayThreads, underlayThreads,
                new org.rasterdesk.webtiles.TileDiskCache(webCache, 64L << 20),
                () -> client, screen::repaint));
        Platform.runLater(() -> screen.setUnderlay(underlay));
        MapLayer big = layer(ds, global, globalRenderer);
        Platform.runLater(() -> screen.layers().add(big));
        List<Double> perTile = new ArrayList<>();
        List<Double> wholeScreen = new ArrayList<>();
        List<Double> mapCpu = new ArrayList<>();
        List<Double> serverCpu = new ArrayList<>();
        // CPU time is what other people's load on a shared machine does not stretch.
        CpuClock cpu = new CpuClock(name -> name.startsWith("map-bench-tiles") || name.startsWith("JavaFX Application"),
                TestDatabase.scratchDir("pg-test").resolve("server/data"));
        int globalZoom = globalRenderer.maxZoom();
        for (int round = 0; round < 12; round++) {
            int zoom = globalZoom - 1 + round % 2;
            double x = WebMercator.longitudeToX(10 + 20 * (round % 4));
            double y = WebMercator.latitudeToY(45 - 10 * (round % 3));
            double[] before = cpu.now();
            List<Double> times = java.util.Collections.synchronizedList(new ArrayList<>());
            Platform.runLater(() -> {
                screen.cache().clear();
                screen.setOnTileShown(nanos -> times.add(nanos / 1e6));
                screen.viewportProperty().set(new MapViewport(x, y, zoom, 1280, 720));
            });
            Thread.sleep(50);
            waitIdle(screen);
            double[] after = cpu.now();
            if (round >= 4) {
                perTile.addAll(times);
                wholeScreen.add(times.stream().mapToDouble(Double::doubleValue).max().orElse(0));
                mapCpu.add(after[0] - before[0]);
                serverCpu.add(after[1] - before[1]);
            }
        }
        report("cache miss, 1280×720 screen of a global layer (" + Math.round(perTile.size() / (double) wholeScreen.size())
                + " tiles at once, z" + (globalZoom - 1) + "-" + globalZoom + "): request → canvas, per tile", perTile);
        report("cache miss, 1280×720 screen: until the last tile is on the canvas", wholeScreen);
        report("cache miss, 1280×720 screen: CPU of the map's threads (tiles, FX)", mapCpu);
        report("cache miss, 1280×720 screen: CPU of PostgreSQL (10 ms ticks)", serverCpu);

        // Panning over cached tiles: 8 px a frame for 300 frames, one layer, then two (one at 60 % opacity).
        pan(screen, "panning, cached tiles, 1 layer (global) over the outlines, 1280×720");
        MapLayer overlay = layer(ds, classes, classRenderer);
        overlay.opacityProperty().set(0.6);
        Platform.runLater(() -> screen.layers().add(0, overlay));
        pan(screen, "panning, cached tiles, 2 layers (one at 60 % opacity), 1280×720");
        Platform.runLater(() -> screen.gridVisibleProperty().set(true));
        pan(screen, "panning, cached tiles, 2 layers + tile grid, 1280×720");
        Platform.runLater(() -> screen.gridVisibleProperty().set(false));

        // The same over an online base map, served here by a local XYZ server (PNG tiles of noise, 200 KB each).
        try (org.rasterdesk.webtiles.LocalTileServer server = new org.rasterdesk.webtiles.LocalTileServer(key -> {
            java.util.Random noise = new java.util.Random(key.hashCode());
            int[] pixels = new int[256 * 256];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = 0xFF000000 | noise.nextInt(0x1000000);
            }
            return pixels;
        })) {
            server.header("Cache-Control", "max-age=3600");
            Platform.runLater(() -> underlay.settingsProperty().set(BaseMapSettings.DEFAULT.withBaseMap(true)
                    .withSource(org.rasterdesk.webtiles.XyzSource.of(server.template(), "bench"))));
            pan(screen, "panning, cached tiles, 2 layers over a base map (local XYZ), 1280×720");
        }

        underlayThreads.close();
        tiles.close();
        Platform.exit();
        System.exit(0);
    }

    /** Pans back and forth once to fill the cache, then measures the frames of the same path. */
    private static void pan(MapView map, String label) throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            List<Double> paint = new ArrayList<>();
            List<Double> interval = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            boolean measured = pass == 1;
            Platform.runLater(() -> {
                map.setOnFramePainted(nanos -> paint.add(nanos / 1e6));
                new AnimationTimer() {
                    private long last;
                    private int frame;

                    @Override
                    public void handle(long now) {
                        if (last != 0) {
                            interval.add((now - last) / 1e6);
                        }
                        last = now;
                        int step = frame < 150 ? 8 : -8;
                        map.panBy(step, step / 2.0);
                        if (++frame == 300) {
                            stop();
                            done.countDown();
                        }
                    }
                }.start();
            });
            done.await(60, TimeUnit.SECONDS);
            if (!measured) {
                waitIdle(map);
                continue;
            }
            double[] iv = interval.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long slow = interval.stream().filter(ms -> ms > 25).count();
            System.out.printf(Locale.ROOT, "%-68s paint median %.2f ms, p95 %.2f ms; frame interval median %.1f ms"
                    + " (%.0f fps), %d of %d frames over 25 ms%n", label, median(paint), percentile(paint, 95),
                    iv[iv.length / 2], 1000 / iv[iv.length / 2], slow, iv.length);
        }
    }

    private static void waitIdle(MapView map) throws Exception {
        for (int i = 0; i < 600; i++) {
            boolean[] idle = {false};
            CountDownLatch asked = new CountDownLatch(1);
            Platform.runLater(() -> {
                idle[0] = map.isIdle();
                asked.countDown();
            });
            asked.await();
            if (idle[0]) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private static <T> T onFx(java.util.function.Supplier<T> made) throws Exception {
        java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> result.complete(made.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    private static MapView window(BackgroundThreads tiles, int width, int height) throws Exception {
        MapView[] made = new MapView[1];
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            MapView map = new MapView(new MapTileLoader(tiles), new MapTileCache(MapTileCache.DEFAULT_CAPACITY));
            Stage stage = new Stage();
            stage.setScene(new Scene(map, width, height));
            stage.show();
            made[0] = map;
            shown.countDown();
        });
        shown.await();
        return made[0];
    }

    private static MapLayer layer(DataSource ds, int id, LayerRenderer renderer) {
        MapLayer layer = new MapLayer(id, "layer " + id);
        layer.restyle(new MapLayer.Style(renderer, java.util.Optional.empty(), java.util.Optional.empty(),
                new TileRepository(ds).range(id, renderer.maxZoom()), java.util.Optional.empty(), DataType.CONTINUOUS,
                new LayerMetadataRepository(ds).bands(id), new TileRepository(ds).pixelTypes(id)));
        return layer;
    }

    private static int parse(DataSource ds, String name, DataType type, Path file) throws Exception {
        return ParsedFile.parse(ds, name, type, file);
    }

    private static void report(String label, List<Double> ms) {
        System.out.printf(Locale.ROOT, "%-68s median %.2f ms, p90 %.2f ms, n=%d%n", label, median(ms),
                percentile(ms, 90), ms.size());
    }

    private static double median(List<Double> ms) {
        return percentile(ms, 50);
    }

    private static double percentile(List<Double> ms, int p) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }
}
