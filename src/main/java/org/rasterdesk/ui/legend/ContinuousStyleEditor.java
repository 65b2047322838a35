package org.rasterdesk.ui.legend;

import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.CssColor;
import org.rasterdesk.legend.EntryCondition;
import org.rasterdesk.render.ContinuousColormap;

/**
 * The continuous colormap of a legend: on or off, its from, optional middle ("over") and to colours and an
 * optional value range, with a colour bar that shows the ramp as it is edited.
 */
final class ContinuousStyleEditor {

    /** The fields as set, to tell an edited style from the stored one. */
    record State(boolean continuous, Color from, Color over, boolean withOver, Color to, String min, String max) {
    }

    private final CheckBox continuous = new CheckBox("Continuous colormap");
    private final ColorPicker from = new ColorPicker(Color.BLACK);
    private final CheckBox withOver = new CheckBox("Middle");
    private final ColorPicker over = new ColorPicker(Color.GRAY);
    private final ColorPicker to = new ColorPicker(Color.WHITE);
    private final TextField min = new TextField();
    private final TextField max = new TextField();
    private final Label message = new Label();
    private final ColorBar bar = new ColorBar(320, 18);
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final VBox view;
    private Runnable onChange = () -> { };

    ContinuousStyleEditor() {
        continuous.setId("continuous-check");
        from.setId("continuous-from");
        withOver.setId("continuous-with-over");
        over.setId("continuous-over");
        to.setId("continuous-to");
        min.setId("continuous-min");
        max.setId("continuous-max");
        message.setId("continuous-problem");
        message.getStyleClass().addAll("field-message", "error");
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        bar.getView().setId("continuous-bar");
        for (TextField field : List.of(min, max)) {
            field.setPrefColumnCount(8);
            field.setPromptText("band");
        }
        over.disableProperty().bind(withOver.selectedProperty().not());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("From"), from, withOver, over, new Label("To"), to);
        HBox range = new HBox(6, new Label("Range"), min, new Label("to"), max,
                new Label("(empty: the layer's band minimum and maximum)"));
        range.setAlignment(Pos.CENTER_LEFT);
        VBox settings = new VBox(6, grid, range, bar.getView(), message);
        settings.setPadding(new Insets(0, 0, 0, 22));
        settings.disableProperty().bind(continuous.selectedProperty().not());
        view = new VBox(6, continuous, settings);
        view.getStyleClass().add("continuous-style-editor");

        ChangeListener<Object> changed = (obs, was, now) -> changed();
        continuous.selectedProperty().addListener(changed);
        withOver.selectedProperty().addListener(changed);
        for (ColorPicker picker : List.of(from, over, to)) {
            picker.valueProperty().addListener(changed);
            picker.getStyleClass().addAll("button", "swatch-picker");
            picker.setPrefWidth(56);
        }
        min.textProperty().addListener(changed);
        max.textProperty().addListener(changed);
        changed();
    }

    Node getView() {
        return view;
    }

    ColorBar colorBar() {
        return bar;
    }

    ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    void setOnChange(Runnable action) {
        onChange = action;
    }

    String problemText() {
        return message.getText();
    }

    /** Shows a stored style, or the defaults (black to white, off) for a legend without one. */
    void show(Optional<ContinuousStyle> style) {
        continuous.setSelected(style.isPresent());
        ContinuousStyle s = style.orElse(ContinuousStyle.of("#000000", "#ffffff"));
        from.setValue(color(s.from()));
        to.setValue(color(s.to()));
        withOver.setSelected(s.over() != null);
        over.setValue(s.over() == null ? Color.GRAY : color(s.over()));
        min.setText(s.range() == null ? "" : ColorBar.number(s.range()[0]).replace(",", ""));
        max.setText(s.range() == null ? "" : ColorBar.number(s.range()[1]).replace(",", ""));
        changed();
    }

    State state() {
        return new State(continuous.isSelected(), from.getValue(), over.getValue(), withOver.isSelected(),
                to.getValue(), min.getText(), max.getText());
    }

    /**
     * The style as set, empty when the legend is not continuous.
     *
     * @throws IllegalStateException when the range cannot be read (see {@link #validProperty})
     */
    Optional<ContinuousStyle> style() {
        if (!continuous.isSelected()) {
            return Optional.empty();
        }
        ContinuousStyle style = new ContinuousStyle(argb(from.getValue()), argb(to.getValue()),
                withOver.isSelected() ? argb(over.getValue()) : null, null);
        String a = min.getText().strip();
        String b = max.getText().strip();
        if (a.isEmpty() && b.isEmpty()) {
            return Optional.of(style);
        }
        double lo = number(a);
        double hi = number(b);
        if (!(lo <= hi)) {
            throw new IllegalStateException("the range's minimum is above its maximum");
        }
        return Optional.of(style.withRange(lo, hi));
    }

    static int argb(Color c) {
        return CssColor.argb((int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255), (int) Math.round(c.getOpacity() * 255));
    }

    static Color color(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
    }

    private static double number(String text) {
        if (text.isEmpty()) {
            throw new IllegalStateException("give both ends of the range, or neither");
        }
        var value = EntryCondition.pythonFloat(text);
        if (value.isEmpty() || !Double.isFinite(value.getAsDouble())) {
            throw new IllegalStateException("not a number: " + text);
        }
        return value.getAsDouble();
    }

    private void changed() {
        String problem = "";
        Optional<ContinuousStyle> style = Optional.empty();
        try {
            style = continuous.isSelected() ? style() : Optional.empty();
        } catch (IllegalStateException e) {
            problem = "Range: " + e.getMessage();
        }
        message.setText(problem);
        valid.set(problem.isEmpty());
        ContinuousStyle shown = style.orElseGet(() -> new ContinuousStyle(argb(from.getValue()), argb(to.getValue()),
                withOver.isSelected() ? argb(over.getValue()) : null, null));
        if (shown.range() != null && shown.range()[0] <= shown.range()[1]) {
            bar.show(ContinuousColormap.of(shown, 0, 1));
        } else {
            bar.show(ContinuousColormap.of(shown, 0, 1), "band min", "", "band max");
        }
        onChange.run();
    }
}
