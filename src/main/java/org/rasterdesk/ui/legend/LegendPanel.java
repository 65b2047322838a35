package org.rasterdesk.ui.legend;

import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javafx.application.Platform;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Background;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendJson;
import org.rasterdesk.render.Colormap;
import org.rasterdesk.render.ContinuousColormap;
import org.rasterdesk.render.DiscreteColormap;
import org.rasterdesk.render.LayerColormaps;
import org.rasterdesk.render.QualitativeColormap;
import org.rasterdesk.ui.common.PngFile;
import org.rasterdesk.ui.common.Stylesheet;

/** The legend beside the map: the drawn layer's colours, with how many pixels of the view each entry covers. */
public final class LegendPanel {

    /** What is written before the counts of the view are known. */
    static final String UNKNOWN_COUNT = "—";

    private final VBox view = new VBox(6);
    private final Label title = new Label();
    private final VBox body = new VBox(4);
    private final VBox problems = new VBox(2);
    /** The count label of each entry shown, by entry expression. */
    private final Map<String, Label> countLabels = new LinkedHashMap<>();
    /** The swatch of each entry shown, by entry expression, for tests and the export check. */
    private final Map<String, Region> swatches = new LinkedHashMap<>();
    private final NumberFormat countFormat = NumberFormat.getIntegerInstance();

    public LegendPanel() {
        view.getStyleClass().add("legend-panel");
        view.setId("legend-panel");
        view.setPadding(new Insets(8));
        view.setBackground(Background.fill(Color.WHITE));
        view.setMinWidth(Region.USE_PREF_SIZE);
        title.getStyleClass().add("legend-panel-title");
        title.setId("legend-panel-title");
        problems.getStyleClass().add("legend-problems");
        view.getChildren().addAll(title, body, problems);
        clear();
    }

    public Node getView() {
        return view;
    }

    /** Shows how a layer is drawn. legend: the legend the colormap came from (names, codes), empty for defaults. */
    public void show(String layerName, Colormap colormap, Optional<Legend> legend) {
        clear();
        title.setText(layerName == null ? "" : layerName);
        if (colormap instanceof ContinuousColormap continuous) {
            ColorBar bar = new ColorBar(200, 14);
            bar.show(continuous);
            body.getChildren().add(bar.getView());
            if (legend.isEmpty()) {
                body.getChildren().add(note("Grey ramp over the band's range (no legend)"));
            }
        } else if (colormap instanceof DiscreteColormap discrete) {
            showEntries(discrete, legend);
        } else if (colormap instanceof QualitativeColormap) {
            body.getChildren().add(note("A colour per value (no legend)"));
        } else if (colormap != null) {
            body.getChildren().add(note("Drawn without a legend"));
        }
        for (String problem : LayerColormaps.problems(colormap)) {
            Label label = new Label("⚠ " + problem);
            label.getStyleClass().add("legend-problem");
            label.setWrapText(true);
            label.setMaxWidth(260);
            problems.getChildren().add(label);
        }
    }

    /** Shows a layer drawn without a colormap (an RGB composite), with a line saying how. */
    public void showNote(String layerName, String text) {
        clear();
        title.setText(layerName == null ? "" : layerName);
        Label label = note(text);
        // Wrapped to the panel's width: a long line would widen the floating panels over the map.
        label.setMaxWidth(200);
        label.setMinHeight(Region.USE_PREF_SIZE);
        body.getChildren().add(label);
    }

    /** Pixels of the current view per entry, keyed by entry expression as DiscreteColormap counts them. */
    public void setCounts(Map<String, Long> counts) {
        countLabels.forEach((expression, label) -> {
            Long count = counts == null ? null : counts.get(expression);
            label.setText(counts == null ? UNKNOWN_COUNT : countFormat.format(count == null ? 0 : count));
        });
    }

    public void clear() {
        title.setText("No layer");
        body.getChildren().clear();
        problems.getChildren().clear();
        countLabels.clear();
        swatches.clear();
    }

    /** The count shown for an entry expression, or null when no such entry is shown. */
    public String countText(String expression) {
        Label label = countLabels.get(expression);
        return label == null ? null : label.getText();
    }

    /** The swatch of an entry expression, or null. */
    Region swatch(String expression) {
        return swatches.get(expression);
    }

    /** The entry expressions shown, top to bottom. */
    public List<String> expressions() {
        return new ArrayList<>(countLabels.keySet());
    }

