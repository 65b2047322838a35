package org.rasterdesk.ui;

import java.util.List;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.nio.file.Path;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javax.sql.DataSource;
import org.controlsfx.control.PopOver;
import org.rasterdesk.db.Database;
import org.rasterdesk.layer.LayerSummaries;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.system.AppPaths;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.inspector.LayerInspector;
import org.rasterdesk.ui.layers.LayerIntake;
import org.rasterdesk.ui.layers.LayerListView;
import org.rasterdesk.ui.layers.ParseControls;
import org.rasterdesk.ui.legend.LegendEditor;
import org.rasterdesk.ui.map.MapPane;
import org.rasterdesk.ui.parse.ParseLogPane;
import org.rasterdesk.ui.parse.DatabaseParseRunner;
import org.rasterdesk.ui.parse.ParseQueue;
import org.rasterdesk.ui.parse.ParseSettings;
import org.rasterdesk.ui.parse.WorkerParseRunner;
import org.rasterdesk.ui.parse.ParseTasksView;
import org.rasterdesk.ui.serve.TileServerPane;
import org.rasterdesk.ui.serve.TileServerWindow;
import org.rasterdesk.webtiles.TileDiskCache;

/**
 * RasterDesk's main window: the layer list and the map side by side in a split pane, the menu bar and a tool bar
 * above and the status bar below. It is given a database once one is open and shows connecting and failure states before.
 */
public final class MainWindow {

    private static final Logger LOG = Logger.getLogger(MainWindow.class.getName());
    /** How often the status bar's count of live workers is read again. */
    static final Duration WORKERS_POLL_PERIOD = Duration.seconds(3);

    private final BorderPane view = new BorderPane();
    private final LayerListView layerList;
    private final StatusBar statusBar = new StatusBar();
    private WindowNotices notices;
    private ParseTasksView parseTasks;
    private final SplitPane split = new SplitPane();
    private final Button refreshButton = new Button("Refresh");
    private final Button legendsButton = new Button("Legends…");
    private final Button serveButton = new Button("Serve tiles…");
    private final TileServerWindow tileServer;
    private final ToolBar toolBar;
    private SplitPane withLog;
    private ParseControls controls;
    private final BooleanProperty logPaneShown = new SimpleBooleanProperty(this, "logPaneShown", true);
    private Runnable onChangeDatabase = () -> { };
    /** What Quit does once unsaved legend edits are settled: closes this window unless the application says more. */
    private Runnable onQuit = () -> {
        if (view.getScene() != null && view.getScene().getWindow() != null) {
            view.getScene().getWindow().hide();
        }
    };
    private Runnable onAbout = () -> { };
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
    private final TaskExecutor executor;
    private final BackgroundThreads mapTiles;
    private final BackgroundThreads mapWeb;
    /** Follows parses that workers run: a thread each while one lasts, mostly asleep. */
    private final BackgroundThreads workerWatch = new BackgroundThreads("parse-watch", 8);
    /**
     * The inspector's work that may wait on Apache SIS (CRS names, SRID checks, pre-flights): the first opening of
     * SIS's EPSG database took minutes on a loaded machine, and on the shared threads the list waited behind it.
     * Two, so that a layer's name need not wait for the pre-flight of the one shown before.
     */
    private final BackgroundThreads inspectorReferencing = new BackgroundThreads("inspector-referencing", 2);
    private final Timeline workersPoll = new Timeline(new KeyFrame(WORKERS_POLL_PERIOD, e -> pollWorkers()));
    private boolean pollingWorkers;
    private final MapPane mapPane;

    /** A window without a database yet; {@link #showDatabase} or {@link #showConnectionFailure} follow. */
    public MainWindow(TaskExecutor executor) {
        this(executor, executor);
    }

