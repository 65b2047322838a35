package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.map.MapPane;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The selected layer and the map's view come back in the next run: saved with the window's layout at exit, the next
 * window selects the layer once listed and shows the saved centre and zoom instead of framing the layer.
 */
@Tag("gui")
class SavedViewTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("saved-view-test");

    private static Database database;
    private static int first;
    private static int second;

    @TempDir
    Path dir;

    @BeforeAll
    static void parse() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_saved_view_test"), false);
        first = ParsedFile.parse(database.dataSource(), "Florida first", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
        second = ParsedFile.parse(database.dataSource(), "Florida second", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theSelectedLayerAndTheMapsViewComeBackInTheNextRun() throws Exception {
        FxRobot robot = new FxRobot();
        FxToolkit.registerPrimaryStage();
        Stage stage = WaitForAsyncUtils.asyncFx((Callable<Stage>) Stage::new).get();
        WindowLayout layout = new WindowLayout(dir.resolve("window.properties"));
        try {
            MainWindow before = show(robot, stage);
            OnFx.waitUntil(() -> before.layerList().layers().size() == 2);
            LayerSummary chosen = OnFx.read(() -> before.layerList().layers().stream().filter(l -> l.id() == second)
                    .findFirst().orElseThrow());
            robot.interact(() -> before.layerList().table().getSelectionModel().select(chosen));
            awaitDrawn(before.mapPane(), second);
            // Closer in than the framing, a little off the layer's centre: a view the user made.
            MapViewport framed = OnFx.read(() -> before.mapPane().map().viewport());
            MapViewport chosenView = new MapViewport(framed.centerX() + 2 * framed.resolution(),
                    framed.centerY() - 3 * framed.resolution(), framed.zoom() + 2, framed.width(), framed.height());
            robot.interact(() -> before.mapPane().map().viewportProperty().set(chosenView));
            robot.interact(() -> layout.save(stage, before.getView(), SavedView.of(before)));
            fixture.dispose(before);

            MainWindow after = WaitForAsyncUtils.asyncFx(() -> fixture.window(database)).get();
            SavedView saved = layout.savedView();
            assertNotNull(saved, "the view was saved");
            robot.interact(() -> {
                // As the application does: the view is restored before the database's layers are listed.
                saved.restoreInto(after);
                showIn(stage, after);
            });
            OnFx.waitUntil(() -> {
                LayerSummary selected = after.layerList().selectedLayerProperty().get();
                return selected != null && selected.id() == second;
            });
            awaitDrawn(after.mapPane(), second);
            MapViewport v = OnFx.read(() -> after.mapPane().map().viewport());
            assertEquals(chosenView.zoom(), v.zoom(), "the zoom");
            assertEquals(chosenView.centerX(), v.centerX(), 0.01, "the centre's x");
            assertEquals(chosenView.centerY(), v.centerY(), 0.01, "the centre's y");
            fixture.dispose(after);
        } finally {
            WaitForAsyncUtils.asyncFx(stage::hide).get();
        }
    }

    private static MainWindow show(FxRobot robot, Stage stage) throws Exception {
        MainWindow window = WaitForAsyncUtils.asyncFx(() -> fixture.window(database)).get();
        robot.interact(() -> showIn(stage, window));
        return window;
    }

    private static void showIn(Stage stage, MainWindow window) {
        MainWindowFixture.show(stage, window, WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT);
    }

    private static void awaitDrawn(MapPane pane, int layerId) throws Exception {
        OnFx.waitUntil(() -> pane.map().layers().size() == 1
                && pane.map().layers().get(0).layerId() == layerId && pane.map().layers().get(0).renderer() != null
                && pane.isSettled());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