    /** The panel as an image, on a white ground; on the FX thread. Lays the panel out first if it is in no window. */
    public WritableImage snapshot() {
        if (view.getScene() == null) {
            Scene scene = new Scene(new Group(view));
            scene.getStylesheets().add(Stylesheet.url());
        }
        view.applyCss();
        view.autosize();
        view.layout();
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.WHITE);
        return view.snapshot(parameters, null);
    }

    /** Writes the legend as a PNG. May be called from any thread: the picture is taken on the FX thread. */
    public void exportPng(Path file) throws IOException {
        WritableImage image;
        if (Platform.isFxApplicationThread()) {
            image = snapshot();
        } else {
            FutureTask<WritableImage> task = new FutureTask<>(this::snapshot);
            Platform.runLater(task);
            try {
                image = task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while drawing the legend", e);
            } catch (ExecutionException e) {
                throw new IOException("Cannot draw the legend", e.getCause());
            }
        }
        PngFile.write(image, file);
    }

    /**
     * One row per entry: swatch, name, code, pixel count. The rows follow the legend's entries in the order the user
     * gave them in the legend editor, as QGIS's layer panel lists a style's classes; not the colormap's paint order
     * (django-raster's json: code, then name), which reshuffles them as codes are edited. Without a legend, the
     * colormap's order.
     */
    private void showEntries(DiscreteColormap discrete, Optional<Legend> legend) {
        List<LegendJson.Item> ordered = items(legend);
        Map<String, LegendJson.Item> items = new HashMap<>();
        Map<String, Integer> position = new HashMap<>();
        for (LegendJson.Item item : ordered) {
            items.put(item.expression(), item);
            position.putIfAbsent(item.expression(), position.size());
        }
        List<DiscreteColormap.Entry> entries = new ArrayList<>(discrete.entries());
        // Stable: entries the legend does not list keep the colormap's order, after those it does.
        entries.sort(java.util.Comparator.comparingInt(e -> position.getOrDefault(e.condition().expression(),
                Integer.MAX_VALUE)));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(3);
        grid.getStyleClass().add("legend-entries");
        ColumnConstraints name = new ColumnConstraints();
        name.setHgrow(Priority.ALWAYS);
        ColumnConstraints count = new ColumnConstraints();
        count.setHalignment(HPos.RIGHT);
        grid.getColumnConstraints().addAll(new ColumnConstraints(), name, new ColumnConstraints(), count);
        int row = 0;
        boolean mask = legend.isEmpty() && discrete.entries().size() == 1;
        for (DiscreteColormap.Entry entry : entries) {
            String expression = entry.condition().expression();
            LegendJson.Item item = items.get(expression);
            Region swatch = new Region();
            swatch.getStyleClass().add("legend-swatch");
            swatch.setBackground(Background.fill(Color.rgb((entry.argb() >> 16) & 0xFF, (entry.argb() >> 8) & 0xFF,
                    entry.argb() & 0xFF, ((entry.argb() >>> 24) & 0xFF) / 255.0)));
            swatch.setMinSize(18, 14);
            swatch.setPrefSize(18, 14);
            swatch.setMaxSize(18, 14);
            String text = item != null && item.name() != null && !item.name().isBlank() ? item.name()
                    : mask ? "Mask (" + expression + ")" : expression;
            Label nameLabel = new Label(text);
            nameLabel.getStyleClass().add("legend-entry-name");
            Label codeLabel = new Label(item == null || item.code() == null ? "" : item.code());
            codeLabel.getStyleClass().add("legend-entry-code");
            Label countLabel = new Label(UNKNOWN_COUNT);
            countLabel.getStyleClass().add("legend-entry-count");
            grid.addRow(row++, swatch, nameLabel, codeLabel, countLabel);
            countLabels.put(expression, countLabel);
            swatches.put(expression, swatch);
        }
        if (discrete.entries().isEmpty()) {
            body.getChildren().add(note("No entry can be drawn"));
        }
        body.getChildren().add(grid);
    }

    /**
     * A legend's entries (names, codes, expressions) in the order the legend editor lists them; a repeated
     * expression's last wins. Only a legend known by its json alone (sorted by code then name) gives that order.
     */
    private static List<LegendJson.Item> items(Optional<Legend> legend) {
        if (legend.isEmpty()) {
            return List.of();
        }
        List<LegendJson.Item> items = new ArrayList<>();
        for (LegendEntry e : legend.get().entries()) {
            items.add(new LegendJson.Item(e.semantics() == null ? null : e.semantics().name(), e.expression(),
                    e.code(), e.color()));
        }
        if (items.isEmpty() && legend.get().json() != null) {
            try {
                return LegendJson.parse(legend.get().json());
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
        return items;
    }

    private static Label note(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("legend-note");
        label.setWrapText(true);
        return label;
    }
}
