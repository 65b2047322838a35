package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.ui.common.HeldTaskExecutor;
import org.rasterdesk.ui.parse.QueuedParse;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's shortcuts work wherever the focus is: Esc cancels the selected layer's parse from the log pane
 * (where Save leaves the focus), not only from the layer list.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class WindowShortcutsTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("shortcuts-test");

    private static Database database;
    private static RasterLayer layer;

    private MainWindow window;
    /** Parses wait here: the parse stays queued, so that only Esc can end it. */
    private final HeldTaskExecutor parsing = new HeldTaskExecutor();

    @BeforeAll
    static void openDatabase() throws SQLException {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_shortcuts_test"), false);
        layer = new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("Slope_under_score"));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database, parsing);
        MainWindowFixture.show(stage, window, 1100, 700);
    }

    @Test
    void escCancelsTheSelectedParseWhileTheLogPaneHasTheFocus(FxRobot robot) throws Exception {
        QueuedParse parse = startParseOfSelectedLayer(robot);
        ListView<?> log = robot.lookup(".parse-log").queryAs(ListView.class);
        robot.interact(log::requestFocus);
        assertTrue(log.isFocused());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(parse.isCancelRequested(), "Esc in the log pane cancels the selected layer's parse");
    }

    private QueuedParse startParseOfSelectedLayer(FxRobot robot) throws Exception {
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layer.id()));
        AtomicReference<QueuedParse> parse = new AtomicReference<>();
        robot.interact(() -> {
            window.layerList().layers().stream().filter(l -> l.id() == layer.id()).findFirst()
                    .ifPresent(l -> window.layerList().table().getSelectionModel().select(l));
            parse.set(window.parseQueue().start(layer.id(), layer.name()));
        });
        assertFalse(parse.get().isCancelRequested());
        return parse.get();
    }
}
