package org.rasterdesk.ui.inspector;

import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.ui.common.ActivityLine;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.layers.LayerListView;

/**
 * The inspector's commands on the layer selected in the list: delete (after asking) and duplicate. Each runs in the
 * background, says what it does on the inspector's activity line, and refreshes the list when done.
 */
final class LayerCommands {

    private final TaskExecutor executor;
    private final LayerListView list;
    private final ActivityLine activity;
    private final Supplier<LayerRecords> records;
    private final Node owner;
    private IntConsumer onDeleted = id -> { };
    private IntConsumer onDuplicated = id -> { };

    /**
     * @param records the open database's, or null while there is none
     * @param owner   a node of the window the confirmation belongs to
     */
    LayerCommands(TaskExecutor executor, LayerListView list, ActivityLine activity, Supplier<LayerRecords> records,
                  Node owner) {
        this.executor = executor;
        this.list = list;
        this.activity = activity;
        this.records = records;
        this.owner = owner;
    }

    /** Called with the id of a layer once it is deleted. */
    void setOnDeleted(IntConsumer action) {
        onDeleted = action;
    }

    /** Called with the id of a new copy once it is stored. */
    void setOnDuplicated(IntConsumer action) {
        onDuplicated = action;
    }

    /** Asks for confirmation, then deletes the selected layer and its tiles. */
    void deleteSelected() {
        LayerSummary selected = list.selectedLayerProperty().get();
        LayerRecords target = records.get();
        if (selected == null || target == null || activity.busyProperty().get()) {
            return;
        }
        String name = selected.name() == null || selected.name().isBlank() ? "layer " + selected.id()
                : "“" + selected.name() + "”";
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + name + (selected.tileCount() > 0
                ? " and its " + String.format("%,d", selected.tileCount()) + " tiles" : "")
                + "? This cannot be undone.", delete, ButtonType.CANCEL);
        confirm.setTitle("Delete layer");
        confirm.setHeaderText(null);
        if (owner.getScene() != null) {
            confirm.initOwner(owner.getScene().getWindow());
        }
        if (confirm.showAndWait().filter(delete::equals).isEmpty()) {
            return;
        }
        int id = selected.id();
        activity.command("Deleting " + name + "…", () -> target.delete(id))
                .onSuccess(deleted -> {
                    activity.clear();
                    onDeleted.accept(id);
                    list.refresh();
                })
                .executeWith(executor);
    }

    /** Stores a copy of the selected layer ("name (copy)"). */
    void duplicateSelected() {
        LayerSummary selected = list.selectedLayerProperty().get();
        LayerRecords target = records.get();
        if (selected == null || target == null || activity.busyProperty().get()) {
            return;
        }
        activity.command("Duplicating…", () -> target.duplicate(selected.id()))
                .onSuccess((Optional<RasterLayer> made) -> {
                    if (made.isEmpty()) {
                        activity.say("Layer " + selected.id() + " no longer exists.", true);
                        return;
                    }
                    activity.clear();
                    onDuplicated.accept(made.get().id());
                    list.refresh();
                })
                .executeWith(executor);
    }
}
