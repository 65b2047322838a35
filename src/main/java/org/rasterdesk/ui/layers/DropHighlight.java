package org.rasterdesk.ui.layers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.css.PseudoClass;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.rasterdesk.layer.LayerSummary;

/**
 * Shows where files dragged over the window go while the drag lasts: the layer list is marked (new layers join it),
 * or, over a mosaic layer's row, that row alone (a drop there adds the files to that mosaic, once the user says so).
 * Whether a layer is a mosaic is asked of the database off the FX thread, once per layer and drag; until the answer
 * the list is marked. On the FX thread only.
 */
final class DropHighlight {

    /** The pseudo-class of the list, or of the row, a drop goes to. */
    static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final TableView<LayerSummary> table;
    private final LayerIntake intake;
    /** Whether each layer asked about during this drag is a mosaic. */
    private final Map<Integer, Boolean> mosaics = new HashMap<>();
    private final Set<Integer> asking = new HashSet<>();
    private TableRow<?> markedRow;
    private TableRow<?> hovered;
    private boolean dragging;

    DropHighlight(TableView<LayerSummary> table, LayerIntake intake) {
        this.table = table;
        this.intake = intake;
    }

    /** A drag that carries files or URLs is over the window, above this row (null when it is over no layer's row). */
    void over(TableRow<?> row) {
        dragging = true;
        hovered = row;
        LayerSummary layer = row != null && !row.isEmpty() && row.getItem() instanceof LayerSummary l ? l : null;
        Boolean mosaic = layer == null ? Boolean.FALSE : mosaics.get(layer.id());
        if (mosaic == null && asking.add(layer.id())) {
            int id = layer.id();
            intake.askWhetherMosaic(id, isMosaic -> {
                asking.remove(id);
                if (dragging && isMosaic != null) {
                    mosaics.put(id, isMosaic);
                    over(hovered);
                }
            });
        }
        mark(Boolean.TRUE.equals(mosaic) ? row : null);
    }

    /** The drag left the window, or ended: nothing is marked. */
    void clear() {
        dragging = false;
        hovered = null;
        mosaics.clear();
        markRow(null);
        table.pseudoClassStateChanged(DROP_TARGET, false);
    }

    private void mark(TableRow<?> row) {
        markRow(row);
        table.pseudoClassStateChanged(DROP_TARGET, row == null);
    }

    private void markRow(TableRow<?> row) {
        if (markedRow != null && markedRow != row) {
            markedRow.pseudoClassStateChanged(DROP_TARGET, false);
        }
        markedRow = row;
        if (row != null) {
            row.pseudoClassStateChanged(DROP_TARGET, true);
        }
    }
}
