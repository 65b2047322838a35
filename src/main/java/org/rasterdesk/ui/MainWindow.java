package org.rasterdesk.ui;

import java.util.concurrent.Executor;
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
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.rasterdesk.db.Database;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;

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
    private final ReadOnlyObjectWrapper<Database> database = new ReadOnlyObjectWrapper<>(this, "database");
    private final ReadOnlyBooleanWrapper connectionFailed = new ReadOnlyBooleanWrapper(this, "connectionFailed");
    private final ReadOnlyBooleanWrapper settled = new ReadOnlyBooleanWrapper(this, "settled");
    private final LayerInspector inspector;
    private final Executor executor;

    /** A window without a database yet; {@link #showDatabase} or {@link #showConnectionFailure} follow. */
    public MainWindow(Executor executor) {
        this.executor = executor;
        layerList = new LayerListView(executor);
        view.getStyleClass().add("main-window");

        refreshButton.setId("refresh-layers");
        refreshButton.setOnAction(e -> layerList.refresh());
        refreshButton.disableProperty().bind(database.isNull());
        view.setTop(new ToolBar(refreshButton));

        split.setOrientation(Orientation.HORIZONTAL);
        split.getItems().addAll(layerList.getView(), mapPlaceholder());
        split.setDividerPositions(0.6);
        view.setCenter(split);
        view.setBottom(statusBar.getView());

        database.addListener((obs, old, now) -> {
            statusBar.databaseProperty().set(now == null ? "" : now.description());
            layerList.catalogProperty().set(now == null ? null : catalogOf(now));
        });
        statusBar.busyProperty().bind(layerList.loadingProperty());
        layerList.loadingProperty().addListener((obs, was, now) -> updateActivity());
        layerList.errorProperty().addListener((obs, was, now) -> updateActivity());
        layerList.layers().addListener((ListChangeListener<Object>) c -> updateActivity());
        settled.bind(connectionFailed.or(layerList.loadedProperty()).or(layerList.errorProperty().isNotNull()));

        // The inspector: the selected layer's form and details, at the right.
        inspector = new LayerInspector(executor, layerList);
        inspector.setOnReparseRequested(this::parseInBackground);
        split.getItems().add(inspector.getView());
        split.setDividerPositions(0.4, 0.64);
        database.addListener((obs, old, now) -> inspector.setDatabase(now));
    }

    /** A window on an open database, as tests and an already connected caller want it. */
    public MainWindow(Database database, Executor executor) {
        this(executor);
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

    /** What the "Change…" link beside the database's name does: the application opens the connection dialog. */
    public void setOnChangeDatabase(Runnable action) {
        statusBar.setOnChangeDatabase(action);
    }

    /** The split pane the layer list and the map share, for the panes still to come. */
    public SplitPane split() {
        return split;
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

    /** Stops the background reloads; the window is gone. */
    public void dispose() {
        layerList.stopAutoRefresh();
    }

    /**
     * Parses a layer on the window's executor, for a save that reset its parse and for a duplicate; the list
     * shows the progress through its status column.
     */
    private void parseInBackground(int layerId) {
        Database open = database.get();
        if (open == null) {
            return;
        }
        executor.execute(() -> {
            try {
                new LayerParseJob(open.dataSource()).run(layerId, ParseOptions.defaults(), ParseListener.NONE,
                        () -> false);
            } catch (Exception | LinkageError e) {
                LOG.log(Level.WARNING, "Parsing layer " + layerId + " failed", e);
            }
            Platform.runLater(layerList::refresh);
        });
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
            statusBar.activityProperty().set(n == 1 ? "1 layer" : n + " layers");
        }
    }

    private static LayerCatalog catalogOf(Database open) {
        RasterLayerRepository layers = new RasterLayerRepository(open.dataSource());
        return layers::listSummaries;
    }

    private static StackPane mapPlaceholder() {
        Label label = new Label("Map");
        label.getStyleClass().add("map-placeholder-text");
        StackPane pane = new StackPane(label);
        pane.setId("map-placeholder");
        pane.getStyleClass().add("map-placeholder");
        return pane;
    }
}