    /**
     * @param executor runs database reads and other short work
     * @param parsing  runs parses, {@link ParseQueue#DEFAULT_MAX_RUNNING} at a time: give it threads of its own
     */
    public MainWindow(TaskExecutor executor, TaskExecutor parsing) {
        this.executor = executor;
        layerList = new LayerListView(executor);
        parseQueue = new ParseQueue(parsing, ParseQueue.DEFAULT_MAX_RUNNING, workerWatch);
        intake = new LayerIntake(executor, parseQueue);
        intake.setOwner(() -> view.getScene() == null ? null : view.getScene().getWindow());
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
        tileServer = new TileServerWindow(new TileServerPane(executor));
        serveButton.setId("serve-tiles");
        serveButton.setOnAction(e -> openTileServer());
        serveButton.disableProperty().bind(database.isNull().and(tileServer.pane().runningProperty().not()));
        serveButton.textProperty().bind(Bindings.when(tileServer.pane().runningProperty())
                .then("Serving tiles…").otherwise("Serve tiles…"));
        toolBar = new ToolBar(refreshButton, legendsButton, serveButton);
        view.setTop(toolBar);
        KeyCombination openLegends = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
        view.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (openLegends.match(e) && database.get() != null) {
                openLegendEditor();
                e.consume();
            }
        });

        split.setOrientation(Orientation.HORIZONTAL);
        mapTiles = new BackgroundThreads("map-tiles", 2);
        // The online base map waits on the network: threads of its own, so that a slow server stalls nothing else.
        mapWeb = new BackgroundThreads("map-web", 2);
        mapPane = new MapPane(executor, mapTiles, mapWeb, new TileDiskCache(AppPaths.cacheDir().resolve("tiles"),
                TileDiskCache.DEFAULT_LIMIT_BYTES));
        split.getItems().addAll(layerList.getView(), mapPane.getView());
        split.setDividerPositions(0.6);
        view.setCenter(split);
        view.setBottom(statusBar.getView());

        database.addListener((obs, old, now) -> {
            statusBar.databaseProperty().set(now == null ? "" : now.description());
            summaries = now == null ? null : new LayerSummaries(now.dataSource());
            LayerSummaries current = summaries;
            layerList.catalogProperty().set(current == null ? null : () -> {
                // A parse of another program on this machine that was killed since the window opened would
                // otherwise show as under way, with a Cancel that can never end it.
                recoverAbandoned(now.dataSource());
                return current.list();
            });
        });
        statusBar.busyProperty().bind(layerList.loadingProperty());
        layerList.loadingProperty().addListener((obs, was, now) -> updateActivity());
        layerList.errorProperty().addListener((obs, was, now) -> {
            updateActivity();
            // A database lost after the list was shown: the list stays, a notice says why it may be stale.
            if (now != null && layerList.loadedProperty().get()) {
                notices.databaseLost(now);
            } else if (now == null) {
                notices.databaseBack();
            }
        });
        layerList.layers().addListener((ListChangeListener<Object>) c -> updateActivity());
        settled.bind(connectionFailed.or(layerList.loadedProperty()).or(layerList.errorProperty().isNotNull()));
        installParsing();

        // The inspector: the selected layer's form and details, at the right.
        inspector = new LayerInspector(executor, inspectorReferencing, layerList);
        inspector.setOnReparseRequested(this::reparse);
        split.getItems().add(inspector.getView());
        // Wide enough for the list's datatype, status and tile count to show whole beside a name.
        split.setDividerPositions(0.38, 0.72);
        database.addListener((obs, old, now) -> inspector.setDatabase(now));
        database.addListener((obs, old, now) -> {
            if (legendEditor != null) {
                legendEditor.setDatabase(now);
            }
        });
        installMap();
        installTileServer();
        installMenu();
    }

    /** A window on an open database, as tests and an already connected caller want it. */
    public MainWindow(Database database, TaskExecutor executor) {
        this(database, executor, executor);
    }

    public MainWindow(Database database, TaskExecutor executor, TaskExecutor parsing) {
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

    /** The notices over the window's content: refused files, a database that stopped answering. */
    WindowNotices notices() {
        return notices;
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
                tileServer.pane().refresh();
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

    /** Opens the tile server's window (Serve tiles… in the tool bar): start, stop, its URL and QGIS's. */
    public void openTileServer() {
        tileServer.show(view.getScene() == null ? null : view.getScene().getWindow());
    }

    /** The tile server's window and pane, which follow the open database and the selected layer. */
    public TileServerWindow tileServer() {
        return tileServer;
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

    /** File › Quit (Ctrl+Q): once unsaved legend edits are saved or discarded, does what the application says. */
    public void quit() {
        confirmLeave(onQuit);
    }

    /** What Quit does after the legend question; by default this window closes. */
    public void setOnQuit(Runnable action) {
        onQuit = java.util.Objects.requireNonNull(action);
    }

    /** What Help › About RasterDesk does: the application shows the About box. */
    public void setOnAbout(Runnable action) {
        onAbout = java.util.Objects.requireNonNull(action);
    }

    /** Whether the parse log pane shows below the list and the map (View › Log pane). */
    public BooleanProperty logPaneShownProperty() {
        return logPaneShown;
    }

    /** What the "Change…" link beside the database's name does: the application opens the connection dialog. */
    public void setOnChangeDatabase(Runnable action) {
        onChangeDatabase = java.util.Objects.requireNonNull(action);
        statusBar.setOnChangeDatabase(action);
        notices.setOnChangeDatabase(action);
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

    /** The parses as a task manager, opened from "Parses…" in the status bar. */
    public ParseTasksView parseTasks() {
        return parseTasks;
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
        showConnecting(target, "Connecting…");
    }

    /** The window before its database is open: the activity says what is going on ("Starting the database…"). */
    public void showConnecting(String target, String activity) {
        connectionFailed.set(false);
        statusBar.errorProperty().set(false);
        statusBar.busyProperty().unbind();
        statusBar.busyProperty().set(true);
        statusBar.activityProperty().set(activity);
        statusBar.databaseProperty().set(target);
        layerList.setPlaceholderText(activity.equals("Connecting…") ? "Connecting to " + target + "…" : activity,
                false);
    }

    public void showDatabase(Database open) {
        connectionFailed.set(false);
        statusBar.errorProperty().set(false);
        statusBar.busyProperty().bind(layerList.loadingProperty());
        database.set(open);
        layerList.startAutoRefresh(LayerListView.DEFAULT_REFRESH_PERIOD);
        updateActivity();
        workersPoll.setCycleCount(Timeline.INDEFINITE);
        workersPoll.play();
        pollWorkers();
    }

    /**
     * Remembers "Parse on workers" between runs in this file: the application's window does, a test's does not.
     */
    public void rememberParseSettings(Path file) {
        parseQueue.onWorkersProperty().set(ParseSettings.read(file).onWorkers());
        parseQueue.onWorkersProperty().addListener((obs, was, now) -> new ParseSettings(now).write(file));
    }

    /** Reads the count of live workers in the background for the status bar. */
    private void pollWorkers() {
        WorkerParseRunner remote = parseQueue.workersProperty().get();
        if (remote == null || pollingWorkers) {
            return;
        }
        pollingWorkers = true;
        BackgroundTask.of(remote::liveWorkers)
                .describedAs("Counting the live workers")
                .onFinished(() -> pollingWorkers = false)
                .onSuccess(n -> {
                    if (parseQueue.workersProperty().get() == remote) {
                        statusBar.workersProperty().set(n == 0 ? "No workers" : n == 1 ? "1 worker" : n + " workers");
                        // A parse queued elsewhere for a layer already listed changes nothing in the list.
                        parseQueue.followWorkerParses(List.copyOf(layerList.layers()));
                    }
                })
                .onFailure(e -> statusBar.workersProperty().set(""))
                .executeWith(executor);
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
        workersPoll.stop();
        logPane.dispose();
        parseQueue.cancelAll();
        parseTasks.close();
        mapPane.dispose();
        mapTiles.close();
        tileServer.pane().dispose();
        mapWeb.close();
        WorkerParseRunner remote = parseQueue.workersProperty().get();
        if (remote != null) {
            remote.close();
        }
        workerWatch.close();
        // Not interrupted: a lookup in SIS's EPSG database (Derby) ends by itself rather than halfway.
        inspectorReferencing.shutdown();
    }

    /** The map follows the open database and the selected layer, and redraws layers that changed. */
    private void installTileServer() {
        database.addListener((obs, old, now) ->
                tileServer.pane().dataSourceProperty().set(now == null ? null : now.dataSource()));
        tileServer.pane().layerProperty().bind(layerList.selectedLayerProperty());
    }

    private void installMap() {
        database.addListener((obs, old, now) -> mapPane.dataSourceProperty().set(now == null ? null : now.dataSource()));
        layerList.selectedLayerProperty().addListener((obs, was, now) -> mapPane.select(now));
        statusBar.mapProperty().bind(mapPane.statusProperty());
        layerList.layers().addListener((ListChangeListener<LayerSummary>) c ->
                mapPane.layersListed(List.copyOf(layerList.layers())));
    }

    /** The menu bar above the tool bar; the log pane leaves and comes back with its View item. */
    private void installMenu() {
        MainMenu menu = new MainMenu(this, controls, new MainMenu.Commands() {
            @Override
            public void connect() {
                onChangeDatabase.run();
            }

            @Override
            public void quit() {
                MainWindow.this.quit();
            }

            @Override
            public void about() {
                onAbout.run();
            }
        });
        view.setTop(new VBox(menu.getView(), toolBar));
        double[] logDivider = {0.7};
        logPaneShown.addListener((obs, was, now) -> {
            Node log = logPane.getView();
            if (now && !withLog.getItems().contains(log)) {
                withLog.getItems().add(log);
                withLog.setDividerPositions(logDivider[0]);
            } else if (!now && withLog.getItems().contains(log)) {
                logDivider[0] = withLog.getDividerPositions()[0];
                withLog.getItems().remove(log);
            }
        });
    }

    /** A re-parse the form asked for (a parse-relevant field changed), through the window's parse queue. */
    private void reparse(int layerId) {
        String name = layerList.layers().stream().filter(l -> l.id() == layerId).map(LayerSummary::name)
                .findFirst().orElse("layer " + layerId);
        parseQueue.start(layerId, name);
    }

    private static void recoverAbandoned(DataSource dataSource) {
        try {
            new org.rasterdesk.parse.ParseRuns(dataSource).recoverAbandoned();
        } catch (java.sql.SQLException e) {
            // The list's own read says what is wrong with the database; the check runs again with the next reload.
            LOG.fine("Looking for abandoned parses failed: " + e.getMessage());
        }
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
        withLog = new SplitPane(split, logPane.getView());
        withLog.setOrientation(Orientation.VERTICAL);
        withLog.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(logPane.getView(), false);
        notices = new WindowNotices(withLog);
        view.setCenter(notices.getView());

        database.addListener((obs, old, now) -> {
            DataSource source = now == null ? null : now.dataSource();
            parseQueue.runnerProperty().set(source == null ? null : new DatabaseParseRunner(source));
            intake.repositoryProperty().set(source == null ? null : new RasterLayerRepository(source));
            intake.uploadsProperty().set(source == null ? null : new LayerUploads(source));
            intake.mosaicsProperty().set(source == null ? null : new MosaicFiles(source));
            logPane.repositoryProperty().set(source == null ? null : new ParseStatusRepository(source));
            WorkerParseRunner previous = parseQueue.workersProperty().get();
            parseQueue.workersProperty().set(source == null ? null : new WorkerParseRunner(source));
            statusBar.workersProperty().set("");
            if (previous != null) {
                BackgroundTask.ofAction(previous::close).describedAs("Closing the job queue's client")
                        .executeWith(executor);
            }
        });
        // Parses on workers that another client queued show here as this window's own do.
        layerList.layers().addListener((ListChangeListener<LayerSummary>) c ->
                parseQueue.followWorkerParses(List.copyOf(layerList.layers())));
        logPane.layerProperty().bind(layerList.selectedLayerProperty());
        layerList.showParses(parseQueue);
        parseQueue.runningProperty().addListener((obs, was, now) -> updateActivity());
        parseQueue.queuedProperty().addListener((obs, was, now) -> updateActivity());
        installParseTasks();

        controls = new ParseControls(layerList, parseQueue, intake, database.isNull());
        toolBar.getItems().addAll(controls.toolBarItems());
        ContextMenu menu = layerList.table().getContextMenu();
        if (menu == null) {
            menu = new ContextMenu();
            layerList.table().setContextMenu(menu);
        }
        menu.getItems().addAll(controls.menuItems());
        controls.install(view);

        // A batch's first new layer is selected once the list shows it, so that the log pane follows its parse: as
        // soon as it is made, while the batch's other files are still looked at (seconds for many files beside
        // running parses), and not again when the batch ends, which would take back a row the user chose meanwhile.
        intake.addFirstLayerListener(layer -> {
            selectWhenListed = layer.id();
            layerList.refresh();
        });
        intake.addOutcomeListener(outcome -> {
            // A refused file has no layer, hence no log of its own: the notice tells of it, not another layer's log.
            notices.refused(outcome.refused());
            if (!outcome.created().isEmpty()) {
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
                    // After the list has finished showing its new rows: it puts the row selected before back
                    // once they are in, which would undo a selection made while they go in.
                    Platform.runLater(() -> {
                        layerList.table().getSelectionModel().select(layer);
                        layerList.table().scrollTo(layer);
                    });
                    break;
                }
            }
        });
    }

    /** "Parses…" in the status bar while parses run or wait: their task manager, with a cancel for each. */
    private void installParseTasks() {
        parseTasks = new ParseTasksView(parseQueue);
        Hyperlink show = new Hyperlink("Parses…");
        show.setId("show-parses");
        show.setTooltip(new Tooltip("The running and queued parses, each with its progress and a cancel button"));
        BooleanBinding any = parseQueue.runningProperty().add(parseQueue.queuedProperty()).greaterThan(0);
        show.visibleProperty().bind(any);
        show.managedProperty().bind(any);
        PopOver popOver = new PopOver(parseTasks.getView());
        popOver.setTitle("Parses");
        popOver.setArrowLocation(PopOver.ArrowLocation.BOTTOM_RIGHT);
        popOver.setDetachable(false);
        show.setOnAction(e -> popOver.show(show));
        any.addListener((obs, was, now) -> {
            if (!now) {
                popOver.hide();
            }
        });
        statusBar.addItem(show);
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
