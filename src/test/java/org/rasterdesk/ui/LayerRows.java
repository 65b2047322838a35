package org.rasterdesk.ui;

import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TableRow;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A layer's row in a window's layer list, for window tests. The table makes rows only for the layers it shows, and in
 * the whole suite the shared database holds other tests' layers, so a layer is scrolled into view before its row or
 * its cells are looked for.
 */
final class LayerRows {

    private LayerRows() {
    }

    /** On the FX thread: the layer as the list has it, scrolled into view; empty while the list does not have it. */
    static Optional<LayerSummary> scrollTo(MainWindow window, int layerId) {
        Optional<LayerSummary> layer = window.layerList().layers().stream().filter(l -> l.id() == layerId)
                .findFirst();
        layer.ifPresent(l -> window.layerList().table().scrollTo(l));
        return layer;
    }

    /** On the FX thread: selects the layer and scrolls it into view; empty while the list does not have it. */
    static Optional<LayerSummary> select(MainWindow window, int layerId) {
        Optional<LayerSummary> layer = scrollTo(window, layerId);
        layer.ifPresent(l -> window.layerList().table().getSelectionModel().select(l));
        return layer;
    }

    /** From the test thread: selects the layer, which the list must have, and lets the window answer. */
    static void select(FxRobot robot, MainWindow window, int layerId) {
        robot.interact(() -> select(window, layerId).orElseThrow(() -> new AssertionError("the list has no layer "
                + layerId)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** On the FX thread: the row that shows the layer, if one does. */
    static Optional<TableRow<?>> shownRow(FxRobot robot, int layerId) {
        return robot.lookup(".table-row-cell").<TableRow<?>>queryAll().stream()
                .filter(r -> r.getItem() instanceof LayerSummary l && l.id() == layerId).findFirst();
    }

    /** On the FX thread: the row that shows the layer, once {@link #showRow} has brought it into view. */
    static TableRow<?> rowOf(FxRobot robot, int layerId) {
        return shownRow(robot, layerId).orElseThrow(() -> new AssertionError("no row shows layer " + layerId));
    }

    /**
     * From the test thread: scrolls the list to the layer until a row shows it (the table makes that row at its
     * next layout, and the list may not have the layer yet).
     */
    static void showRow(FxRobot robot, MainWindow window, int layerId) throws TimeoutException {
        OnFx.waitUntil(() -> scrollTo(window, layerId).isPresent() && shownRow(robot, layerId).isPresent());
    }

    /** From the test thread: waits until the list shows the layer with this stored status and no parse of it runs. */
    static void awaitStatus(MainWindow window, int layerId, ParseStatus status) throws TimeoutException {
        OnFx.waitUntil(() -> window.parseQueue().find(layerId) == null && window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layerId && l.status() == status));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** On the FX thread: the layer as the list shows it. */
    static LayerSummary shown(MainWindow window, int layerId) {
        return window.layerList().layers().stream().filter(l -> l.id() == layerId).findFirst()
                .orElseThrow(() -> new AssertionError("the list shows no layer " + layerId));
    }
}
