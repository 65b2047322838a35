package org.rasterdesk.ui.map;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * The map's tool bar (zoom, zoom to layer, tile grid, base map, exports) and the map's keys that are not about
 * moving.
 */
final class MapToolBar {

    /** Writes a PNG to a file the user chose. */
    @FunctionalInterface
    interface Export {
        void write(Path file) throws IOException;
    }

    private final ToolBar bar;
    private final MapView map;
    private final Consumer<String> problem;
    private final Export view;
    private final Export legend;

    /**
     * @param zoomToLayer what "Zoom to layer" and Home do
     * @param problem     shows why an export failed
     */
    MapToolBar(MapView map, Runnable zoomToLayer, Export view, Export legend, Consumer<String> problem,
               javafx.beans.property.ObjectProperty<BaseMapSettings> baseMap) {
        this.map = map;
        this.problem = problem;
        Button zoomIn = new Button("+");
        zoomIn.setId("map-zoom-in");
        zoomIn.setTooltip(new Tooltip("Zoom in (+, wheel, double click)"));
        zoomIn.setOnAction(e -> map.zoomBy(1, map.getWidth() / 2, map.getHeight() / 2));
        Button zoomOut = new Button("−");
        zoomOut.setId("map-zoom-out");
        zoomOut.setTooltip(new Tooltip("Zoom out (−, wheel, shift + double click)"));
        zoomOut.setOnAction(e -> map.zoomBy(-1, map.getWidth() / 2, map.getHeight() / 2));
        Label zoom = new Label();
        zoom.setId("map-zoom-level");
        zoom.textProperty().bind(map.viewportProperty().map(v -> "z" + v.zoom()));
        zoom.setMinWidth(Region.USE_PREF_SIZE);
        // Short labels, their meaning in the tooltips: the whole bar fits the map at the window's default size.
        Button extent = new Button("Fit");
        extent.setId("map-zoom-layer");
        extent.setTooltip(new Tooltip("Fit layer: show the whole of the top layer (Home)"));
        extent.setOnAction(e -> zoomToLayer.run());
        ToggleButton grid = new ToggleButton("Grid");
        grid.setId("map-grid");
        grid.setTooltip(new Tooltip("Tile grid: outline the tiles with their z/x/y and mark where the layer has no tile (G)"));
        grid.selectedProperty().bindBidirectional(map.gridVisibleProperty());
        this.view = view;
        this.legend = legend;
        // One menu for both exports, so that the bar fits a narrow map.
        MenuButton exports = new MenuButton("Export", null, exportItems("map-export").toArray(MenuItem[]::new));
        exports.setId("map-export");
        map.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case HOME -> zoomToLayer.run();
                case G -> map.gridVisibleProperty().set(!map.gridVisibleProperty().get());
                default -> {
                    return;
                }
            }
            e.consume();
        });
        bar = new ToolBar(zoomIn, zoomOut, zoom, extent, new Separator(), grid, new BaseMapMenu(baseMap).getView(),
                new Separator(), exports);
        bar.getStyleClass().add("map-tool-bar");
    }

    ToolBar getView() {
        return bar;
    }

    /** New "Map view as PNG…" and "Legend as PNG…" items (ids PREFIX-view, PREFIX-legend), for a menu. */
    List<MenuItem> exportItems(String idPrefix) {
        MenuItem exportView = new MenuItem("Map view as PNG…");
        exportView.setId(idPrefix + "-view");
        exportView.setOnAction(e -> export("Export the map view", "map-view.png", view));
        MenuItem exportLegend = new MenuItem("Legend as PNG…");
        exportLegend.setId(idPrefix + "-legend");
        exportLegend.setOnAction(e -> export("Export the legend", "legend.png", legend));
        return List.of(exportView, exportLegend);
    }

    private void export(String title, String name, Export export) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        File file = chooser.showSaveDialog(map.getScene() == null ? null : map.getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            export.write(file.toPath());
        } catch (IOException | RuntimeException e) {
            problem.accept("Cannot write " + file + ": " + e.getMessage());
        }
    }
}
