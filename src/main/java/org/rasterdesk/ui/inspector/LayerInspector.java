package org.rasterdesk.ui.inspector;

import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import org.rasterdesk.db.Database;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.ui.common.ActivityLine;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.layers.LayerListView;

/**
 * The right-hand side of the window: the form and the details of the layer selected in the list, with delete
 * (the Delete key), duplicate ({@link LayerCommands}) and rename (F2). It reloads the layer in the background whenever the list shows a
 * new version of it (saved, parsed or changed by another RasterDesk on the same database).
 */
public final class LayerInspector {

    private final TaskExecutor executor;
    private final TaskExecutor referencing;
    private final LayerListView list;
    private final LayerForm form;
    private final LayerDetailsPane details = new LayerDetailsPane();
    private final ActivityLine activity = new ActivityLine();
    private final LayerCommands commands;
    private final ScrollPane view;
    private final ReadOnlyObjectWrapper<LayerSnapshot> snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot");

    private LayerRecords records;
    private IntConsumer onReparseRequested = id -> { };
    /** The version of the selected layer last loaded, to reload only when the list shows a newer one. */
    private LayerSummary loadedSummary;
    /** Bumped on every new load and database: an answer for an older request is dropped. */
    private long generation;
    private boolean selectionCheckQueued;
    private Integer selectWhenListed;

