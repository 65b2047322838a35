package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** The main window's menu bar on a real PostGIS, shown headless by Monocle: its items, keys and what they do. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MainMenuTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("menu-test");

    private static Database database;

    private MainWindow window;
    private final AtomicInteger quits = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private final AtomicInteger abouts = new AtomicInteger();

    @BeforeAll
    static void openDatabase() throws SQLException {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_menu_test"), false);
        new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("Slope"));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.setOnQuit(quits::incrementAndGet);
        window.setOnChangeDatabase(connects::incrementAndGet);
        window.setOnAbout(abouts::incrementAndGet);
        MainWindowFixture.show(stage, window, 1100, 700);
    }

    @AfterEach
    void stopWindow(FxRobot robot) {
        robot.interact(() -> {
            if (window.legendEditor().stage() != null) {
                window.legendEditor().stage().hide();
            }
        });
    }

    @Test
    void theMenusHoldTheDesktopCommandsInTheirUsualPlaces(FxRobot robot) {
        MenuBar bar = robot.lookup("#main-menu").queryAs(MenuBar.class);
        assertEquals(List.of("File", "Edit", "Parse", "View", "Help"),
                bar.getMenus().stream().map(Menu::getText).toList());
        assertEquals(List.of("Add file…", "Add URL…", "Connect to database…", "Export", "Serve tiles…", "Quit"), texts(bar, 0));
        assertEquals(List.of("Map view as PNG…", "Legend as PNG…"),
                ((Menu) item(bar, "menu-export")).getItems().stream().map(MenuItem::getText).toList());
        assertEquals(List.of("Layer form", "Legends…", "Delete", "Duplicate"), texts(bar, 1));
        assertEquals(List.of("Parse on workers"), texts(bar, 2));
        assertEquals(List.of("Fit layer", "Tile grid", "Log pane"), texts(bar, 3));
        assertEquals(List.of("About RasterDesk"), texts(bar, 4));
        assertEquals(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), item(bar, "menu-quit").getAccelerator());
        assertEquals(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN),
                item(bar, "menu-add-file").getAccelerator());
        assertEquals(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                item(bar, "menu-legends").getAccelerator());
    }

    @Test
    void ctrlQQuitsAndTheMenuItemsReachTheApplication(FxRobot robot) throws Exception {
        robot.clickOn("#refresh-layers");
        robot.press(KeyCode.CONTROL).press(KeyCode.Q).release(KeyCode.Q).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, quits.get(), "Ctrl+Q");

        robot.clickOn("File").clickOn("Quit");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, quits.get(), "File › Quit");
        robot.clickOn("File").clickOn("Connect to database…");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, connects.get());
        robot.clickOn("Help").clickOn("About RasterDesk");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, abouts.get());
    }

    @Test
    void quitWithUnsavedLegendEditsAsksFirstAndCancelStays(FxRobot robot) throws Exception {
        robot.interact(window::openLegendEditor);
        waitUntil(() -> window.legendEditor().stage() != null && window.legendEditor().stage().isShowing());
        robot.interact(window.legendEditor()::newLegend);
        TextField title = robot.from(window.legendEditor().getView()).lookup("#legend-title").queryAs(TextField.class);
        robot.interact(() -> title.setText("Half-made legend"));

        // The question waits for an answer: the menu item is fired, not awaited.
        javafx.application.Platform.runLater(() -> item(robot.lookup("#main-menu").queryAs(MenuBar.class),
                "menu-quit").fire());
        clickDialogButton(robot, "Cancel");
        assertEquals(0, quits.get(), "Cancel keeps RasterDesk open");
        javafx.application.Platform.runLater(() -> item(robot.lookup("#main-menu").queryAs(MenuBar.class),
                "menu-quit").fire());
        clickDialogButton(robot, "Discard");
        assertEquals(1, quits.get(), "Discard quits");
    }

    @Test
    void viewItemsTurnTheTileGridOnAndHideTheLogPane(FxRobot robot) {
        Node log = window.logPane().getView();
        assertFalse(window.mapPane().map().gridVisibleProperty().get());
        robot.clickOn("View").clickOn("Tile grid");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.mapPane().map().gridVisibleProperty().get());
        assertTrue(robot.lookup("#map-grid").queryAs(javafx.scene.control.ToggleButton.class).isSelected(),
                "the tool bar's toggle follows");

        assertTrue(log.getScene() != null);
        robot.clickOn("View").clickOn("Log pane");
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(log.getScene(), "the log pane left the window");
        assertFalse(((CheckMenuItem) item(robot.lookup("#main-menu").queryAs(MenuBar.class), "menu-log-pane"))
                .isSelected());
        robot.clickOn("View").clickOn("Log pane");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(log.getScene() != null, "and came back");
    }

    @Test
    void editItemsActOnTheSelectedLayer(FxRobot robot) throws Exception {
        MenuBar bar = robot.lookup("#main-menu").queryAs(MenuBar.class);
        waitUntil(() -> window.layerList().layers().size() == 1);
        assertTrue(item(bar, "menu-duplicate").isDisable(), "nothing selected");
        LayerSummary slope = window.layerList().layers().get(0);
        robot.interact(() -> window.layerList().table().getSelectionModel().select(slope));
        waitUntil(() -> window.inspector().snapshotProperty().get() != null);
        assertFalse(item(bar, "menu-duplicate").isDisable());

        robot.clickOn("Edit").clickOn("Layer form");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("layer-name", window.getView().getScene().getFocusOwner().getId());

        robot.clickOn("Edit").clickOn("Duplicate");
        waitUntil(() -> window.layerList().layers().size() == 2);
        assertTrue(window.layerList().layers().stream().anyMatch(l -> l.name().equals("Slope (copy)")),
                window.layerList().layers().toString());
    }

    private static List<String> texts(MenuBar bar, int menu) {
        return bar.getMenus().get(menu).getItems().stream().filter(i -> !(i instanceof SeparatorMenuItem))
                .map(MenuItem::getText).toList();
    }

    private static MenuItem item(MenuBar bar, String id) {
        for (Menu menu : bar.getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (id.equals(item.getId())) {
                    return item;
                }
            }
        }
        throw new AssertionError("no menu item " + id);
    }

    private static void clickDialogButton(FxRobot robot, String text) throws TimeoutException {
        waitUntil(() -> robot.lookup(".dialog-pane .button").match(LabeledMatchers.hasText(text)).tryQuery()
                .isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(LabeledMatchers.hasText(text)).<Node>query());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        OnFx.waitUntil(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
