package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.ParseRuns;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.PendingTileWriter;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.ui.MainWindow;
import org.rasterdesk.ui.MainWindowFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The map as part of the main window: it follows the layer list's selection and the list's changes, and the work:
 * a layer just added is selected and framed once its first tiles exist, a layer selected out of sight is framed.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MapInMainWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("map-in-main-window-test");

    private static Database database;
    private static int layerId;
    private static int firstCopy;
    private static int secondCopy;

    private MainWindow window;

    @BeforeAll
    static void parse() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_map_window_test"), false);
        layerId = ParsedFile.parse(database.dataSource(), "Florida classes", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
        firstCopy = ParsedFile.parse(database.dataSource(), "Florida A", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
        secondCopy = ParsedFile.parse(database.dataSource(), "Florida B", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        MainWindowFixture.show(stage, window, 1240, 790);
    }

    @Test
    void theMapsToolBarShowsAllItsToolsAtTheDefaultSize(FxRobot robot) {
        // The widest zoom label, "z18".
        robot.interact(() -> {
            MapViewport v = window.mapPane().map().viewport();
            window.mapPane().map().viewportProperty().set(new MapViewport(v.centerX(), v.centerY(), 18, v.width(),
                    v.height()));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            javafx.scene.control.ToolBar bar = robot.lookup(".map-tool-bar").queryAs(javafx.scene.control.ToolBar.class);
            // The skin's ">>" button is shown as soon as one item does not fit and is hidden behind it.
            javafx.scene.Node overflow = robot.from(bar).lookup(".tool-bar-overflow-button").query();
            assertTrue(overflow == null || !overflow.isVisible(), "items behind >> in a bar of " + bar.getWidth()
                    + " px: " + bar.getItems().stream().map(n -> n.getId() + " " + n.prefWidth(-1)).toList());
            assertTrue(bar.getItems().stream().allMatch(javafx.scene.Node::isVisible));
            assertTrue(robot.lookup("#map-export").query().isVisible());
        });
    }

    @Test
    void selectingALayerInTheListDrawsItOnTheMapAndDeletingItTakesItOff(FxRobot robot) throws Exception {
        OnFx.waitUntil(() -> !window.layerList().layers().isEmpty());
        LayerSummary row = window.layerList().layers().stream().filter(l -> l.id() == layerId).findFirst()
                .orElseThrow();
        robot.interact(() -> window.layerList().table().getSelectionModel().select(row));
        MapPane pane = window.mapPane();
        OnFx.waitUntil(() -> pane.map().layers().size() == 1
                && pane.map().layers().get(0).renderer() != null && pane.isSettled());
        assertEquals("Florida classes", robot.lookup("#legend-panel-title").queryAs(Label.class).getText());

        // Framed: the middle of the layer's data is on the map and drawn in a colour of its own.
        Extent data = pane.map().layers().get(0).styleProperty().get().extent().orElseThrow();
        double x = pane.map().viewport().screenX((data.minX() + data.maxX()) / 2);
        double y = pane.map().viewport().screenY((data.minY() + data.maxY()) / 2);
        assertTrue(x > 0 && x < pane.map().getWidth() && y > 0 && y < pane.map().getHeight(), x + "," + y);
        int[] colored = {0};
        robot.interact(() -> {
            WritableImage shot = window.getView().getScene().snapshot(null);
            Point2D origin = pane.map().localToScene(0, 0);
            for (int dy = -20; dy <= 20; dy += 4) {
                for (int dx = -20; dx <= 20; dx += 4) {
                    int argb = shot.getPixelReader().getArgb((int) (origin.getX() + x + dx),
                            (int) (origin.getY() + y + dy));
                    colored[0] += argb != 0xFFEEF0F1 && argb != 0xFFD9DCDE ? 1 : 0;
                }
            }
        });
        assertNotEquals(0, colored[0], "the layer's pixels are drawn where its data is");

        new RasterLayerRepository(database.dataSource()).delete(layerId);
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> pane.map().layers().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("No layer", robot.lookup("#legend-panel-title").queryAs(Label.class).getText());
    }

    @Test
    void aLayerAddedIsSelectedAndFramedOnceItsFirstTilesExist(FxRobot robot) throws Exception {
        OnFx.waitUntil(() -> window.layerList().loadedProperty().get());
        MapPane pane = window.mapPane();
        // As a user has it: another layer selected when the file comes in. The list, shown again with the new
        // layer, put that selection back after the new layer had been selected.
        select(robot, layerId);
        MapViewport before = pane.map().viewport();
        robot.interact(() -> window.intake().addFiles(List.of(ParsedFile.data("real/RGB.byte.tif"))));
        // Selected at once (the log follows its parse); the map waits for its tiles and then frames it.
        OnFx.waitUntil(() -> window.layerList().selectedLayerProperty().get() != null
                && window.layerList().selectedLayerProperty().get().name().startsWith("RGB"));
        OnFx.waitUntil(180, () -> !pane.map().layers().isEmpty()
                && pane.map().layers().get(0).nameProperty().get().startsWith("RGB")
                && pane.map().layers().get(0).styleProperty().get() != null
                && pane.map().layers().get(0).styleProperty().get().extent().isPresent() && pane.isSettled());
        Extent data = pane.map().layers().get(0).styleProperty().get().extent().orElseThrow();
        MapViewport framed = pane.map().viewport();
        assertNotEquals(before, framed);
        assertTrue(data.width() > 200_000, "the Bahamas image: " + data);
        assertFramed(pane, data);
    }

    @Test
    void aNewLayerBeingParsedIsOpenedAgainWhenItsParseEndsNotAtEachTileCountTheListShows(FxRobot robot)
            throws Exception {
        OnFx.waitUntil(() -> window.layerList().loadedProperty().get());
        javax.sql.DataSource ds = database.dataSource();
        int id = new RasterLayerRepository(ds).create(org.rasterdesk.layer.RasterLayer.create("Being parsed")).id();
        ParseStatusRepository statuses = new ParseStatusRepository(ds);
        statuses.log(id, "Creating tiles", ParseStatus.CREATING_TILES, null);
        // A new layer's parse as the engine runs it: a run whose tiles are the layer's as they are written.
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(id);
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream().anyMatch(l -> l.id() == id));
        select(robot, id);
        MapPane pane = window.mapPane();
        MapLayer shown = OnFx.read(() -> pane.map().layers().get(0));
        assertTrue(OnFx.read(() -> shown.styleProperty().get().tiles().isEmpty()), "no tiles while it is parsed");
        AtomicInteger opened = new AtomicInteger();
        robot.interact(() -> shown.styleProperty().addListener((o, was, now) -> opened.incrementAndGet()));

        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse, id)) {
            for (int x = 0; x < 4; x++) {
                writer.add(new TileKey(2, x, 1), MapLayerOpenerTest.tileWkb(ds, 2, x, 1));
                writer.flush();
                long count = x + 1;
                // The list counts a layer's tiles again when its log changes: a parse logs as it goes.
                statuses.log(id, count + " tiles made");
                robot.interact(() -> window.layerList().refresh());
                OnFx.waitUntil(() -> window.layerList().layers().stream()
                        .anyMatch(l -> l.id() == id && l.tileCount() == count));
                WaitForAsyncUtils.waitForFxEvents();
            }
        }
        // The end as the parse's final transaction makes it: the run ends, the layer's status says finished.
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE rasterdesk_parse SET finished = now(), outcome = 'finished' WHERE id = ?")) {
            ps.setLong(1, parse);
            ps.executeUpdate();
        }
        statuses.log(id, "Finished", ParseStatus.FINISHED, null);
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> OnFx.read(() -> shown.styleProperty().get().tiles().isPresent()) && pane.isSettled());
        // Opened again late by a refresh before the end, the layer would have been restyled more than once.
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> !window.layerList().loadingProperty().get() && pane.isSettled());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, opened.get(), "opened again once, when the parse ended, not at each of the 4 tile counts");
        assertTrue(OnFx.read(() -> shown.styleProperty().get().extent().isPresent()), "drawn and framed at the end");
    }

    @Test
    void aLayerSelectedOutOfSightIsFramedAndOneInSightLeavesTheMapWhereItIs(FxRobot robot) throws Exception {
        OnFx.waitUntil(() -> window.layerList().loadedProperty().get());
        MapPane pane = window.mapPane();
        select(robot, firstCopy);
        Extent data = pane.map().layers().get(0).styleProperty().get().extent().orElseThrow();
        assertFramed(pane, data);

        // One level out the layer is still well in sight: its copy, on the same ground, is shown where the map is.
        robot.interact(() -> pane.map().zoomBy(-1, pane.map().getWidth() / 2, pane.map().getHeight() / 2));
        MapViewport out = pane.map().viewport();
        select(robot, secondCopy);
        assertEquals(out, pane.map().viewport());

        // Far away (the other side of the world), selecting the first again frames it.
        robot.interact(() -> pane.map().viewportProperty().set(out.withCenter(
                org.rasterdesk.tiling.WebMercator.longitudeToX(100), 0)));
        select(robot, firstCopy);
        assertFramed(pane, data);

        // A speck: zoomed out to the whole world the layer is a pixel; selecting it again frames it.
        robot.interact(() -> pane.map().viewportProperty().set(MapViewport.world(out.width(), out.height())));
        select(robot, secondCopy);
        assertFramed(pane, data);
    }

    private void select(FxRobot robot, int id) throws Exception {
        LayerSummary row = window.layerList().layers().stream().filter(l -> l.id() == id).findFirst().orElseThrow();
        robot.interact(() -> window.layerList().table().getSelectionModel().select(row));
        MapPane pane = window.mapPane();
        OnFx.waitUntil(() -> !pane.map().layers().isEmpty()
                && pane.map().layers().get(0).layerId() == id && pane.map().layers().get(0).renderer() != null
                && pane.isSettled());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The data fills the map as well as a whole zoom level allows, in the part the floating panels leave free. */
    private static void assertFramed(MapPane pane, Extent data) {
        MapViewport v = pane.map().viewport();
        double left = v.screenX(data.minX());
        double right = v.screenX(data.maxX());
        double top = v.screenY(data.maxY());
        double bottom = v.screenY(data.minY());
        assertTrue(left >= -1 && right <= v.width() + 1 && top >= -1 && bottom <= v.height() + 1,
                "the whole data in view: " + left + ".." + right + " x " + top + ".." + bottom);
        // One level deeper it would not fit: twice the size across or down passes the view (or the free part).
        assertTrue((right - left) * 2 > v.width() - 260 || (bottom - top) * 2 > v.height(),
                "as deep as it fits: " + (right - left) + " x " + (bottom - top) + " in " + v.width() + " x "
                        + v.height());
    }
}
