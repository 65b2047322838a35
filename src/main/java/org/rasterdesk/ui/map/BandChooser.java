package org.rasterdesk.ui.map;

import java.util.List;
import java.util.stream.IntStream;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/**
 * The band row of a multi-band layer in the layer panel: one band (through the layer's colormap), or with "RGB"
 * three bands as red, green and blue. Shown only for layers of more than one band.
 */
final class BandChooser {

    private final ToggleButton rgb = new ToggleButton("RGB");
    private final Label label = new Label("Band");
    private final ChoiceBox<Integer> red = bandBox("Band shown (red in an RGB composite)");
    private final ChoiceBox<Integer> green = bandBox("Green band of the RGB composite");
    private final ChoiceBox<Integer> blue = bandBox("Blue band of the RGB composite");
    private final HBox view;
    private final ChangeListener<MapLayer.Style> styleChanged = (obs, was, now) -> update();
    private final ChangeListener<BandDisplay> displayChanged = (obs, was, now) -> update();
    private MapLayer bound;
    /** True while the controls are set from the layer, so that their listeners do not write back. */
    private boolean updating;

    BandChooser() {
        rgb.getStyleClass().addAll("small-button", "map-band-rgb");
        rgb.setTooltip(new Tooltip("Show three bands as red, green and blue"));
        // "Band" names the one box of a single band; with RGB on the toggle says what the three boxes are.
        label.visibleProperty().bind(rgb.selectedProperty().not());
        label.managedProperty().bind(label.visibleProperty());
        view = new HBox(3, rgb, label, red, green, blue);
        view.setAlignment(Pos.CENTER_LEFT);
        view.getStyleClass().add("map-bands");
        rgb.selectedProperty().addListener((obs, was, now) -> chosen());
        for (ChoiceBox<Integer> box : List.of(red, green, blue)) {
            box.valueProperty().addListener((obs, was, now) -> chosen());
        }
    }

    Node getView() {
        return view;
    }

    /** Shows and edits this layer's bands; null for none. */
    void bind(MapLayer layer) {
        if (bound != null) {
            bound.styleProperty().removeListener(styleChanged);
            bound.displayProperty().removeListener(displayChanged);
        }
        bound = layer;
        if (layer != null) {
            layer.styleProperty().addListener(styleChanged);
            layer.displayProperty().addListener(displayChanged);
        }
        update();
    }

    /** Whether the layer has bands to choose from. */
    static boolean applies(MapLayer layer) {
        MapLayer.Style style = layer == null ? null : layer.styleProperty().get();
        return style != null && style.bandCount() > 1;
    }

    private void update() {
        boolean shown = applies(bound);
        view.setVisible(shown);
        view.setManaged(shown);
        if (!shown) {
            return;
        }
        updating = true;
        try {
            int count = bound.styleProperty().get().bandCount();
            List<Integer> bands = IntStream.range(0, count).boxed().toList();
            for (ChoiceBox<Integer> box : List.of(red, green, blue)) {
                if (!box.getItems().equals(bands)) {
                    box.getItems().setAll(bands);
                }
            }
            BandDisplay display = bound.displayProperty().get();
            if (display == null) {
                display = bound.styleProperty().get().display();
            }
            rgb.setSelected(display.isRgb());
            red.setValue(display.red());
            // One band shown: the composite's other bands are offered as the next ones, for when RGB is pressed.
            green.setValue(display.isRgb() ? display.green() : Math.min(count - 1, display.red() + 1));
            blue.setValue(display.isRgb() ? display.blue() : Math.min(count - 1, display.red() + 2));
            green.setVisible(display.isRgb());
            blue.setVisible(display.isRgb());
            green.setManaged(display.isRgb());
            blue.setManaged(display.isRgb());
        } finally {
            updating = false;
        }
    }

    private void chosen() {
        if (updating || bound == null || red.getValue() == null) {
            return;
        }
        BandDisplay display = rgb.isSelected() && green.getValue() != null && blue.getValue() != null
                ? BandDisplay.rgb(red.getValue(), green.getValue(), blue.getValue())
                : BandDisplay.band(red.getValue());
        bound.displayProperty().set(display);
    }

    private static ChoiceBox<Integer> bandBox(String tip) {
        ChoiceBox<Integer> box = new ChoiceBox<>();
        box.setTooltip(new Tooltip(tip));
        box.getStyleClass().add("map-band");
        // Narrow: three of them and the toggle fit the layer panel's width.
        box.setPrefWidth(48);
        box.setMinWidth(48);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer band) {
                return band == null ? "" : String.valueOf(band + 1);
            }

            @Override
            public Integer fromString(String text) {
                return Integer.parseInt(text) - 1;
            }
        });
        return box;
    }
}
