package org.rasterdesk.ui.map;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.render.PngEncoder;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.legend.LegendPanel;

/**
 * The map area of the main window: the map with its tool bar and pointer readout, and beside it the layers on the
 * map and the legend of the top one with its pixel counts for the view. Layers are opened and tiles drawn in the
 * background; the selected layer shows on the map, layers marked "Keep" stay beneath it.
 */
public final class MapPane {

    private final Executor executor;
    private final MapView map;
    private final CursorReadout readout;
    private final LegendPanel legendPanel = new LegendPanel();
    private final BorderPane view = new BorderPane();
    private final ObjectProperty<DataSource> dataSource = new SimpleObjectProperty<>(this, "dataSource");
    private final Map<Integer, LayerSummary> shownSummaries = new HashMap<>();
    private final ViewCounter counter;
    private final Label notice = new Label();
    private final VBox side;
    private boolean zoomToNextLayer = true;
    /** The notice names a tile that could not be read, to be taken back when tiles are tried again. */
    private boolean tileFailureShown;

    /**
     * @param executor runs the short reads (opening layers, pointer values, counts)
     * @param tiles    draws tiles: give it threads of its own so that a slow query elsewhere does not stall the map
     */
    public MapPane(Executor executor, Executor tiles) {
        this.executor = executor;
        map = new MapView(new MapTileLoader(tiles), new MapTileCache(MapTileCache.DEFAULT_CAPACITY));
        readout = new CursorReadout(map, executor);
        MapLayerPanel layerPanel = new MapLayerPanel(map.layers());
        counter = new ViewCounter(map, legendPanel, executor);

        // Layers and legend float over the map's top right corner, as on web maps, and fold away.
        TitledPane layersBox = new TitledPane("Layers", layerPanel.getView());
        layersBox.setId("map-layers-box");
        TitledPane legendBox = new TitledPane("Legend", legendPanel.getView());
        legendBox.setId("map-legend-box");
        side = new VBox(6, layersBox, legendBox);
        side.getStyleClass().add("map-side");
        side.setPickOnBounds(false);
        side.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        side.setPrefWidth(232);
        StackPane body = new StackPane(map, side);
        StackPane.setAlignment(side, Pos.TOP_RIGHT);
        StackPane.setMargin(side, new Insets(8));

        notice.getStyleClass().add("map-notice");
        notice.setId("map-notice");
        VBox bottom = new VBox(notice, readout.getView());
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        view.setTop(new MapToolBar(map, this::zoomToLayer, this::exportView, this::exportLegend,
                notice::setText).getView());
        view.setCenter(body);
        view.setBottom(bottom);
        // The map is what the window is for: the split pane may not squeeze it to a strip.
        view.setMinWidth(360);
        view.getStyleClass().add("map-pane");
        view.setId("map-pane");

        map.layers().addListener((ListChangeListener<MapLayer>) c -> {
            while (c.next()) {
                for (MapLayer gone : c.getRemoved()) {
                    if (!map.layers().contains(gone)) {
                        map.cache().removeLayer(gone.layerId());
                        shownSummaries.remove(gone.layerId());
                    }
                }
            }
            showLegendOfTopLayer();
        });
        map.loader().setOnFailure((key, e) -> {
            String name = find(key.layerId()).map(l -> l.nameProperty().get()).orElse("a layer");
            notice.setText("Cannot read tile " + key.tile() + " of " + name + ": " + ErrorText.of(e)
                    + " It is tried again at the next refresh of the layer list.");
            tileFailureShown = true;
        });
        dataSource.addListener((obs, was, now) -> {
            map.layers().clear();
            map.cache().clear();
            zoomToNextLayer = true;
        });
    }

    public Node getView() {
        return view;
    }

    public MapView map() {
        return map;
    }

    public LegendPanel legendPanel() {
        return legendPanel;
    }

    public CursorReadout readout() {
        return readout;
    }

    /** Where layers are read from; null when no database is open. */
    public ObjectProperty<DataSource> dataSourceProperty() {
        return dataSource;
    }

    /**
     * Puts the selected layer on top of the map, taking off the layers not kept; the first layer shown, and one
     * that lies outside the view, is zoomed to.
     */
    public void select(LayerSummary summary) {
        if (summary == null || dataSource.get() == null) {
            return;
        }
        Optional<MapLayer> present = find(summary.id());
        map.layers().removeIf(l -> !l.keptProperty().get() && l.layerId() != summary.id());
        if (present.isEmpty()) {
            MapLayer layer = new MapLayer(summary.id(), summary.name());
            map.layers().add(0, layer);
            shownSummaries.put(summary.id(), summary);
            open(layer, true);
        }
    }

    /** The layer list changed: layers on the map that were re-parsed, renamed or edited are opened again. */
    public void layersListed(List<LayerSummary> summaries) {
        // Tiles that failed (a lost connection, say) are tried again.
        map.loader().forgetFailures();
        map.repaint();
        if (tileFailureShown) {
            tileFailureShown = false;
            showLegendOfTopLayer();
        }
        for (LayerSummary s : summaries) {
            LayerSummary before = shownSummaries.get(s.id());
            Optional<MapLayer> layer = find(s.id());
            if (before == null || layer.isEmpty()) {
                continue;
            }
            shownSummaries.put(s.id(), s);
            layer.get().nameProperty().set(s.name());
            if (before.status() != s.status() || before.tileCount() != s.tileCount()
                    || !Objects.equals(before.modified(), s.modified())) {
                open(layer.get(), false);
            }
        }
        map.layers().removeIf(l -> summaries.stream().noneMatch(s -> s.id() == l.layerId()));
    }

