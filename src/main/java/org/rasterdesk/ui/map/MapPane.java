package org.rasterdesk.ui.map;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
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
import org.rasterdesk.render.RgbComposite;
import org.rasterdesk.system.AppPaths;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.PngFile;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.legend.LegendPanel;
import org.rasterdesk.webtiles.TileDiskCache;
import org.rasterdesk.webtiles.WebTiles;

/**
 * The map area of the main window: the map with its tool bar and pointer readout, and beside it the layers on the
 * map and the legend of the top one with its pixel counts for the view. Layers are opened and tiles drawn in the
 * background; the selected layer shows on the map, layers marked "Keep" stay beneath it.
 */
public final class MapPane {

    private final TaskExecutor executor;
    private final MapView map;
    private final CursorReadout readout;
    private final LegendPanel legendPanel = new LegendPanel();
    private final BorderPane view = new BorderPane();
    private final ObjectProperty<DataSource> dataSource = new SimpleObjectProperty<>(this, "dataSource");
    private final Map<Integer, LayerSummary> shownSummaries = new HashMap<>();
    private final ViewCounter counter;
    private final Label notice = new Label();
    private final VBox side;
    private final MapUnderlay underlay;
    /** One HTTP client for the base map of every map: it keeps its connections open between tiles. */
    private static java.net.http.HttpClient http;
    private boolean zoomToNextLayer = true;
    /** A view restored from the last run: the first layer shown is not framed when it lies in it. */
    private boolean keepRestoredView;
    /** The notice names a tile that could not be read, to be taken back when tiles are tried again. */
    private boolean tileFailureShown;
    private final MapToolBar toolBar;

    /**
     * A map whose base map tiles are fetched on {@code executor} and kept in the user's cache folder.
     *
     * @param executor runs the short reads (opening layers, pointer values, counts) and draws the outlines
     * @param tiles    draws tiles: give it threads of its own so that a slow query elsewhere does not stall the map
     */
    public MapPane(TaskExecutor executor, TaskExecutor tiles) {
        this(executor, tiles, executor, new TileDiskCache(AppPaths.cacheDir().resolve("tiles"),
                TileDiskCache.DEFAULT_LIMIT_BYTES));
    }

