package org.rasterdesk.ui.map;

import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The layers on the map, top first: each with a check box to show it, an opacity slider, "Keep" to leave it on the
 * map when another layer is selected, a button that takes it off, and for multi-band layers the bands shown (one, or
 * three as RGB). Layers are reordered by dragging or with Alt+↑/↓.
 */
public final class MapLayerPanel {

    private static final double CELL_HEIGHT = 58;
    /** A multi-band layer's cell has a third row, its bands. */
    private static final double BANDS_HEIGHT = 32;

    private final VBox view;

    public MapLayerPanel(ObservableList<MapLayer> layers) {
        ListView<MapLayer> list = new ListView<>(layers);
        list.setId("map-layers");
        LayerOrder order = LayerOrder.install(list, layers);
        list.setCellFactory(l -> {
            LayerCell cell = new LayerCell(layers);
            order.dragWith(cell);
            return cell;
        });
        // As tall as its layers (up to four), so that the panel covers no more of the map than it must.
        list.prefHeightProperty().bind(Bindings.createDoubleBinding(() -> {
            double height = 0;
            for (int i = 0; i < Math.min(4, layers.size()); i++) {
                height += CELL_HEIGHT + (BandChooser.applies(layers.get(i)) ? BANDS_HEIGHT : 0);
            }
            return Math.max(CELL_HEIGHT, height) + 4.0;
        }, layers));
        list.setMinHeight(CELL_HEIGHT + 4);
        list.setPlaceholder(new Label("Select a layer to show it on the map."));
        view = new VBox(4, list);
        view.setPadding(new Insets(0));
        VBox.setVgrow(list, Priority.SOMETIMES);
    }

    public Node getView() {
        return view;
    }

    private static final class LayerCell extends ListCell<MapLayer> {

        private final ObservableList<MapLayer> layers;
        private final CheckBox shown = new CheckBox();
        private final Label problem = new Label("⚠");
        private final Slider opacity = new Slider(0, 1, 1);
        private final ToggleButton keep = new ToggleButton("Keep");
        private final Button remove = new Button("✕");
        private final BandChooser bands = new BandChooser();
        private final VBox box;
        private MapLayer bound;

        LayerCell(ObservableList<MapLayer> layers) {
            this.layers = layers;
            // A layer's name is data, not a command: its underscores are shown, not taken for mnemonics.
            shown.setMnemonicParsing(false);
            opacity.setPrefWidth(64);
            opacity.setTooltip(new Tooltip("Opacity"));
            keep.setTooltip(new Tooltip("Keep this layer on the map when another one is selected"));
            keep.getStyleClass().add("small-button");
            remove.getStyleClass().add("small-button");
            remove.setTooltip(new Tooltip("Take this layer off the map"));
            remove.setOnAction(e -> {
                if (bound != null) {
                    layers.remove(bound);
                }
            });
            problem.getStyleClass().add("map-layer-problem");
            Label opacityLabel = new Label("Opacity");
            opacityLabel.setMinWidth(Region.USE_PREF_SIZE);
            HBox controls = new HBox(4, opacityLabel, opacity, keep, remove);
            controls.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(2, new HBox(4, shown, problem), controls, bands.getView());
        }

        @Override
        protected void updateItem(MapLayer layer, boolean empty) {
            super.updateItem(layer, empty);
            if (bound != null) {
                shown.textProperty().unbind();
                shown.selectedProperty().unbindBidirectional(bound.visibleProperty());
                opacity.valueProperty().unbindBidirectional(bound.opacityProperty());
                keep.selectedProperty().unbindBidirectional(bound.keptProperty());
                problem.visibleProperty().unbind();
                problem.tooltipProperty().unbind();
                bands.bind(null);
                bound = null;
            }
            if (empty || layer == null) {
                setGraphic(null);
                return;
            }
            bound = layer;
            shown.textProperty().bind(layer.nameProperty());
            shown.selectedProperty().bindBidirectional(layer.visibleProperty());
            opacity.valueProperty().bindBidirectional(layer.opacityProperty());
            keep.selectedProperty().bindBidirectional(layer.keptProperty());
            problem.visibleProperty().bind(layer.problemProperty().isNotNull());
            problem.tooltipProperty().bind(Bindings.createObjectBinding(() -> layer.problemProperty().get() == null
                    ? null : new Tooltip(layer.problemProperty().get()), layer.problemProperty()));
            bands.bind(layer);
            setGraphic(box);
        }
    }
}
