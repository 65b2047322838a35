package org.rasterdesk.ui.inspector;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * What the parse found in a layer's source raster: size, CRS, pixel size and extent, and per band its statistics
 * with the histogram as a compact bar chart. Read-only; it shows the snapshot it is given.
 */
public final class LayerDetailsPane {

    private final VBox view = new VBox(6);
    private final GridPane source = new GridPane();
    private final VBox bands = new VBox(10);
    private final Label heading = new Label("Source");
    private final Label notParsed = new Label();

    public LayerDetailsPane() {
        view.getStyleClass().add("layer-details");
        view.setPadding(new Insets(8, 10, 8, 10));
        heading.getStyleClass().add("form-heading");
        source.setHgap(8);
        source.setVgap(3);
        notParsed.getStyleClass().add("details-empty");
        notParsed.setWrapText(true);
        notParsed.managedProperty().bind(notParsed.textProperty().isNotEmpty());
        view.getChildren().addAll(heading, notParsed, source, bands);
        show(null);
    }

    public Node getView() {
        return view;
    }

    /** The band boxes shown now, for tests: each holds its statistics and a histogram chart. */
    List<Node> bandViews() {
        return bands.getChildren();
    }

    void show(LayerSnapshot snapshot) {
        source.getChildren().clear();
        bands.getChildren().clear();
        LayerMetadata m = snapshot == null ? null : snapshot.metadata();
        if (m == null || m.width() == null) {
            notParsed.setText(snapshot == null ? "" : "Not parsed yet: size, CRS and band statistics come from "
                    + "the parse.");
            return;
        }
        notParsed.setText("");
        int row = 0;
        row = line(row, "Size", pixels(m.width()) + " × " + pixels(m.height()) + " pixels, "
                + (m.numBands() == null ? "?" : m.numBands()) + (m.numBands() != null && m.numBands() == 1
                ? " band" : " bands") + pixelTypeText(snapshot.pixelTypes()), "details-size");
        row = line(row, "CRS", snapshot.crs(), "details-crs");
        GeoTransform t = m.geoTransform();
        if (t != null) {
            String unit = unitOf(m.srsWkt());
            String size = decimal(t.pixelWidth()) + " × " + decimal(t.pixelHeight()) + unit
                    + (t.isRotated() ? " (rotated grid)" : "");
            row = line(row, "Pixel size", size, "details-pixel-size");
            double[] xs = {t.x(0, 0), t.x(m.width(), 0), t.x(0, m.height()), t.x(m.width(), m.height())};
            double[] ys = {t.y(0, 0), t.y(m.width(), 0), t.y(0, m.height()), t.y(m.width(), m.height())};
            row = line(row, "Extent", "x " + decimal(min(xs)) + " … " + decimal(max(xs)) + ",  y "
                    + decimal(min(ys)) + " … " + decimal(max(ys)), "details-extent");
        }
        if (m.maxZoom() != null) {
            line(row, "Max zoom", String.valueOf(m.maxZoom()), "details-max-zoom");
        }
        for (BandMetadata band : snapshot.bands()) {
            PixelType type = band.band() < snapshot.pixelTypes().size() ? snapshot.pixelTypes().get(band.band())
                    : null;
            bands.getChildren().add(bandView(band, type));
        }
    }

    private int line(int row, String name, String value, String id) {
        Label key = key(name);
        Label text = new Label(value);
        text.setId(id);
        text.setWrapText(true);
        source.addRow(row, key, text);
        return row + 1;
    }

    private static Node bandView(BandMetadata band, PixelType type) {
        Label title = new Label("Band " + (band.band() + 1) + (type == null ? "" : " (" + type.gdalName() + ")"));
        title.getStyleClass().add("form-heading");
        GridPane stats = new GridPane();
        stats.setHgap(12);
        stats.setVgap(2);
        stats.addRow(0, key("Min"), value(decimal(band.min()), "band-min"), key("Max"),
                value(decimal(band.max()), "band-max"), key("Nodata"),
                value(band.nodataValue() == null ? "none" : decimal(band.nodataValue()), "band-nodata"));
        stats.addRow(1, key("Mean"), value(band.mean() == null ? "—" : decimal(band.mean()), "band-mean"),
                key("Std"), value(band.std() == null ? "—" : decimal(band.std()), "band-std"));
        VBox box = new VBox(4, title, stats, histogram(band));
        box.getStyleClass().add("band-details");
        return box;
    }