    /**
     * @param web      fetches the online base map's tiles: threads of its own, a slow server blocks them
     * @param webCache where the base map's tiles are kept between runs
     */
    public MapPane(TaskExecutor executor, TaskExecutor tiles, TaskExecutor web, TileDiskCache webCache) {
        this.executor = executor;
        map = new MapView(new MapTileLoader(tiles), new MapTileCache(MapTileCache.DEFAULT_CAPACITY));
        underlay = new MapUnderlay(executor, web, webCache, MapPane::httpClient, map::repaint);
        map.setUnderlay(underlay);
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
        toolBar = new MapToolBar(map, this::zoomToLayer, this::exportView, this::exportLegend, notice::setText,
                underlay.settingsProperty());
        view.setTop(toolBar.getView());
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

    /** What the map draws under its layers: the online base map (on or off, its tiles, opacity) and outlines. */
    public ObjectProperty<BaseMapSettings> baseMapProperty() {
        return underlay.settingsProperty();
    }

    /** "" while all is well; one line for the status bar when the online base map cannot be reached. */
    public ReadOnlyStringProperty statusProperty() {
        return underlay.statusProperty();
    }

    /** Reads the base map settings from a file and writes them there whenever they change (between runs). */
    public void rememberBaseMapIn(Path file) {
        underlay.settingsProperty().set(BaseMapSettings.read(file));
        underlay.settingsProperty().addListener((obs, was, now) -> now.write(file));
    }

    private static synchronized java.net.http.HttpClient httpClient() {
        if (http == null) {
            http = WebTiles.defaultClient();
        }
        return http;
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
     * Opens the map at this centre (EPSG:3857 metres) and zoom, a view restored from the last run; the first layer
     * shown then keeps it instead of being framed, unless it lies out of sight.
     */
    public void showNextAt(double centerX, double centerY, int zoom) {
        MapViewport v = map.viewport();
        map.viewportProperty().set(new MapViewport(centerX, centerY, zoom, v.width(), v.height()));
        keepRestoredView = true;
    }

    /**
     * Puts the selected layer on top of the map, taking off the layers not kept. The map follows: the first layer
     * shown is framed, and so is one that lies outside the view (or is a speck in it); a layer without tiles yet
     * (just added, parsing) is framed once its first tiles are in.
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
        } else {
            // Already on the map (kept): framed when it is out of sight.
            Optional<Extent> extent = Optional.ofNullable(present.get().styleProperty().get())
                    .flatMap(MapLayer.Style::extent);
            extent.filter(e -> MapFraming.outOfSight(map.viewport(), e)).ifPresent(this::frame);
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
            if (shownDiffers(before, s)) {
                open(layer.get(), false);
            }
        }
        map.layers().removeIf(l -> summaries.stream().noneMatch(s -> s.id() == l.layerId()));
    }

    /**
     * Whether what the map shows of a layer may have changed between two readings of the list: its parse ended or
     * moved on, it was edited (legend, flags), or its tiles changed while no parse of it ran (another program's
     * parse between the readings). The tile count of a layer being parsed is not enough: a new layer's tiles come
     * in as they are made, but the map shows it without them until its parse ends ({@link MapLayerOpener}), and a
     * re-parse swaps the tiles in the transaction that also ends it. Opening it again at each count would cost a few
     * queries per refresh and redraw a map that did not change.
     */
    private static boolean shownDiffers(LayerSummary before, LayerSummary now) {
        return before.status() != now.status() || !Objects.equals(before.modified(), now.modified())
                || before.tileCount() != now.tileCount() && !now.status().isInProgress();
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

    /** New menu items for the exports the map's tool bar offers (ids PREFIX-view and PREFIX-legend). */
    public List<javafx.scene.control.MenuItem> exportMenuItems(String idPrefix) {
        return toolBar.exportItems(idPrefix);
    }

    /** Shows the whole of the top layer. */
    public void zoomToLayer() {
        map.topLayer().flatMap(l -> l.styleProperty().get().extent()).ifPresent(this::frame);
    }

    /** Writes the map as shown (grid included when it is on) as a PNG. */
    public void exportView(Path file) throws IOException {
        WritableImage image = map.snapshotImage();
        PngFile.write(image, file);
    }

    /** Writes the legend beside the map as a PNG. */
    public void exportLegend(Path file) throws IOException {
        legendPanel.exportPng(file);
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
        BackgroundTask.of(() -> MapLayerOpener.open(source, layer.layerId()))
                .onSuccess(opened -> installed(layer, opened.style(), opened.problem(), mayZoom))
                .executeWith(executor);
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
        // The bands the user chose stay chosen when the layer is opened again; a new layer shows its default.
        BandDisplay bands = layer.displayProperty().get();
        if (bands == null || !bands.fits(style.bandCount())) {
            bands = style.defaultDisplay();
        }
        layer.restyle(style.showing(bands));
        layer.displayProperty().set(bands);
        if (mayZoom || layer.frameWhenTiled) {
            if (style.extent().isPresent()) {
                Extent extent = style.extent().get();
                // A layer whose tiles have just come in is framed whatever the view: it is what the user awaits.
                boolean keep = keepRestoredView && !layer.frameWhenTiled;
                keepRestoredView = false;
                if (!keep && zoomToNextLayer || layer.frameWhenTiled
                        || MapFraming.outOfSight(map.viewport(), extent)) {
                    frame(extent);
                }
                zoomToNextLayer = false;
                layer.frameWhenTiled = false;
            } else {
                layer.frameWhenTiled = true;
            }
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
        notice.setText(layer.problemProperty().get() == null ? "" : layer.problemProperty().get());
        Optional<RgbComposite> rgb = style.renderer().rgb();
        if (rgb.isPresent()) {
            // A composite has no legend entries to count.
            legendPanel.showNote(layer.nameProperty().get(), "RGB composite: " + rgb.get().describe());
            counter.follow(null);
            return;
        }
        legendPanel.show(layer.nameProperty().get(), style.renderer().colormap(), style.legend());
        counter.follow(layer);
    }
}
