package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.layer.PostgisTileValues;
import org.rasterdesk.legend.LegendSemanticsRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.common.Stylesheet;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The map viewer on django-raster's own test raster parsed into a real PostGIS with a categorical legend: the
 * colours on screen against the legend and the tile's values in PostGIS, then panning, zooming, the readout, the
 * grid, opacity and the export, driven as a user would.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MapViewerTest {

    /** Value → colour of the legend; other values and nodata show the map's background. */
    private static final Map<Integer, Integer> LEGEND = Map.of(
            1, 0xFFFF0000, 3, 0xFFFFFF00, 5, 0xFF00FF00, 8, 0xFF0000FF, 9, 0xFF0000FF);
    private static final TileKey TILE = new TileKey(11, 552, 858);
    /** Where the tile's north-west corner is put on the map. */
    private static final int LEFT = 40;
    private static final int TOP = 30;

    private static Database database;
    private static BackgroundThreads background;
    private static BackgroundThreads tiles;
    private static LayerSummary layer;
    private static LayerSummary second;
    private static Legend legend;
    private static Double[] values;

    @TempDir
    Path tmp;

    private MapPane pane;
    private Scene scene;

    @BeforeAll
    static void parseAndStyle() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_map_test"), false);
        DataSource ds = database.dataSource();
        background = new BackgroundThreads("map-test", 2);
        tiles = new BackgroundThreads("map-test-tiles", 2);
        Path file = ParsedFile.data("real/django_raster_test.tif");
        RasterLayerRepository layers = new RasterLayerRepository(ds);
        RasterLayer created = layers.find(ParsedFile.parse(ds, "land cover", DataType.CATEGORICAL, file))
                .orElseThrow();
        LegendRepository legends = new LegendRepository(ds);
        LegendSemanticsRepository semantics = new LegendSemanticsRepository(ds);
        List<LegendEntry> entries = List.of(
                LegendEntry.create(semantics.saveSemantics(LegendSemantics.create("one")), "1", "#F00", "a"),
                LegendEntry.create(semantics.saveSemantics(LegendSemantics.create("three")), "3.0", "#ffff00", "b"),
                LegendEntry.create(semantics.saveSemantics(LegendSemantics.create("five")), "(x > 4.5) & (x < 5.5)",
                        "#00ff00", "c"),
                LegendEntry.create(semantics.saveSemantics(LegendSemantics.create("high")), "x >= 8", "#0000ff",
                        "d"));
        legend = legends.create(Legend.create("classes").withEntries(entries));
        layers.update(layers.find(created.id()).orElseThrow().withLegendId(legend.id()));
        layer = new LayerSummary(created.id(), "land cover", DataType.CATEGORICAL, ParseStatus.FINISHED, 15,
                Instant.now());
        values = PostgisTileValues.of(ds, layer.id(), TILE);
        int plain = ParsedFile.parse(ds, "classes, no legend", DataType.CATEGORICAL, file);
        second = new LayerSummary(plain, "classes, no legend", DataType.CATEGORICAL, ParseStatus.FINISHED, 15,
                Instant.now());
    }

    @AfterAll
    static void close() {
        tiles.close();
        background.close();
        database.close();
    }

    @Start
    void start(Stage stage) {
        pane = new MapPane(background, tiles);
        // The colours of the layer alone over the map's background: no outlines beneath (MapUnderlayTest has them).
        pane.baseMapProperty().set(BaseMapSettings.DEFAULT.withOutlines(false));
        pane.dataSourceProperty().set(database.dataSource());
        scene = new Scene((javafx.scene.Parent) pane.getView(), 900, 600);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.show();
    }

    @org.junit.jupiter.api.AfterEach
    void stopMap(FxRobot robot) {
        robot.interact(() -> pane.dispose());
    }

    @Test
    void everyPixelOfATileOnScreenHasItsLegendColour(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        WritableImage shot = snapshotMap(robot);
        assertTileOnScreen(shot.getPixelReader(), LEFT, TOP);
        String legendText = robot.lookup("#map-legend-box").queryAs(javafx.scene.control.TitledPane.class)
                .getText();
        assertEquals("Legend", legendText);
    }

    @Test
    void draggingMovesTheTilesWithThePointer(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        MapViewport before = pane.map().viewport();
        Point2D from = pane.map().localToScreen(200, 200);
        robot.drag(from, MouseButton.PRIMARY).moveBy(70, 45).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        MapViewport after = pane.map().viewport();
        assertEquals(before.zoom(), after.zoom());
        assertEquals(before.centerX() - 70 * before.resolution(), after.centerX(), 1e-6);
        assertEquals(before.centerY() + 45 * before.resolution(), after.centerY(), 1e-6);
        waitForTiles();
        assertTileOnScreen(snapshotMap(robot).getPixelReader(), LEFT + 70, TOP + 45);
    }

    @Test
    void theWheelZoomsAroundThePointerAndTheKeyboardZoomsAndPans(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        MapViewport before = pane.map().viewport();
        double mx = before.mercatorX(100);
        double my = before.mercatorY(120);
        robot.moveTo(pane.map().localToScreen(100, 120));
        robot.scroll(1, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        MapViewport zoomed = pane.map().viewport();
        assertEquals(1, Math.abs(zoomed.zoom() - before.zoom()), "one notch, one level");
        assertEquals(mx, zoomed.mercatorX(100), zoomed.resolution(), "the ground under the pointer stays");
        assertEquals(my, zoomed.mercatorY(120), zoomed.resolution());

        robot.clickOn(pane.map());
        robot.interact(() -> pane.map().viewportProperty().set(before));
        robot.type(KeyCode.EQUALS);
        assertEquals(before.zoom() + 1, pane.map().viewport().zoom());
        robot.type(KeyCode.MINUS);
        robot.type(KeyCode.MINUS);
        assertEquals(before.zoom() - 1, pane.map().viewport().zoom());
        double x = pane.map().viewport().centerX();
        robot.type(KeyCode.RIGHT);
        assertEquals(x + 64 * pane.map().viewport().resolution(), pane.map().viewport().centerX(), 1e-6);

        robot.type(KeyCode.HOME);
        MapViewport whole = pane.map().viewport();
        // The raster's data: 163 × 174 pixels of 100 m, about 16.3 × 17.4 km, so 427 × 455 screen pixels at
        // level 12 and twice that at 13; the floating panels take 248 pixels of the map's width.
        Extent data = pane.map().layers().get(0).styleProperty().get().extent().orElseThrow();
        assertEquals(16_300 / Math.cos(Math.toRadians(27.9)), data.width(), 2_000, "the data, not its tiles");
        assertEquals(12, whole.zoom());
        double left = whole.screenX(data.minX());
        double right = whole.screenX(data.maxX());
        assertTrue(left >= 0 && right <= pane.map().getWidth() - 248 + 1, left + ".." + right
                + ": in the part of the map the panels leave free");
        assertTrue(whole.screenY(data.maxY()) >= 0 && whole.screenY(data.minY()) <= whole.height());
    }

    @Test
    void pastMaxZoomTheTileIsItsAncestorBlownUp(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        // Level 12, with the north-west quarter of the z11 tile at (LEFT, TOP): each value covers 2×2 pixels.
        Extent b = WebMercator.tileBounds(TILE);
        double res = WebMercator.pixelSize(12);
        MapViewport v = pane.map().viewport();
        robot.interact(() -> pane.map().viewportProperty().set(new MapViewport(
                b.minX() + (v.width() / 2 - LEFT) * res, b.maxY() - (v.height() / 2 - TOP) * res, 12,
                v.width(), v.height())));
        waitForTiles();
        PixelReader shot = snapshotMap(robot).getPixelReader();
        for (int row = 0; row < 256; row += 3) {
            for (int col = 0; col < 256; col += 3) {
                assertEquals(expected(values[(row / 2) * 256 + col / 2]), shot.getArgb(LEFT + col, TOP + row),
                        "screen " + col + "," + row);
            }
        }
    }

    @Test
    void theReadoutNamesThePlaceTheTileAndTheValueUnderThePointer(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        // A pixel inside a patch of one value, so that the pointer's rounding cannot land on a neighbour.
        int col = -1;
        int row = -1;
        for (int i = 257; i < values.length - 257 && col < 0; i++) {
            Double v = values[i];
            if (v != null && v.equals(values[i - 1]) && v.equals(values[i + 1]) && v.equals(values[i - 256])
                    && v.equals(values[i + 256]) && v > 1) {
                col = i % 256;
                row = i / 256;
            }
        }
        String value = String.valueOf(values[row * 256 + col].intValue());
        robot.moveTo(pane.map().localToScreen(LEFT + col + 0.5, TOP + row + 0.5));
        try {
            OnFx.waitUntil(() -> pane.readout().text().contains("land cover " + value + " ("));
        } catch (TimeoutException e) {
            throw new AssertionError("the readout says: " + pane.readout().text() + " pointer "
                    + pane.map().pointerProperty().get() + " aimed at " + (LEFT + col) + "," + (TOP + row), e);
        }
        String text = pane.readout().text();
        assertTrue(text.contains("tile 11/552/858"), text);
        assertTrue(text.contains("land cover " + value + " (11/552/858)"), text);
        assertTrue(text.contains("EPSG:3857"), text);
        MapViewport v = pane.map().viewport();
        double lat = MapViewport.latitude(v.mercatorY(pane.map().pointerProperty().get().getY()));
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%.5f° %s", Math.abs(lat),
                lat >= 0 ? "N" : "S")), text + " should name latitude " + lat);
    }

    @Test
    void theGridOutlinesTilesAndMarksTheLevelsPastMaxZoom(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        PixelReader plain = snapshotMap(robot).getPixelReader();
        robot.clickOn("#map-grid");
        WaitForAsyncUtils.waitForFxEvents();
        PixelReader grid = snapshotMap(robot).getPixelReader();
        // The tile's west edge is drawn as a line; the middle of the tile is not touched.
        int changed = 0;
        for (int row = TOP + 40; row < TOP + 250; row++) {
            if (plain.getArgb(LEFT, row) != grid.getArgb(LEFT, row)) {
                changed++;
            }
        }
        assertTrue(changed > 200, "the tile's west edge is outlined: " + changed);
        assertEquals(plain.getArgb(LEFT + 200, TOP + 200), grid.getArgb(LEFT + 200, TOP + 200));
    }

    @Test
    void theGridTellsStoredTilesFromMissingOnesAndFromTilesPastMaxZoom(FxRobot robot) throws Exception {
        // A layer like the others with one z11 tile gone, as if the parse had dropped it as empty.
        int holed = ParsedFile.parse(database.dataSource(), "holed", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
        TileKey gone = new TileKey(11, 553, 859);
        try (var c = database.dataSource().getConnection(); var ps = c.prepareStatement("DELETE FROM "
                + "raster_rastertile WHERE rasterlayer_id = ? AND tilez = 11 AND tilex = 553 AND tiley = 859")) {
            ps.setInt(1, holed);
            assertEquals(1, ps.executeUpdate());
        }
        LayerSummary summary = new LayerSummary(holed, "holed", DataType.CATEGORICAL, ParseStatus.FINISHED, 14,
                Instant.now());
        robot.interact(() -> pane.select(summary));
        OnFx.waitUntil(() -> !pane.map().layers().isEmpty()
                && pane.map().layers().get(0).renderer() != null);
        Extent b = WebMercator.tileBounds(TILE);
        robot.interact(() -> {
            MapViewport v = pane.map().viewport();
            double res = WebMercator.pixelSize(11);
            pane.map().viewportProperty().set(new MapViewport(b.minX() + (v.width() / 2 - LEFT) * res,
                    b.maxY() - (v.height() / 2 - TOP) * res, 11, v.width(), v.height()));
            pane.map().gridVisibleProperty().set(true);
        });
        waitForTiles();
        TileGridPainter.Status stored = pane.map().gridStatus(TILE);
        assertEquals(TileGridPainter.Kind.STORED, stored.kind());
        TileGridPainter.Status missing = pane.map().gridStatus(gone);
        assertEquals(TileGridPainter.Kind.NO_TILE, missing.kind());
        assertEquals(java.util.Optional.of(new TileKey(10, 276, 429)), missing.source(),
                "the z10 tile stands in for the missing one");
        // The missing tile is shaded; the stored one beside it is not (away from lines and labels).
        PixelReader shot = snapshotMap(robot).getPixelReader();
        MapViewport v = pane.map().viewport();
        int gx = (int) v.tileLeft(gone.x()) + 200;
        int gy = (int) v.tileTop(gone.y()) + 200;
        robot.interact(() -> pane.map().gridVisibleProperty().set(false));
        WaitForAsyncUtils.waitForFxEvents();
        PixelReader plain = snapshotMap(robot).getPixelReader();
        assertNotEquals(plain.getArgb(gx, gy), shot.getArgb(gx, gy), "the missing tile is shaded");
        assertEquals(plain.getArgb(LEFT + 200, TOP + 200), shot.getArgb(LEFT + 200, TOP + 200));

        robot.interact(() -> {
            pane.map().gridVisibleProperty().set(true);
            pane.map().zoomBy(1, LEFT + 10, TOP + 10);
        });
        waitForTiles();
        TileGridPainter.Status deeper = pane.map().gridStatus(new TileKey(12, TILE.x() * 2, TILE.y() * 2));
        assertEquals(TileGridPainter.Kind.BEYOND_MAX_ZOOM, deeper.kind());
        assertEquals(java.util.Optional.of(TILE), deeper.source());
    }

    @Test
    void opacityBlendsTheLayerWithWhatIsBeneath(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        robot.interact(() -> pane.map().layers().get(0).opacityProperty().set(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        PixelReader shot = snapshotMap(robot).getPixelReader();
        int checked = 0;
        for (int i = 0; i < values.length; i += 7) {
            Integer color = values[i] == null ? null : LEGEND.get(values[i].intValue());
            if (color == null) {
                continue;
            }
            int actual = shot.getArgb(LEFT + i % 256, TOP + i / 256);
            for (int shift = 0; shift <= 16; shift += 8) {
                int under = (0xEEF0F1 >> shift) & 0xFF;
                int over = (color >> shift) & 0xFF;
                assertEquals((under + over) / 2.0, (actual >> shift) & 0xFF, 2.0, "pixel " + i);
            }
            checked++;
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void aKeptLayerStaysBeneathTheNextSelectedOne(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        robot.interact(() -> pane.map().layers().get(0).keptProperty().set(true));
        robot.interact(() -> pane.select(second));
        OnFx.waitUntil(() -> pane.map().layers().size() == 2
                && pane.map().layers().get(0).renderer() != null);
        assertEquals(List.of(second.id(), layer.id()), pane.map().layers().stream().map(MapLayer::layerId).toList(),
                "the selected layer on top of the kept one");
        robot.interact(() -> pane.map().layers().get(0).opacityProperty().set(0.0));
        waitForTiles();
        assertTileOnScreen(snapshotMap(robot).getPixelReader(), LEFT, TOP);

        robot.interact(() -> pane.map().layers().get(0).opacityProperty().set(1.0));
        waitForTiles();
        PixelReader shot = snapshotMap(robot).getPixelReader();
        for (int i = 0; i < values.length; i += 11) {
            // The layer without legend draws a colour per value; nodata lets the kept layer's colour show.
            int want = values[i] == null ? expected(null)
                    : org.rasterdesk.render.QualitativeColormap.colorOf(values[i]);
            assertEquals(Integer.toHexString(want), Integer.toHexString(shot.getArgb(LEFT + i % 256, TOP + i / 256)),
                    "pixel " + i);
        }
        robot.interact(() -> pane.select(layer));
        assertEquals(List.of(layer.id()), pane.map().layers().stream().map(MapLayer::layerId).toList(),
                "selecting the kept layer again adds nothing and lets the unkept one go");
        robot.interact(() -> pane.map().layers().forEach(l -> l.keptProperty().set(false)));
    }

    @Test
    void theLegendBesideTheMapCountsThePixelsOfTheView(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        org.rasterdesk.ui.legend.LegendPanel panel = pane.legendPanel();
        assertEquals(List.of("1", "3.0", "(x > 4.5) & (x < 5.5)", "x >= 8"), panel.expressions());
        // Every stored tile's pixels that fall inside the map, counted per entry from PostGIS's values.
        long[] counts = new long[4];
        MapViewport v = pane.map().viewport();
        for (TileKey key : List.of(TILE, new TileKey(11, 553, 858), new TileKey(11, 552, 859),
                new TileKey(11, 553, 859))) {
            Double[] tile = PostgisTileValues.of(database.dataSource(), layer.id(), key);
            double left = v.tileLeft(key.x());
            double top = v.tileTop(key.y());
            for (int i = 0; i < tile.length; i++) {
                double x = left + i % 256;
                double y = top + i / 256;
                if (tile[i] == null || x < 0 || y < 0 || x >= v.width() || y >= v.height()) {
                    continue;
                }
                double value = tile[i];
                counts[0] += value == 1 ? 1 : 0;
                counts[1] += value == 3 ? 1 : 0;
                counts[2] += value > 4.5 && value < 5.5 ? 1 : 0;
                counts[3] += value >= 8 ? 1 : 0;
            }
        }
        java.text.NumberFormat format = java.text.NumberFormat.getIntegerInstance();
        assertTrue(counts[1] + counts[3] > 1000, java.util.Arrays.toString(counts));
        assertEquals(List.of(format.format(counts[0]), format.format(counts[1]), format.format(counts[2]),
                format.format(counts[3])), panel.expressions().stream().map(panel::countText).toList());
    }

    @Test
    void aLegendEditedButNotSavedRestylesTheMapAtOnce(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        List<LegendEntry> edited = new java.util.ArrayList<>(legend.entries());
        edited.set(0, edited.get(0).withColor("#0ff"));
        robot.interact(() -> pane.previewLegend(legend.id(), new Legend(legend.id(), legend.title(), null, edited, null, null),
                java.util.Optional.empty()));
        waitForTiles();
        PixelReader shot = snapshotMap(robot).getPixelReader();
        int cyan = 0;
        for (int i = 0; i < values.length; i++) {
            int want = values[i] != null && values[i] == 1 ? 0xFF00FFFF : expected(values[i]);
            assertEquals(Integer.toHexString(want), Integer.toHexString(shot.getArgb(LEFT + i % 256, TOP + i / 256)),
                    "pixel " + i);
            cyan += want == 0xFF00FFFF ? 1 : 0;
        }
        assertTrue(cyan > 0, "some pixels of value 1 are on screen");
    }

    @Test
    void theViewExportsAsThePngOfWhatIsShown(FxRobot robot) throws Exception {
        showLayerWithTileAt(robot, LEFT, TOP);
        Path out = tmp.resolve("view.png");
        robot.interact(() -> {
            try {
                pane.exportView(out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        BufferedImage png = ImageIO.read(out.toFile());
        assertEquals((int) pane.map().getWidth(), png.getWidth());
        assertEquals((int) pane.map().getHeight(), png.getHeight());
        for (int i = 0; i < values.length; i += 13) {
            assertEquals(expected(values[i]), png.getRGB(LEFT + i % 256, TOP + i / 256), "pixel " + i);
        }
    }

    @Test
    void aLostConnectionIsSaidOnTheMapAndTheTilesDrawnStay(FxRobot robot) throws Exception {
        Database second = Database.open(database.settings(), false);
        robot.interact(() -> pane.dataSourceProperty().set(second.dataSource()));
        try {
            showLayerWithTileAt(robot, LEFT, TOP);
            second.close();
            // Deeper: tiles the map has not drawn yet (the first framing drew z12), to be read from a database
            // that is gone.
            robot.interact(() -> pane.map().zoomBy(2, LEFT + 128, TOP + 128));
            OnFx.waitUntil(() -> robot.lookup("#map-notice")
                    .queryAs(javafx.scene.control.Label.class).getText().startsWith("Cannot read tile"));
            String notice = robot.lookup("#map-notice").queryAs(javafx.scene.control.Label.class).getText();
            assertTrue(notice.contains("land cover"), notice);
            // What was drawn stays: the z11 tile stands in, blown up, for the tiles that could not be read.
            WaitForAsyncUtils.waitForFxEvents();
            PixelReader shot = snapshotMap(robot).getPixelReader();
            MapViewport v = pane.map().viewport();
            // The z13 tile under the point zoomed around starts at the middle of the z11 tile, 4 times finer.
            double left = v.tileLeft(TILE.x() * 4 + 2);
            double top = v.tileTop(TILE.y() * 4 + 2);
            assertEquals(LEFT + 128, left);
            for (int row = 0; row < 256; row += 5) {
                for (int col = 0; col < 256; col += 5) {
                    assertEquals(expected(values[(128 + row / 4) * 256 + 128 + col / 4]),
                            shot.getArgb((int) left + col, (int) top + row), "screen " + col + "," + row);
                }
            }
        } finally {
            second.close();
            robot.interact(() -> pane.dataSourceProperty().set(database.dataSource()));
        }
    }

    /** Puts the layer on the map and the tile's north-west corner at (left, top) of the map, tiles drawn. */
    private void showLayerWithTileAt(FxRobot robot, int left, int top) throws TimeoutException {
        robot.interact(() -> pane.select(layer));
        OnFx.waitUntil(() -> !pane.map().layers().isEmpty()
                && pane.map().layers().get(0).renderer() != null);
        Extent b = WebMercator.tileBounds(TILE);
        robot.interact(() -> {
            MapViewport v = pane.map().viewport();
            double res = WebMercator.pixelSize(TILE.z());
            pane.map().viewportProperty().set(new MapViewport(b.minX() + (v.width() / 2 - left) * res,
                    b.maxY() - (v.height() / 2 - top) * res, TILE.z(), v.width(), v.height()));
        });
        assertEquals(left, pane.map().viewport().tileLeft(TILE.x()));
        assertEquals(top, pane.map().viewport().tileTop(TILE.y()));
        waitForTiles();
    }

    private void waitForTiles() throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        OnFx.waitUntil(() -> pane.isSettled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The map as the screen shows it: the scene's pixels over the map's area (floating panels included). */
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

    private static void assertTileOnScreen(PixelReader shot, int left, int top) {
        int painted = 0;
        for (int row = 0; row < 256; row++) {
            for (int col = 0; col < 256; col++) {
                Double v = values[row * 256 + col];
                int expected = expected(v);
                assertEquals(Integer.toHexString(expected), Integer.toHexString(shot.getArgb(left + col, top + row)),
                        "screen " + (left + col) + "," + (top + row) + " value " + v);
                if (expected != 0xFFEEF0F1) {
                    painted++;
                }
            }
        }
        assertTrue(painted > 1000, "painted " + painted);
        assertNotEquals(0, painted);
    }

    /** The colour the legend gives a value over the map's background (#eef0f1) where it gives none. */
    private static int expected(Double value) {
        Integer c = value == null ? null : LEGEND.get(value.intValue());
        return c == null ? 0xFFEEF0F1 : c;
    }
}