    /** A legend was saved: the layers drawn with it are opened again with what is stored now. */
    public void legendSaved(int legendId) {
        for (MapLayer layer : List.copyOf(map.layers())) {
            if (drawnWith(layer, legendId)) {
                open(layer, false);
            }
        }
    }

    /**
     * True when the map shows all it will for now: every layer opened (or known not to open), every tile drawn and
     * the legend's counts for the view in.
     */
    public boolean isSettled() {
        boolean opened = map.layers().stream()
                .allMatch(l -> l.renderer() != null || l.problemProperty().get() != null);
        return opened && map.isIdle() && !counter.isPending();
    }

    /**
     * A legend as it is being edited, not saved yet: the layers drawn with it are redrawn with the edit at once
     * (their tiles are read again, never re-tiled).
     */
    public void previewLegend(int legendId, Legend edited, Optional<ContinuousStyle> continuous) {
        for (MapLayer layer : map.layers()) {
            MapLayer.Style style = layer.styleProperty().get();
            if (drawnWith(layer, legendId)) {
                map.cache().removeLayer(layer.layerId());
                layer.restyle(style.restyled(edited, continuous));
            }
        }
        showLegendOfTopLayer();
    }

    /** Stops the map's repaints; the window is gone. */
    public void dispose() {
        map.dispose();
        counter.stop();
    }

    /** Shows the whole of the top layer. */
    public void zoomToLayer() {
        map.topLayer().flatMap(l -> l.styleProperty().get().extent()).ifPresent(this::frame);
    }

    /** Writes the map as shown (grid included when it is on) as a PNG. */
    public void exportView(Path file) throws IOException {
        WritableImage image = map.snapshotImage();
        writePng(image, file);
    }

    /** Writes the legend beside the map as a PNG. */
    public void exportLegend(Path file) throws IOException {
        legendPanel.exportPng(file);
    }

    static void writePng(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        PngEncoder.write(argb, w, h, file);
    }

    /** Shows an extent whole, in the part of the map the floating panels leave free when it is wide enough. */
    private void frame(Extent extent) {
        double free = map.getWidth() - side.getWidth() - 16;
        if (side.isVisible() && free >= map.getWidth() / 2) {
            MapViewport v = map.viewport();
            MapViewport fitted = v.withSize(free, v.height()).fitting(extent);
            // Centred in the free part: the centre moves right by half the panels' width.
            double shift = (map.getWidth() - free) / 2 * fitted.resolution();
            map.viewportProperty().set(new MapViewport(fitted.centerX() + shift, fitted.centerY(), fitted.zoom(),
                    v.width(), v.height()));
        } else {
            map.zoomTo(extent);
        }
    }

    /** Whether a layer on the map is drawn with a stored legend. */
    private static boolean drawnWith(MapLayer layer, int legendId) {
        MapLayer.Style style = layer.styleProperty().get();
        return style != null && style.legend().map(l -> l.id() != null && l.id() == legendId).orElse(false);
    }

    private Optional<MapLayer> find(int layerId) {
        return map.layers().stream().filter(l -> l.layerId() == layerId).findFirst();
    }

    /** Opens (or re-opens) a layer's renderer in the background and installs it. */
    private void open(MapLayer layer, boolean mayZoom) {
        DataSource source = dataSource.get();
        if (source == null) {
            return;
        }
        executor.execute(() -> {
            MapLayerOpener.Opened opened = MapLayerOpener.open(source, layer.layerId());
            Platform.runLater(() -> installed(layer, opened.style(), opened.problem(), mayZoom));
        });
    }

    private void installed(MapLayer layer, MapLayer.Style style, String problem, boolean mayZoom) {
        if (!map.layers().contains(layer)) {
            return;
        }
        layer.problemProperty().set(problem);
        if (style == null) {
            return;
        }
        map.cache().removeLayer(layer.layerId());
        layer.restyle(style);
        if (mayZoom && style.extent().isPresent()) {
            Extent extent = style.extent().get();
            Extent shown = map.viewport().extent().intersection(extent);
            if (zoomToNextLayer || shown.isEmpty()) {
                frame(extent);
            }
            zoomToNextLayer = false;
        }
        showLegendOfTopLayer();
    }

    private void showLegendOfTopLayer() {
        Optional<MapLayer> top = map.topLayer();
        if (top.isEmpty()) {
            legendPanel.clear();
            notice.setText("");
            counter.follow(null);
            return;
        }
        MapLayer layer = top.get();
        MapLayer.Style style = layer.styleProperty().get();
        legendPanel.show(layer.nameProperty().get(), style.renderer().colormap(), style.legend());
        notice.setText(layer.problemProperty().get() == null ? "" : layer.problemProperty().get());
        counter.follow(layer);
    }
}
