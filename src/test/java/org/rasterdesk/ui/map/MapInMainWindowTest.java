package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.MainWindow;
import org.rasterdesk.ui.common.Stylesheet;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The map as part of the main window: it follows the layer list's selection and the list's changes. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MapInMainWindowTest {

    private static Database database;
    private static BackgroundThreads background;
    private static int layerId;

    private MainWindow window;

    @BeforeAll
    static void parse() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_map_window_test"), false);
        background = new BackgroundThreads("map-window-test", 2);
        layerId = ParsedFile.parse(database.dataSource(), "Florida classes", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
    }

    @AfterAll
    static void close() {
        background.close();
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(database, background);
        Scene scene = new Scene(window.getView(), 1240, 790);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        window.dispose();
    }

    @Test
    void selectingALayerInTheListDrawsItOnTheMapAndDeletingItTakesItOff(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.layerList().layers().isEmpty());
        LayerSummary row = window.layerList().layers().stream().filter(l -> l.id() == layerId).findFirst()
                .orElseThrow();
        robot.interact(() -> window.layerList().table().getSelectionModel().select(row));
        MapPane pane = window.mapPane();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.map().layers().size() == 1
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
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> pane.map().layers().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("No layer", robot.lookup("#legend-panel-title").queryAs(Label.class).getText());
    }
}