    /**
     * @param executor    runs the inspector's database calls; never the FX thread
     * @param referencing runs what may wait on Apache SIS's EPSG database (CRS names, SRID checks, the form's
     *                    pre-flight): threads of its own, because the first opening of that database takes seconds
     *                    (minutes on a loaded machine), and on the threads the list reloads on it held the list
     */
    public LayerInspector(TaskExecutor executor, TaskExecutor referencing, LayerListView list) {
        this.executor = executor;
        this.referencing = referencing;
        this.list = list;
        form = new LayerForm(executor, referencing);
        form.setOnSaved(layer -> list.refresh());
        form.setOnReparseRequested(id -> onReparseRequested.accept(id));
        activity.label().setId("inspector-activity");
        activity.label().getStyleClass().add("form-notice");
        VBox content = new VBox(form.getView(), activity.label(), new Separator(), details.getView());
        content.getStyleClass().add("layer-inspector");
        view = new ScrollPane(content);
        view.setFitToWidth(true);
        view.setId("layer-inspector");
        view.setMinWidth(300);

        commands = new LayerCommands(executor, list, activity, () -> records, view);
        commands.setOnDeleted(id -> {
            if (snapshot.get() != null && snapshot.get().layer().id() == id) {
                showSnapshot(null);
                loadedSummary = null;
            }
        });
        commands.setOnDuplicated(id -> {
            selectWhenListed = id;
            onReparseRequested.accept(id);
        });
        form.deleteButton().setOnAction(e -> deleteSelected());
        form.duplicateButton().setOnAction(e -> duplicateSelected());

        list.selectedLayerProperty().addListener((obs, was, now) -> queueSelectionCheck());
        list.layers().addListener((ListChangeListener<LayerSummary>) c -> queueSelectionCheck());
        list.table().addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DELETE && list.selectedLayerProperty().get() != null) {
                e.consume();
                deleteSelected();
            } else if (e.getCode() == KeyCode.F2) {
                e.consume();
                form.focusName();
            }
        });
    }

    public Node getView() {
        return view;
    }

    public LayerForm form() {
        return form;
    }

    public LayerDetailsPane details() {
        return details;
    }

    /** What the inspector shows now; null when no layer is selected. */
    public ReadOnlyObjectProperty<LayerSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /** Whether a delete or duplicate runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return activity.busyProperty();
    }

    /** Why the last load, delete or duplicate failed; null when it worked. */
    public ReadOnlyStringProperty problemProperty() {
        return activity.problemProperty();
    }

    /** Called with a layer's id when it must be parsed: after a save that reset its parse, and for a duplicate. */
    public void setOnReparseRequested(IntConsumer handler) {
        onReparseRequested = Objects.requireNonNull(handler);
    }

    /** The database to read and write; null clears the inspector. */
    public void setDatabase(Database database) {
        generation++;
        records = database == null ? null : new LayerRecords(database.dataSource());
        form.setRecords(records);
        loadedSummary = null;
        showSnapshot(null);
        queueSelectionCheck();
    }

    /** Asks for confirmation, then deletes the selected layer (the Delete key, the form's Delete button). */
    public void deleteSelected() {
        commands.deleteSelected();
    }

    /** Stores a copy of the selected layer, selects it when the list shows it, and parses it. */
    public void duplicateSelected() {
        commands.duplicateSelected();
    }

    /** Reads the shown layer again, with the legends its form offers; edits in the form are kept. */
    public void reloadShown() {
        loadedSummary = null;
        queueSelectionCheck();
    }

    /**
     * The list replaces its items and then selects the same layer again, so the selection passes through null
     * on every reload: look at it (and select a new duplicate) once the reload has finished.
     */
    private void queueSelectionCheck() {
        if (!selectionCheckQueued) {
            selectionCheckQueued = true;
            Platform.runLater(() -> {
                selectionCheckQueued = false;
                selectPendingLayer();
                selectionSettled();
            });
        }
    }

    private void selectionSettled() {
        LayerSummary selected = list.selectedLayerProperty().get();
        if (records == null) {
            return;
        }
        if (selected == null) {
            boolean stillListed = loadedSummary != null
                    && list.layers().stream().anyMatch(s -> s.id() == loadedSummary.id());
            if (!stillListed && loadedSummary != null) {
                generation++;
                loadedSummary = null;
                showSnapshot(null);
            }
            return;
        }
        if (selected.equals(loadedSummary)) {
            return;
        }
        if (loadedSummary != null && selected.id() != loadedSummary.id() && form.dirtyProperty().get()
                && !saveOrDropEdits()) {
            int keep = loadedSummary.id();
            list.layers().stream().filter(s -> s.id() == keep).findFirst()
                    .ifPresent(s -> list.table().getSelectionModel().select(s));
            return;
        }
        loadedSummary = selected;
        load(selected.id());
    }

    /**
     * Asks what becomes of the form's edits when another layer is selected: saved (in the background), dropped,
     * or kept by staying on the layer. False for staying.
     */
    private boolean saveOrDropEdits() {
        LayerSnapshot editing = snapshot.get();
        String name = editing == null || editing.layer().name() == null ? "this layer"
                : "“" + editing.layer().name() + "”";
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType drop = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Save your changes to " + name + " first?");
        ask.setTitle("Unsaved changes");
        ask.setHeaderText(null);
        if (form.validProperty().get()) {
            ask.getButtonTypes().setAll(save, drop, ButtonType.CANCEL);
        } else {
            ask.setContentText("Your changes to " + name + " are not valid and cannot be saved. Discard them?");
            ask.getButtonTypes().setAll(drop, ButtonType.CANCEL);
        }
        if (view.getScene() != null) {
            ask.initOwner(view.getScene().getWindow());
        }
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.filter(save::equals).isPresent()) {
            form.save();
            return true;
        }
        return answer.filter(drop::equals).isPresent();
    }

    private void load(int layerId) {
        long requested = ++generation;
        LayerRecords source = records;
        BackgroundTask.of(() -> source.load(layerId))
                .describedAs("Reading layer " + layerId + " failed")
                .whileCurrent(() -> requested == generation)
                .onSuccess(loaded -> {
                    if (loaded.isEmpty()) {
                        shown(null);
                    } else {
                        nameCrs(loaded.get(), requested);
                    }
                })
                .onFailure(failure -> {
                    // Let the next list reload try again.
                    loadedSummary = null;
                    activity.say("Cannot read layer " + layerId + ": " + ErrorText.of(failure), true);
                })
                .executeWith(executor);
    }

    /** Shows the layer read once its CRS is named, on the threads that may wait for SIS. */
    private void nameCrs(LayerSnapshot read, long requested) {
        LayerMetadata meta = read.metadata();
        BackgroundTask.of(() -> CrsNames.describe(meta.srid(), meta.srsWkt()))
                .describedAs("Naming the CRS of layer " + read.layer().id() + " failed")
                .whileCurrent(() -> requested == generation)
                .onSuccess(crs -> shown(read.withCrs(crs)))
                .executeWith(referencing);
    }

    private void shown(LayerSnapshot loaded) {
        if (activity.problemProperty().get() != null) {
            activity.clear();
        }
        showSnapshot(loaded);
    }

    private void showSnapshot(LayerSnapshot shown) {
        snapshot.set(shown);
        form.show(shown);
        details.show(shown);
    }

    private void selectPendingLayer() {
        if (selectWhenListed == null) {
            return;
        }
        for (LayerSummary s : list.layers()) {
            if (s.id() == selectWhenListed) {
                selectWhenListed = null;
                list.table().getSelectionModel().select(s);
                list.table().scrollTo(s);
                return;
            }
        }
    }
}
