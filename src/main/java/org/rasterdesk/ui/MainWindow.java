package org.rasterdesk.ui;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javax.sql.DataSource;
import org.rasterdesk.db.Database;
import org.rasterdesk.layer.LayerSummaries;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.inspector.LayerInspector;
import org.rasterdesk.ui.layers.LayerIntake;
import org.rasterdesk.ui.layers.LayerListView;
import org.rasterdesk.ui.layers.ParseControls;
import org.rasterdesk.ui.legend.LegendEditor;
import org.rasterdesk.ui.map.MapPane;
import org.rasterdesk.ui.parse.ParseLogPane;
import org.rasterdesk.ui.parse.ParseQueue;

/**
 * RasterDesk's main window: the layer list and the map side by side in a split pane, a tool bar above and the
 * status bar below. It is given a database once one is open and shows connecting and failure states before.
 */
public final class MainWindow {

    private static final Logger LOG = Logger.getLogger(MainWindow.class.getName());

    private final BorderPane view = new BorderPane();
    private final LayerListView layerList;
    private final StatusBar statusBar = new StatusBar();
    private final SplitPane split = new SplitPane();
    private final Button refreshButton = new Button("Refresh");
    private final Button legendsButton = new Button("Legends…");
    private LegendEditor legendEditor;
    private IntConsumer onLegendSaved = id -> { };
    private final ReadOnlyObjectWrapper<Database> database = new ReadOnlyObjectWrapper<>(this, "database");
    private final ReadOnlyBooleanWrapper connectionFailed = new ReadOnlyBooleanWrapper(this, "connectionFailed");
    private final ReadOnlyBooleanWrapper settled = new ReadOnlyBooleanWrapper(this, "settled");
    private final ParseQueue parseQueue;
    private final LayerIntake intake;
    private final ParseLogPane logPane;
    /** A layer just added, to select as soon as a reload brings it into the list. */
    private Integer selectWhenListed;

    private final LayerInspector inspector;
    /** The open database's layer list, which remembers tile counts between reloads. */
    private LayerSummaries summaries;
    private final Executor executor;
    private final BackgroundThreads mapTiles;
    private final MapPane mapPane;

    /** A window without a database yet; {@link #showDatabase} or {@link #showConnectionFailure} follow. */
    public MainWindow(Executor executor) {
        this(executor, executor);
    }

