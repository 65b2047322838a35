package org.rasterdesk.ui.legend;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.PixelWriter;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.rasterdesk.render.ContinuousColormap;

/**
 * A continuous colormap drawn as a horizontal ramp, one column per pixel with the colour
 * {@link ContinuousColormap#color} gives at that position, with the values of its ends and middle below.
 */
public final class ColorBar {

    static final int DEFAULT_WIDTH = 220;
    static final int DEFAULT_HEIGHT = 18;

    private final Canvas canvas;
    private final Label minLabel = new Label();
    private final Label middleLabel = new Label();
    private final Label maxLabel = new Label();
    private final VBox view;
    private ContinuousColormap colormap;

    public ColorBar() {
        this(DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public ColorBar(int width, int height) {
        canvas = new Canvas(width, height);
        canvas.getStyleClass().add("color-bar-ramp");
        BorderPane labels = new BorderPane();
        labels.setLeft(minLabel);
        labels.setCenter(middleLabel);
        labels.setRight(maxLabel);
        BorderPane.setAlignment(middleLabel, Pos.CENTER);
        labels.setMaxWidth(width);
        for (Label label : new Label[] {minLabel, middleLabel, maxLabel}) {
            label.getStyleClass().add("color-bar-label");
            label.setMinWidth(Region.USE_PREF_SIZE);
        }
        minLabel.setId("color-bar-min");
        middleLabel.setId("color-bar-middle");
        maxLabel.setId("color-bar-max");
        StackPane frame = new StackPane(canvas);
        frame.getStyleClass().add("color-bar-frame");
        frame.setMaxWidth(Region.USE_PREF_SIZE);
        view = new VBox(2, frame, labels);
        view.getStyleClass().add("color-bar");
        VBox.setVgrow(labels, Priority.NEVER);
    }

    public Node getView() {
        return view;
    }

    /** The ramp itself, for tests that read its pixels. */
    Canvas canvas() {
        return canvas;
    }

    public ContinuousColormap colormap() {
        return colormap;
    }

    /** Shows a colormap with its range's values as labels. */
    public void show(ContinuousColormap shown) {
        double mid = (shown.min() + shown.max()) / 2;
        show(shown, number(shown.min()), number(mid), number(shown.max()));
    }

    /** Shows a colormap with labels of the caller's (for a range not known yet: "band min" ...). */
    public void show(ContinuousColormap shown, String min, String middle, String max) {
        colormap = shown;
        minLabel.setText(min);
        middleLabel.setText(middle);
        maxLabel.setText(max);
        paint();
    }

    public void clear() {
        colormap = null;
        minLabel.setText("");
        middleLabel.setText("");
        maxLabel.setText("");
        canvas.getGraphicsContext2D().clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
    }

    /** The position 0..1 on the ramp of a pixel column, as painted. */
    static double norm(int column, int width) {
        return width <= 1 ? 0 : (double) column / (width - 1);
    }

    private void paint() {
        int width = (int) canvas.getWidth();
        int height = (int) canvas.getHeight();
        canvas.getGraphicsContext2D().clearRect(0, 0, width, height);
        // Pixels set one by one: a gradient fill would interpolate in its own way, not django-raster's.
        PixelWriter pixels = canvas.getGraphicsContext2D().getPixelWriter();
        for (int x = 0; x < width; x++) {
            int argb = colormap.color(norm(x, width));
            for (int y = 0; y < height; y++) {
                pixels.setArgb(x, y, argb);
            }
        }
    }

    /** A value as a label: up to four decimals, no exponent for ordinary sizes. */
    static String number(double value) {
        if (Math.abs(value) >= 1e7 || (value != 0 && Math.abs(value) < 1e-3)) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        DecimalFormat format = new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(value);
    }
}
