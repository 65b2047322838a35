package org.rasterdesk.ui.map;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.TransferMode;

/**
 * Reordering the layers on the map from the layer panel, top first: drag a layer onto another, or move the selected
 * one with Alt+↑/↓ or the list's context menu. A move is one change of the list (the layer never leaves the map).
 */
final class LayerOrder {

    /** A layer being dragged within the panel, by its place in the list. */
    private static final DataFormat DRAGGED = new DataFormat("application/x-rasterdesk-map-layer-index");

    private final ObservableList<MapLayer> layers;
    private final ListView<MapLayer> list;

    private LayerOrder(ListView<MapLayer> list, ObservableList<MapLayer> layers) {
        this.list = list;
        this.layers = layers;
    }

    /** Lets the user reorder the layers of the list. */
    static LayerOrder install(ListView<MapLayer> list, ObservableList<MapLayer> layers) {
        LayerOrder order = new LayerOrder(list, layers);
        MenuItem up = new MenuItem("Move up");
        up.setId("map-layer-up");
        up.setAccelerator(new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN));
        up.setOnAction(e -> order.moveSelected(-1));
        MenuItem down = new MenuItem("Move down");
        down.setId("map-layer-down");
        down.setAccelerator(new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN));
        down.setOnAction(e -> order.moveSelected(1));
        list.setContextMenu(new ContextMenu(up, down));
        list.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && (e.getCode() == KeyCode.UP || e.getCode() == KeyCode.DOWN)) {
                order.moveSelected(e.getCode() == KeyCode.UP ? -1 : 1);
                e.consume();
            }
        });
        return order;
    }

    /** Makes a cell a handle to drag its layer and a place to drop another. */
    void dragWith(ListCell<MapLayer> cell) {
        cell.setOnDragDetected(e -> {
            if (cell.getItem() == null) {
                return;
            }
            Dragboard board = cell.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.put(DRAGGED, cell.getIndex());
            board.setContent(content);
            e.consume();
        });
        cell.setOnDragOver(e -> {
            if (e.getGestureSource() instanceof ListCell<?> source && source.getListView() == list
                    && source != cell && e.getDragboard().hasContent(DRAGGED)) {
                e.acceptTransferModes(TransferMode.MOVE);
            }
            e.consume();
        });
        cell.setOnDragDropped(e -> {
            Object from = e.getDragboard().getContent(DRAGGED);
            boolean moved = from instanceof Integer index && move(index,
                    cell.isEmpty() ? layers.size() - 1 : cell.getIndex());
            e.setDropCompleted(moved);
            e.consume();
        });
    }

    /** Moves the selected layer up (-1) or down (+1), keeping it selected. */
    void moveSelected(int step) {
        int from = list.getSelectionModel().getSelectedIndex();
        if (from >= 0 && move(from, from + step)) {
            list.getSelectionModel().select(from + step);
        }
    }

    /** Moves the layer at one place to another in one change of the list; false when nothing moves. */
    boolean move(int from, int to) {
        if (from < 0 || from >= layers.size() || to < 0 || to >= layers.size() || from == to) {
            return false;
        }
        List<MapLayer> reordered = new ArrayList<>(layers);
        reordered.add(to, reordered.remove(from));
        layers.setAll(reordered);
        return true;
    }
}
