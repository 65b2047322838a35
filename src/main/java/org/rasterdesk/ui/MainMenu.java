package org.rasterdesk.ui;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.rasterdesk.ui.inspector.LayerInspector;
import org.rasterdesk.ui.layers.ParseControls;
import org.rasterdesk.ui.map.MapPane;

/**
 * The window's menu bar, as desktop users look for commands: File, Edit, Parse, View, Help. Each item runs the command
 * the window's parts already offer (tool bars, keys, context menus); the menus add none of their own.
 */
final class MainMenu {

    static final KeyCombination QUIT_KEY = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination LEGENDS_KEY = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);

    private final MenuBar bar = new MenuBar();

    /** The window's application-wide commands, which the application gives the window. */
    interface Commands {
        void connect();

        void quit();

        void about();
    }

    MainMenu(MainWindow window, ParseControls parsing, Commands commands) {
        LayerInspector inspector = window.inspector();
        BooleanBinding noLayer = window.layerList().selectedLayerProperty().isNull().or(inspector.busyProperty());
        MapPane map = window.mapPane();

        MenuItem addFile = item("menu-add-file", "Add file…", parsing::chooseFiles);
        addFile.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        addFile.disableProperty().bind(window.databaseProperty().isNull());
        MenuItem addUrl = item("menu-add-url", "Add URL…", parsing::askUrl);
        addUrl.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        addUrl.disableProperty().bind(window.databaseProperty().isNull());
        MenuItem connect = item("menu-connect", "Connect to database…", commands::connect);
        Menu export = new Menu("Export");
        export.setId("menu-export");
        export.getItems().setAll(map.exportMenuItems("menu-export"));
        MenuItem quit = item("menu-quit", "Quit", commands::quit);
        quit.setAccelerator(QUIT_KEY);
        MenuItem serve = item("menu-serve", "Serve tiles…", window::openTileServer);
        serve.disableProperty().bind(window.databaseProperty().isNull());
        Menu file = menu("menu-file", "File", addFile, addUrl, new SeparatorMenuItem(), connect,
                new SeparatorMenuItem(), export, serve, new SeparatorMenuItem(), quit);

        MenuItem form = item("menu-layer-form", "Layer form", () -> inspector.form().focusName());
        form.setAccelerator(new KeyCodeCombination(KeyCode.F2));
        form.disableProperty().bind(noLayer);
        MenuItem legends = item("menu-legends", "Legends…", window::openLegendEditor);
        legends.setAccelerator(LEGENDS_KEY);
        legends.disableProperty().bind(window.databaseProperty().isNull());
        // No accelerator for Delete: the key is the text fields' own; the layer list takes it when it has focus.
        MenuItem delete = item("menu-delete", "Delete", inspector::deleteSelected);
        delete.disableProperty().bind(noLayer);
        MenuItem duplicate = item("menu-duplicate", "Duplicate", inspector::duplicateSelected);
        duplicate.disableProperty().bind(noLayer);
        Menu edit = menu("menu-edit", "Edit", form, legends, new SeparatorMenuItem(), delete, duplicate);

        CheckMenuItem onWorkers = new CheckMenuItem("Parse on workers");
        onWorkers.setId("menu-parse-on-workers");
        onWorkers.selectedProperty().bindBidirectional(window.parseQueue().onWorkersProperty());
        Menu parse = menu("menu-parse", "Parse", onWorkers);

        MenuItem fit = item("menu-fit-layer", "Fit layer", map::zoomToLayer);
        fit.disableProperty().bind(Bindings.isEmpty(map.map().layers()));
        CheckMenuItem grid = new CheckMenuItem("Tile grid");
        grid.setId("menu-tile-grid");
        grid.selectedProperty().bindBidirectional(map.map().gridVisibleProperty());
        CheckMenuItem log = new CheckMenuItem("Log pane");
        log.setId("menu-log-pane");
        log.selectedProperty().bindBidirectional(window.logPaneShownProperty());
        Menu view = menu("menu-view", "View", fit, grid, log);

        MenuItem about = item("menu-about", "About RasterDesk", commands::about);
        Menu help = menu("menu-help", "Help", about);

        bar.getMenus().setAll(file, edit, parse, view, help);
        bar.setId("main-menu");
    }

    MenuBar getView() {
        return bar;
    }

    private static Menu menu(String id, String text, MenuItem... items) {
        Menu menu = new Menu(text);
        menu.setId(id);
        menu.getItems().setAll(items);
        return menu;
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