    /**
     * @param executor runs database reads and other short work
     * @param parsing  runs parses, {@link ParseQueue#DEFAULT_MAX_RUNNING} at a time: give it threads of its own
     */
    public MainWindow(Executor executor, Executor parsing) {
        this.executor = executor;
        layerList = new LayerListView(executor);
        parseQueue = new ParseQueue(parsing);
        intake = new LayerIntake(executor, parseQueue);
        logPane = new ParseLogPane(executor, parseQueue);
        view.getStyleClass().add("main-window");

        refreshButton.setId("refresh-layers");
        // Refresh counts every layer's tiles again; the automatic reloads count only layers that changed.
        refreshButton.setOnAction(e -> {
            if (summaries != null) {
                summaries.forget();
            }
            layerList.refresh();
        });
        refreshButton.disableProperty().bind(database.isNull());
        legendsButton.setId("open-legends");
        legendsButton.setOnAction(e -> openLegendEditor());
        legendsButton.disableProperty().bind(database.isNull());
        view.setTop(new ToolBar(refreshButton, legendsButton));
        KeyCombination openLegends = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
        view.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (openLegends.match(e) && database.get() != null) {
                openLegendEditor();
                e.consume();
            }
        });

        split.setOrientation(Orientation.HORIZONTAL);
        mapTiles = new BackgroundThreads("map-tiles", 2);
        mapPane = new MapPane(executor, mapTiles);
        split.getItems().addAll(layerList.getView(), mapPane.getView());
        split.setDividerPositions(0.6);
        view.setCenter(split);
        view.setBottom(statusBar.getView());

        database.addListener((obs, old, now) -> {
            statusBar.databaseProperty().set(now == null ? "" : now.description());
            summaries = now == null ? null : new LayerSummaries(now.dataSource());
            LayerSummaries current = summaries;
            layerList.catalogProperty().set(current == null ? null : current::list);
        });
        statusBar.busyProperty().bind(layerList.loadingProperty());
        layerList.loadingProperty().addListener((obs, was, now) -> updateActivity());
        layerList.errorProperty().addListener((obs, was, now) -> updateActivity());
        layerList.layers().addListener((ListChangeListener<Object>) c -> updateActivity());
        settled.bind(connectionFailed.or(layerList.loadedProperty()).or(layerList.errorProperty().isNotNull()));
        installParsing();

        // The inspector: the selected layer's form and details, at the right.
        inspector = new LayerInspector(executor, layerList);
        inspector.setOnReparseRequested(this::reparse);
        split.getItems().add(inspector.getView());
        split.setDividerPositions(0.24, 0.72);
        database.addListener((obs, old, now) -> inspector.setDatabase(now));
        database.addListener((obs, old, now) -> {
            if (legendEditor != null) {
                legendEditor.setDatabase(now);
            }
        });
        installMap();
    }

    /** A window on an open database, as tests and an already connected caller want it. */
    public MainWindow(Database database, Executor executor) {
        this(database, executor, executor);
    }

    public MainWindow(Database database, Executor executor, Executor parsing) {
        this(executor, parsing);
        showDatabase(database);
    }

    public Parent getView() {
        return view;
    }

    public LayerListView layerList() {
        return layerList;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    /** The selected layer's form and details. */
    public LayerInspector inspector() {
        return inspector;
    }

    /** Opens the legend editor in its own window (Legends… in the tool bar, Ctrl+L). */
    public void openLegendEditor() {
        legendEditor().show(view.getScene() == null ? null : view.getScene().getWindow());
    }

    /** The legend editor, made on first use; its window opens with {@link #openLegendEditor}. */
    public LegendEditor legendEditor() {
        if (legendEditor == null) {
            legendEditor = new LegendEditor(executor);
            legendEditor.setDatabase(database.get());
            legendEditor.setOnLegendSaved(id -> {
                inspector.reloadShown();
                mapPane.legendSaved(id);
                onLegendSaved.accept(id);
            });
            // The map follows the edit as it is typed: a legend's look is checked on its layers' tiles.
            legendEditor.setOnLegendEdited(draft -> {
                if (draft.legendId() != null) {
                    mapPane.previewLegend(draft.legendId(), draft.toLegend(), draft.style());
                }
            });
        }
        return legendEditor;
    }

    /** True when the legend editor holds edits not saved yet. */
    public boolean hasUnsavedLegend() {
        return legendEditor != null && legendEditor.dirtyProperty().get();
    }

    /** Runs the action once unsaved legend edits are saved or discarded; not at all when the user cancels. */
    public void confirmLeave(Runnable action) {
        if (legendEditor == null) {
            action.run();
        } else {
            legendEditor.confirmLeave(action);
        }
    }

    /** Called with a legend's id after the legend editor saved it, to redraw what uses it. */
    public void setOnLegendSaved(IntConsumer action) {
        onLegendSaved = java.util.Objects.requireNonNull(action);
    }

    /** What the "Change…" link beside the database's name does: the application opens the connection dialog. */
    public void setOnChangeDatabase(Runnable action) {
        statusBar.setOnChangeDatabase(action);
    }

    /** The map viewer with its layers, legend and readout. */
    public MapPane mapPane() {
        return mapPane;
    }

    /** The split pane the layer list, the map and the inspector share. */
    public SplitPane split() {
        return split;
    }

    public ParseQueue parseQueue() {
        return parseQueue;
    }

    /** Adds files and URLs as layers, as a drop on the window does. */
    public LayerIntake intake() {
        return intake;
    }

    public ParseLogPane logPane() {
        return logPane;
    }

    /** The open database, null before connecting or after a failure. */
    public ReadOnlyObjectProperty<Database> databaseProperty() {
        return database.getReadOnlyProperty();
    }

    /** True once the window shows what it will show: the first layer list, or why it has none. */
    public ReadOnlyBooleanProperty settledProperty() {
        return settled.getReadOnlyProperty();
    }

    public void showConnecting(String target) {
        connectionFailed.set(false);
        statusBar.errorProperty().set(false);
        statusBar.busyProperty().unbind();
        statusBar.busyProperty().set(true);
        statusBar.activityProperty().set("Connecting…");
        statusBar.databaseProperty().set(target);
        layerList.setPlaceholderText("Connecting to " + target + "…", false);
    }

    public void showDatabase(Database open) {
        connectionFailed.set(false);
        statusBar.errorProperty().set(false);
        statusBar.busyProperty().bind(layerList.loadingProperty());
        database.set(open);
        layerList.startAutoRefresh(LayerListView.DEFAULT_REFRESH_PERIOD);
        updateActivity();
    }

    /** Shows why the database could not be opened, in words; the stack trace belongs in the debug log. */
    public void showConnectionFailure(String target, String reason) {
        database.set(null);
        statusBar.busyProperty().unbind();
        statusBar.busyProperty().set(false);
        statusBar.databaseProperty().set(target);
        layerList.setPlaceholderText("Cannot open " + target + ".\n\n" + reason, true);
        statusBar.errorProperty().set(true);
        statusBar.activityProperty().set("Not connected");
        connectionFailed.set(true);
    }

    /** Stops the background reloads and the parses; the window is gone. */
    public void dispose() {
        layerList.stopAutoRefresh();
        logPane.dispose();
        parseQueue.cancelAll();
        mapPane.dispose();
        mapTiles.close();
    }

    /** The map follows the open database and the selected layer, and redraws layers that changed. */
    private void installMap() {
        database.addListener((obs, old, now) -> mapPane.dataSourceProperty().set(now == null ? null : now.dataSource()));
        layerList.selectedLayerProperty().addListener((obs, was, now) -> mapPane.select(now));
        layerList.layers().addListener((ListChangeListener<LayerSummary>) c ->
                mapPane.layersListed(List.copyOf(layerList.layers())));
    }

    /** A re-parse the form asked for (a parse-relevant field changed), through the window's parse queue. */
    private void reparse(int layerId) {
        String name = layerList.layers().stream().filter(l -> l.id() == layerId).map(LayerSummary::name)
                .findFirst().orElse("layer " + layerId);
        parseQueue.start(layerId, name);
    }

    private void updateActivity() {
        if (database.get() == null) {
            return;
        }
        String problem = layerList.errorProperty().get();
        statusBar.errorProperty().set(problem != null);
        if (problem != null) {
            statusBar.activityProperty().set("Cannot read the layers: " + problem);
        } else if (layerList.loadingProperty().get() && !layerList.loadedProperty().get()) {
            statusBar.activityProperty().set("Loading layers…");
        } else {
            int n = layerList.layers().size();
            statusBar.activityProperty().set((n == 1 ? "1 layer" : n + " layers") + parsingSummary());
        }
    }

    /** The parse queue, the log pane below list and map, the commands, and drops on the window. */
    private void installParsing() {
        SplitPane withLog = new SplitPane(split, logPane.getView());
        withLog.setOrientation(Orientation.VERTICAL);
        withLog.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(logPane.getView(), false);
        view.setCenter(withLog);

        database.addListener((obs, old, now) -> {
            DataSource source = now == null ? null : now.dataSource();
            parseQueue.runnerProperty().set(source == null ? null : (layerId, listener, cancelled) ->
                    new LayerParseJob(source).run(layerId, ParseOptions.defaults(), listener, cancelled));
            intake.repositoryProperty().set(source == null ? null : new RasterLayerRepository(source));
            intake.uploadsProperty().set(source == null ? null : new LayerUploads(source));
            logPane.repositoryProperty().set(source == null ? null : new ParseStatusRepository(source));
        });
        logPane.layerProperty().bind(layerList.selectedLayerProperty());
        layerList.showParses(parseQueue);
        parseQueue.runningProperty().addListener((obs, was, now) -> updateActivity());
        parseQueue.queuedProperty().addListener((obs, was, now) -> updateActivity());

        ParseControls controls = new ParseControls(layerList, parseQueue, intake, database.isNull());
        ((ToolBar) view.getTop()).getItems().addAll(controls.toolBarItems());
        ContextMenu menu = layerList.table().getContextMenu();
        if (menu == null) {
            menu = new ContextMenu();
            layerList.table().setContextMenu(menu);
        }
        menu.getItems().addAll(controls.menuItems());
        controls.install(view);

        intake.addOutcomeListener(outcome -> {
            statusBar.noticeProperty().set(String.join("  ", outcome.refused()));
            for (String refusal : outcome.refused()) {
                logPane.addNotice(refusal, true);
            }
            if (!outcome.created().isEmpty()) {
                // The new layer is selected once the list shows it, so that the log pane follows its parse.
                selectWhenListed = outcome.created().get(0).id();
                layerList.refresh();
            }
        });
        layerList.layers().addListener((ListChangeListener<LayerSummary>) c -> {
            if (selectWhenListed == null) {
                return;
            }
            for (LayerSummary layer : layerList.layers()) {
                if (layer.id() == selectWhenListed) {
                    selectWhenListed = null;
                    layerList.table().getSelectionModel().select(layer);
                    layerList.table().scrollTo(layer);
                    break;
                }
            }
        });
    }

    /** ", parsing 2 layers, 1 queued" while parses run or wait, else nothing. */
    private String parsingSummary() {
        int running = parseQueue.runningProperty().get();
        int queued = parseQueue.queuedProperty().get();
        if (running == 0 && queued == 0) {
            return "";
        }
        String text = " · Parsing " + (running == 1 ? "1 layer" : running + " layers");
        return queued == 0 ? text : text + ", " + queued + " queued";
    }
}