    private static Node histogram(BandMetadata band) {
        CategoryAxis bins = new CategoryAxis();
        bins.setTickLabelsVisible(false);
        bins.setTickMarkVisible(false);
        bins.setAnimated(false);
        NumberAxis counts = new NumberAxis();
        counts.setTickLabelsVisible(false);
        counts.setTickMarkVisible(false);
        counts.setMinorTickVisible(false);
        counts.setAnimated(false);
        BarChart<String, Number> chart = new BarChart<>(bins, counts);
        chart.getStyleClass().add("band-histogram");
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setBarGap(0);
        chart.setCategoryGap(0.5);
        chart.setHorizontalGridLinesVisible(false);
        chart.setVerticalGridLinesVisible(false);
        chart.setPrefHeight(100);
        chart.setMinHeight(80);
        chart.setPadding(Insets.EMPTY);
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        List<XYChart.Data<String, Number>> data = new ArrayList<>();
        long[] values = band.histValues();
        double[] edges = band.histBins();
        for (int i = 0; i < values.length; i++) {
            // Categories must differ: the bin's index keeps equal rounded edges apart.
            String edge = i < edges.length ? decimal(edges[i]) : "";
            data.add(new XYChart.Data<>(i + ": " + edge, values[i]));
        }
        series.getData().setAll(data);
        chart.getData().add(series);
        Label from = new Label(edges.length > 0 ? decimal(edges[0]) : "");
        Label to = new Label(edges.length > 0 ? decimal(edges[edges.length - 1]) : "");
        from.getStyleClass().add("histogram-edge");
        to.getStyleClass().add("histogram-edge");
        long total = 0;
        for (long v : values) {
            total += v;
        }
        Label sum = new Label(total == 0 ? "empty histogram" : NumberFormat.getIntegerInstance().format(total)
                + " pixels");
        sum.getStyleClass().add("histogram-edge");
        BorderPane axis = new BorderPane(sum, null, to, null, from);
        return new VBox(0, chart, axis);
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("details-key");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label value(String text, String styleClass) {
        Label l = new Label(text);
        l.getStyleClass().add(styleClass);
        return l;
    }

    private static String pixelTypeText(List<PixelType> types) {
        if (types.isEmpty()) {
            return "";
        }
        List<String> names = types.stream().map(PixelType::gdalName).distinct().toList();
        return " of " + String.join("/", names);
    }

    /** The unit of a projected or geographic CRS's axes, from its WKT; blank when the WKT does not tell. */
    static String unitOf(String wkt) {
        if (wkt == null) {
            return "";
        }
        String upper = wkt.stripLeading().toUpperCase(Locale.ROOT);
        if (upper.startsWith("GEOGCS") || upper.startsWith("GEOGCRS") || upper.startsWith("GEODCRS")) {
            return "°";
        }
        if (upper.contains("\"METRE\"") || upper.contains("\"METER\"")) {
            return " m";
        }
        if (upper.contains("FOOT")) {
            return " ft";
        }
        return "";
    }

    private static String pixels(Integer n) {
        return n == null ? "?" : NumberFormat.getIntegerInstance().format(n);
    }

    /** Up to six significant decimals, no exponent for ordinary map coordinates. */
    static String decimal(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 1000 ? "#,##0.##" : magnitude >= 1 ? "0.####" : "0.######";
        if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e15)) {
            pattern = "0.####E0";
        }
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static double min(double[] v) {
        double m = v[0];
        for (double d : v) {
            m = Math.min(m, d);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = v[0];
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
