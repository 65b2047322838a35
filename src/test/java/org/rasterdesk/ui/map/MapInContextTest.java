package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.Database;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.PostgisTileValues;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.common.Stylesheet;
import org.rasterdesk.webtiles.LocalTileServer;
import org.rasterdesk.webtiles.TileDiskCache;
import org.rasterdesk.webtiles.XyzSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The map in context: the world's outlines under the layers at the right place, an online base map from a local
 * XYZ server (there is no internet here) with its attribution and a quiet fall back to the outlines when it is
 * gone, an RGB composite of a 3-band raster against the bands' values in PostGIS, and layers reordered.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MapInContextTest {

    /** The map's background inside the world (MapView.WORLD). */
    private static final int WORLD = 0xFFEEF0F1;
    /** Cabo da Roca, the westernmost point of mainland Europe: a coastline point everyone can look up. */
    private static final double ROCA_LON = -9.5005;
    private static final double ROCA_LAT = 38.7806;

    private static Database database;
    private static BackgroundThreads background;
    private static BackgroundThreads tiles;
    private static BackgroundThreads web;
    private static LayerSummary florida;
    private static LayerSummary bahamas;

    @TempDir
    static Path cacheDir;

    private MapPane pane;
    private Scene scene;

    @BeforeAll
    static void parse() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_map_context_test"), false);
        background = new BackgroundThreads("context-test", 2);
        tiles = new BackgroundThreads("context-test-tiles", 2);
        web = new BackgroundThreads("context-test-web", 2);
        int f = ParsedFile.parse(database.dataSource(), "land cover", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
        florida = new LayerSummary(f, "land cover", DataType.CATEGORICAL, ParseStatus.FINISHED, 15, Instant.now());
        int b = ParsedFile.parse(database.dataSource(), "Bahamas RGB", DataType.CONTINUOUS,
                ParsedFile.data("real/RGB.byte.tif"));
        bahamas = new LayerSummary(b, "Bahamas RGB", DataType.CONTINUOUS, ParseStatus.FINISHED, 100, Instant.now());
    }

    @AfterAll
    static void close() {
        web.close();
        tiles.close();
        background.close();
        database.close();
    }

    @Start
    void start(Stage stage) {
        pane = new MapPane(background, tiles, web, new TileDiskCache(cacheDir, TileDiskCache.DEFAULT_LIMIT_BYTES));
        pane.dataSourceProperty().set(database.dataSource());
        scene = new Scene((javafx.scene.Parent) pane.getView(), 900, 600);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopMap(FxRobot robot) {
        robot.interact(() -> pane.dispose());
    }

    @Test
    void theOutlinesPassThroughAKnownCoastlinePoint(FxRobot robot) throws Exception {
        // Zoom 6 (2 km a pixel there), Cabo da Roca in the middle of the map.
        robot.interact(() -> pane.map().viewportProperty().set(new MapViewport(
                WebMercator.longitudeToX(ROCA_LON), WebMercator.latitudeToY(ROCA_LAT), 6,
                pane.map().viewport().width(), pane.map().viewport().height())));
        waitForMap();
        PixelReader shot = snapshotMap(robot).getPixelReader();
        MapViewport v = pane.map().viewport();
        int x = (int) v.screenX(WebMercator.longitudeToX(ROCA_LON));
        int y = (int) v.screenY(WebMercator.latitudeToY(ROCA_LAT));
        // 1:50m lines are good to a few kilometres: the coast passes within 3 pixels of the point.
        assertTrue(darkestNear(shot, x, y, 3) < 0.75, "a coast line at Cabo da Roca, " + x + "," + y);
        // 60 pixels west is the open Atlantic: nothing drawn there.
        for (int dx = -70; dx <= -50; dx++) {
            assertEquals(Integer.toHexString(WORLD), Integer.toHexString(shot.getArgb(x + dx, y)), "sea at " + dx);
        }
        assertEquals("Outlines: Natural Earth", pane.map().underlay().attribution());

        robot.interact(() -> pane.baseMapProperty().set(pane.baseMapProperty().get().withOutlines(false)));
        waitForMap();
        PixelReader bare = snapshotMap(robot).getPixelReader();
        assertEquals(1.0, darkestNear(bare, x, y, 3), 1e-9, "no outlines when switched off");
    }

    @Test
    void theOutlinesAreUnderTheLayers(FxRobot robot) throws Exception {
        TileKey tile = new TileKey(11, 552, 858);
        showTile(robot, florida, tile, 40, 30);
        PixelReader with = snapshotMap(robot).getPixelReader();
        robot.interact(() -> pane.baseMapProperty().set(pane.baseMapProperty().get().withOutlines(false)));
        waitForMap();
        PixelReader without = snapshotMap(robot).getPixelReader();
        Double[] values = PostgisTileValues.of(database.dataSource(), florida.id(), tile);
        // Where the layer has data its pixels hide the outlines; outlines show only where it has none.
        int outlined = 0;
        int w = (int) pane.map().getWidth();
        int h = (int) pane.map().getHeight() - 20;
        for (int row = 0; row < h; row++) {
            for (int col = 0; col < w; col++) {
                if (with.getArgb(col, row) == without.getArgb(col, row)) {
                    continue;
                }
                outlined++;
                int tc = col - 40;
                int tr = row - 30;
                if (tc >= 0 && tc < 256 && tr >= 0 && tr < 256) {
                    assertEquals(null, values[tr * 256 + tc], "an outline over the layer's data at " + col + ","
                            + row);
                }
            }
        }
        assertTrue(outlined > 50, "the Gulf coast is drawn beside the layer: " + outlined + " pixels");
    }

    @Test
    void theBaseMapComesFromAnXyzServerWithItsAttributionAndFallsBackToTheOutlinesWhenGone(FxRobot robot)
            throws Exception {
        try (LocalTileServer server = new LocalTileServer(MapInContextTest::tileColour)) {
            server.header("Cache-Control", "max-age=600");
            XyzSource local = XyzSource.of(server.template(), "© Test tiles");
            robot.interact(() -> {
                pane.map().viewportProperty().set(new MapViewport(WebMercator.longitudeToX(ROCA_LON),
                        WebMercator.latitudeToY(ROCA_LAT), 7, pane.map().viewport().width(),
                        pane.map().viewport().height()));
                pane.baseMapProperty().set(BaseMapSettings.DEFAULT.withSource(local).withBaseMap(true));
            });
            waitForMap();
            PixelReader shot = snapshotMap(robot).getPixelReader();
            MapViewport v = pane.map().viewport();
            TileRange shown = v.visibleTiles().orElseThrow();
            for (TileKey key : shown.keys()) {
                int cx = (int) v.tileLeft(key.x()) + 128;
                int cy = (int) v.tileTop(key.y()) + 128;
                // Not under the floating panels at the right, nor under the attribution.
                if (cx >= 0 && cy >= 0 && cx < v.width() - 250 && cy < v.height() - 20) {
                    assertEquals(Integer.toHexString(tileColour(key)[0]), Integer.toHexString(shot.getArgb(cx, cy)),
                            "the middle of tile " + key);
                }
            }
            // The view's tiles and nothing more (no prefetch), asked as RasterDesk.
            assertTrue(server.requests().stream().allMatch(r -> shown.contains(r.key())), "only the view's tiles");
            assertEquals(shown.count(), server.requests().stream().map(LocalTileServer.Request::key).distinct()
                    .count());
            assertTrue(server.requests().get(0).header("User-Agent").startsWith("RasterDesk/"));
            assertEquals("© Test tiles · Natural Earth", pane.map().underlay().attribution());
            // The attribution is written in the bottom right corner.
            int corner = 0;
            for (int dx = 1; dx < 60; dx++) {
                corner += shot.getArgb((int) v.width() - dx, (int) v.height() - 8) != tileColour(
                        v.tileAt(v.width() - dx, v.height() - 8, 7).orElseThrow())[0] ? 1 : 0;
            }
            assertTrue(corner > 10, "attribution text in the corner");

            // Half opacity: the tiles blend with the map's background.
            robot.interact(() -> pane.baseMapProperty().set(pane.baseMapProperty().get().withOpacity(0.5)));
            waitForMap();
            TileKey middle = v.tileAt(v.width() / 2, v.height() / 2, 7).orElseThrow();
            int cx = (int) v.tileLeft(middle.x()) + 128;
            int cy = (int) v.tileTop(middle.y()) + 128;
            int blended = snapshotMap(robot).getPixelReader().getArgb(cx, cy);
            for (int shift = 0; shift <= 16; shift += 8) {
                int over = (tileColour(middle)[0] >> shift) & 0xFF;
                int under = (WORLD >> shift) & 0xFF;
                assertEquals((over + under) / 2.0, (blended >> shift) & 0xFF, 2.0);
            }
            assertEquals("", pane.statusProperty().get());

            // The server goes: tiles not kept (a level out) are not drawn, the outlines are, and one line says so.
            server.close();
            robot.interact(() -> pane.map().viewportProperty().set(new MapViewport(
                    WebMercator.longitudeToX(ROCA_LON), WebMercator.latitudeToY(ROCA_LAT), 6, v.width(),
                    v.height())));
            OnFx.waitUntil(() -> pane.statusProperty().get().startsWith(
                    "Base map offline: 127.0.0.1 cannot be reached"));
            waitForMap();
            PixelReader offline = snapshotMap(robot).getPixelReader();
            MapViewport moved = pane.map().viewport();
            int rx = (int) moved.screenX(WebMercator.longitudeToX(ROCA_LON));
            int ry = (int) moved.screenY(WebMercator.latitudeToY(ROCA_LAT));
            assertTrue(darkestNear(offline, rx, ry, 3) < 0.75, "the coast drawn where the base map has no tile");
        }
    }

    @Test
    void aThreeBandImageIsAnRgbCompositeOfItsBandsAndOtherBandsCanBeChosen(FxRobot robot) throws Exception {
        robot.interact(() -> pane.baseMapProperty().set(BaseMapSettings.DEFAULT.withOutlines(false)));
        TileRepository repository = new TileRepository(database.dataSource());
        int max = new org.rasterdesk.layer.LayerMetadataRepository(database.dataSource()).find(bahamas.id())
                .orElseThrow().maxZoom();
        // A tile in the middle of the image, full of data.
        TileRange stored = repository.range(bahamas.id(), max).orElseThrow();
        TileKey tile = new TileKey(max, (stored.minX() + stored.maxX()) / 2, (stored.minY() + stored.maxY()) / 2);
        showTile(robot, bahamas, tile, 60, 40);
        MapLayer layer = pane.map().layers().get(0);
        assertEquals(BandDisplay.rgb(0, 1, 2), layer.displayProperty().get(), "three Byte bands: RGB at first");
        Double[] red = PostgisTileValues.of(database.dataSource(), bahamas.id(), tile, 1);
        Double[] green = PostgisTileValues.of(database.dataSource(), bahamas.id(), tile, 2);
        Double[] blue = PostgisTileValues.of(database.dataSource(), bahamas.id(), tile, 3);
        assertComposite(snapshotMap(robot).getPixelReader(), red, green, blue, 60, 40);

        // Blue as red and red as blue, chosen in the layer panel.
        robot.interact(() -> layer.displayProperty().set(BandDisplay.rgb(2, 1, 0)));
        waitForMap();
        assertComposite(snapshotMap(robot).getPixelReader(), blue, green, red, 60, 40);

        // RGB off: band 1 alone, through the layer's colormap (grey over the band's range).
        robot.clickOn(robot.lookup(".map-band-rgb").queryAs(ToggleButton.class));
        waitForMap();
        assertEquals(BandDisplay.band(2), layer.displayProperty().get());
        assertFalse(layer.renderer().rgb().isPresent());
        PixelReader grey = snapshotMap(robot).getPixelReader();
        int checked = 0;
        for (int i = 0; i < blue.length; i += 97) {
            if (blue[i] != null) {
                int argb = grey.getArgb(60 + i % 256, 40 + i / 256);
                assertEquals((argb >> 16) & 0xFF, argb & 0xFF, "grey at " + i);
                checked++;
            }
        }
        assertTrue(checked > 100);
        assertEquals("RGB composite: bands 3, 2, 1 as red, green, blue, scaled 0–255", rgbNoteAfter(robot, layer));
    }

    @Test
    void layersAreReorderedInThePanel(FxRobot robot) throws Exception {
        robot.interact(() -> pane.baseMapProperty().set(BaseMapSettings.DEFAULT.withOutlines(false)));
        robot.interact(() -> pane.select(florida));
        OnFx.waitUntil(() -> pane.map().layers().size() == 1
                && pane.map().layers().get(0).renderer() != null);
        robot.interact(() -> pane.map().layers().get(0).keptProperty().set(true));
        robot.interact(() -> pane.select(bahamas));
        OnFx.waitUntil(() -> pane.map().layers().size() == 2
                && pane.map().layers().get(0).renderer() != null);
        assertEquals(List.of(bahamas.id(), florida.id()), ids());
        javafx.scene.control.ListView<MapLayer> list = robot.lookup("#map-layers").queryListView();
        robot.interact(() -> {
            list.requestFocus();
            list.getSelectionModel().select(1);
        });
        robot.press(KeyCode.ALT).press(KeyCode.UP).release(KeyCode.UP).release(KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(florida.id(), bahamas.id()), ids(), "Alt+Up moved the land cover on top");
        assertEquals("land cover", robot.lookup("#legend-panel-title").queryAs(javafx.scene.control.Label.class)
                .getText(), "the legend follows the top layer");
        robot.interact(() -> pane.map().layers().forEach(l -> l.keptProperty().set(false)));
    }

    private String rgbNoteAfter(FxRobot robot, MapLayer layer) {
        robot.interact(() -> layer.displayProperty().set(BandDisplay.rgb(2, 1, 0)));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".legend-note").queryAs(javafx.scene.control.Label.class).getText();
    }

    private List<Integer> ids() {
        return pane.map().layers().stream().map(MapLayer::layerId).toList();
    }

    private static void assertComposite(PixelReader shot, Double[] r, Double[] g, Double[] b, int left, int top) {
        int painted = 0;
        for (int i = 0; i < r.length; i++) {
            int want;
            if (r[i] == null && g[i] == null && b[i] == null) {
                want = WORLD;
            } else {
                // RGB.byte.tif's nodata is 0 in every band: a channel at its nodata value is 0.
                want = 0xFF000000 | channel(r[i]) << 16 | channel(g[i]) << 8 | channel(b[i]);
                painted++;
            }
            assertEquals(Integer.toHexString(want), Integer.toHexString(shot.getArgb(left + i % 256, top + i / 256)),
                    "pixel " + i % 256 + "," + i / 256);
        }
        assertTrue(painted > 30_000, "painted " + painted);
    }

    private static int channel(Double v) {
        return v == null ? 0 : v.intValue();
    }

    /** A base map tile whose colour tells its address, to check that each lands in its place. */
    private static int[] tileColour(TileKey key) {
        int[] pixels = new int[256 * 256];
        java.util.Arrays.fill(pixels, 0xFF000000 | (key.x() * 37 & 0xFF) << 16 | (key.y() * 53 & 0xFF) << 8
                | (key.z() * 20 & 0xFF));
        return pixels;
    }

    /** The darkest pixel within a square around a point, as its brightness from 0 (black) to 1 (the map's own). */
    private static double darkestNear(PixelReader shot, int x, int y, int reach) {
        double darkest = 1;
        for (int dy = -reach; dy <= reach; dy++) {
            for (int dx = -reach; dx <= reach; dx++) {
                int argb = shot.getArgb(x + dx, y + dy);
                double luma = ((argb >> 16 & 0xFF) + (argb >> 8 & 0xFF) + (argb & 0xFF)) / (3.0 * 0xEF);
                darkest = Math.min(darkest, Math.min(1, luma));
            }
        }
        return darkest;
    }

    /** Shows a layer with a tile's north-west corner at (left, top) of the map, everything drawn. */
    private void showTile(FxRobot robot, LayerSummary summary, TileKey tile, int left, int top)
            throws TimeoutException {
        robot.interact(() -> pane.select(summary));
        OnFx.waitUntil(() -> !pane.map().layers().isEmpty()
                && pane.map().layers().get(0).layerId() == summary.id()
                && pane.map().layers().get(0).renderer() != null);
        org.rasterdesk.tiling.Extent b = WebMercator.tileBounds(tile);
        robot.interact(() -> {
            MapViewport v = pane.map().viewport();
            double res = WebMercator.pixelSize(tile.z());
            pane.map().viewportProperty().set(new MapViewport(b.minX() + (v.width() / 2 - left) * res,
                    b.maxY() - (v.height() / 2 - top) * res, tile.z(), v.width(), v.height()));
        });
        assertEquals(left, pane.map().viewport().tileLeft(tile.x()));
        waitForMap();
    }

    private void waitForMap() throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        OnFx.waitUntil(() -> pane.isSettled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The map as the screen shows it (the floating panels included). */
    private WritableImage snapshotMap(FxRobot robot) {
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> {
            WritableImage whole = scene.snapshot(null);
            Point2D origin = pane.map().localToScene(0, 0);
            image[0] = new WritableImage(whole.getPixelReader(), (int) origin.getX(), (int) origin.getY(),
                    (int) pane.map().getWidth(), (int) pane.map().getHeight());
        });
        return image[0];
    }
}
