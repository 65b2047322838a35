package org.rasterdesk.ui.map;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.util.Duration;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.render.ViewCounts;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.legend.LegendPanel;

/**
 * Keeps the legend panel's counts (pixels of the view per entry) up to date: counted in the background once the
 * view has stood still for a moment, an older count dropped when a newer one is asked for.
 */
final class ViewCounter {

    private static final Logger LOG = Logger.getLogger(ViewCounter.class.getName());

    private final MapView map;
    private final LegendPanel panel;
    private final TaskExecutor executor;
    private final PauseTransition settling = new PauseTransition(Duration.millis(250));
    private final AtomicLong generation = new AtomicLong();
    private MapLayer layer;
    private int pending;

    ViewCounter(MapView map, LegendPanel panel, TaskExecutor executor) {
        this.map = map;
        this.panel = panel;
        this.executor = executor;
        settling.setOnFinished(e -> count());
        map.viewportProperty().addListener((obs, was, now) -> recount());
    }

    /** The layer whose legend the panel shows, null for none. */
    void follow(MapLayer shown) {
        layer = shown;
        recount();
    }

    /** Counts again once the view settles (the view moved, or the layer's colours changed). */
    void recount() {
        settling.playFromStart();
    }

    /** True while a count is due or running. */
    boolean isPending() {
        return pending > 0 || settling.getStatus() == Animation.Status.RUNNING;
    }

    void stop() {
        settling.stop();
        generation.incrementAndGet();
    }

    private void count() {
        MapLayer counted = layer;
        if (counted == null || counted.renderer() == null) {
            return;
        }
        LayerRenderer renderer = counted.renderer();
        MapViewport viewport = map.viewport();
        long mine = generation.incrementAndGet();
        pending++;
        BackgroundTask.of(() -> ViewCounts.count(renderer, viewport, () -> generation.get() != mine))
                .onFinished(() -> pending--)
                .whileCurrent(() -> generation.get() == mine && layer == counted)
                .onSuccess(panel::setCounts)
                .onFailure(e -> LOG.log(Level.FINE, "cannot count the view", e))
                .executeWith(executor);
    }
}
