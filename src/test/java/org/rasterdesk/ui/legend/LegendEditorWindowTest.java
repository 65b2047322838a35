package org.rasterdesk.ui.legend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.ui.MainWindow;
import org.rasterdesk.ui.MainWindowFixture;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The legend editor as the main window opens it, and what a save changes in the main window. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LegendEditorWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("legend-window-test");

    private static Database database;

    private MainWindow window;
    private final List<Integer> saved = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openDatabase() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_legend_window_test"), false);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.setOnLegendSaved(saved::add);
        MainWindowFixture.show(stage, window, 1100, 760);
    }

    @AfterEach
    void closeEditor(FxRobot robot) {
        robot.interact(() -> {
            if (window.legendEditor().stage() != null) {
                window.legendEditor().stage().hide();
            }
        });
    }

    @Test
    void toolBarButtonAndShortcutOpenTheEditorWindow(FxRobot robot) throws Exception {
        waitUntil(() -> !robot.lookup("#open-legends").queryButton().isDisabled());
        robot.clickOn("#open-legends");
        waitUntil(() -> editorWindowShowing());
        robot.interact(() -> window.legendEditor().stage().hide());
        waitUntil(() -> !editorWindowShowing());

        robot.clickOn("#refresh-layers");
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        waitUntil(() -> editorWindowShowing());
    }

    @Test
    void savedLegendIsOfferedInTheLayerFormAtOnce(FxRobot robot) throws Exception {
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("Land use"));
        robot.interact(() -> window.layerList().refresh());
        waitUntil(() -> window.layerList().layers().stream().anyMatch(s -> s.id() == layer.id()));
        robot.interact(() -> window.layerList().table().getSelectionModel().select(
                window.layerList().layers().stream().filter(s -> s.id() == layer.id()).findFirst().orElseThrow()));
        waitUntil(() -> window.inspector().snapshotProperty().get() != null);

        robot.interact(window::openLegendEditor);
        waitUntil(() -> editorWindowShowing());
        LegendEditor editor = window.legendEditor();
        robot.interact(editor::newLegend);
        TextField title = robot.from(editor.getView()).lookup("#legend-title").queryAs(TextField.class);
        robot.interact(() -> title.setText("Zoning 2024"));
        robot.interact(editor::save);
        waitUntil(() -> saved.size() == 1 && !editor.savingProperty().get());
        assertEquals(editor.editingId(), saved.get(0));

        @SuppressWarnings("unchecked")
        ComboBox<Object> chooser = (ComboBox<Object>) robot.from(window.getView()).lookup("#layer-legend")
                .queryAs(ComboBox.class);
        waitUntil(() -> chooser.getItems().stream().anyMatch(c -> c.toString().equals("Zoning 2024")));
        assertTrue(window.inspector().snapshotProperty().get().legends().stream()
                .anyMatch(l -> l.title().equals("Zoning 2024")));
    }

    @Test
    void closingTheWindowAsksAboutUnsavedLegendEdits(FxRobot robot) throws Exception {
        robot.interact(window::openLegendEditor);
        waitUntil(() -> editorWindowShowing());
        LegendEditor editor = window.legendEditor();
        robot.interact(editor::newLegend);
        TextField title = robot.from(editor.getView()).lookup("#legend-title").queryAs(TextField.class);
        robot.interact(() -> title.setText("Half-made legend"));
        assertTrue(window.hasUnsavedLegend());

        // What the application's close request runs; the dialog waits, so it is started, not awaited.
        boolean[] closed = {false};
        javafx.application.Platform.runLater(() -> window.confirmLeave(() -> closed[0] = true));
        clickDialogButton(robot, "Cancel");
        assertFalse(closed[0], "Cancel keeps the window open");
        assertTrue(window.hasUnsavedLegend());

        javafx.application.Platform.runLater(() -> window.confirmLeave(() -> closed[0] = true));
        clickDialogButton(robot, "Discard");
        assertTrue(closed[0], "Discard lets the window close");
        assertFalse(window.hasUnsavedLegend());
    }

    private static void clickDialogButton(FxRobot robot, String text) throws TimeoutException {
        waitUntil(() -> robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(text)).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(text)).<javafx.scene.Node>query());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean editorWindowShowing() {
        return Window.getWindows().stream().anyMatch(w -> w.isShowing() && w.getScene() != null
                && "legend-editor".equals(w.getScene().getRoot().getId()));
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        OnFx.waitUntil(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
