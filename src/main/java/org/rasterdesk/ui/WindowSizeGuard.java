package org.rasterdesk.ui;

import java.util.logging.Logger;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;

/**
 * Holds a newly shown stage at the size it was given while the window manager settles it. Under a window manager
 * (openbox, mutter) JavaFX 21's GTK glass first shows the window at the size asked for, then shrinks it to
 * 200×200, or to its minimum size, once the frame's extents arrive (JDK-8316423, fixed in JavaFX 22): a size
 * asked for again after that is kept. The guard ends with the user's first click or key in the window, or after
 * {@link #SETTLE_TIME}; a maximized or full-screen window is the window manager's to size.
 */
final class WindowSizeGuard {

    private static final Logger LOG = Logger.getLogger(WindowSizeGuard.class.getName());

    /** The longest the size is guarded: the frame's extents come within a few pulses, even on a busy machine. */
    static final Duration SETTLE_TIME = Duration.seconds(10);
    /** Differences up to this are decorations the window manager adds or takes, not the bug's shrinking. */
    private static final double TOLERANCE = 48;
    /** A window manager that keeps shrinking the window wins after so many tries, rather than a resize loop. */
    private static final int MAX_TRIES = 5;

    private final Stage stage;
    private final Rectangle2D wanted;
    private final Runnable resized;
    private final PauseTransition settle = new PauseTransition(SETTLE_TIME);
    private final InvalidationListener onStageResize = o -> putBackIfShrunk();
    private final Runnable afterLayout = this::laidOut;
    /** The content's size when what depends on it was last set. */
    private double laidOutWidth = Double.NaN;
    private double laidOutHeight = Double.NaN;
    private final EventHandler<Event> onUserInput = e -> stop();
    private int tries;

    private WindowSizeGuard(Stage stage, Rectangle2D wanted, Runnable resized) {
        this.stage = stage;
        this.wanted = wanted;
        this.resized = resized;
    }

    /**
     * Watches the stage from its next showing; the stage's size is put back to the wanted one when shrunk.
     *
     * @param resized run after each layout at a new size while guarded: what depends on the size (the split panes'
     *                dividers, which a pane that keeps its height through a resize moves) is set again
     */
    static void keep(Stage stage, Rectangle2D wanted, Runnable resized) {
        WindowSizeGuard guard = new WindowSizeGuard(stage, wanted, resized);
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<WindowEvent>() {
            @Override
            public void handle(WindowEvent e) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                guard.start();
            }
        });
    }

    private void start() {
        stage.widthProperty().addListener(onStageResize);
        stage.heightProperty().addListener(onStageResize);
        if (stage.getScene() != null) {
            stage.getScene().addPostLayoutPulseListener(afterLayout);
        }
        stage.addEventFilter(MouseEvent.MOUSE_PRESSED, onUserInput);
        stage.addEventFilter(KeyEvent.KEY_PRESSED, onUserInput);
        settle.setOnFinished(e -> stop());
        settle.playFromStart();
        putBackIfShrunk();
    }

    private void stop() {
        settle.stop();
        stage.widthProperty().removeListener(onStageResize);
        stage.heightProperty().removeListener(onStageResize);
        if (stage.getScene() != null) {
            stage.getScene().removePostLayoutPulseListener(afterLayout);
        }
        stage.removeEventFilter(MouseEvent.MOUSE_PRESSED, onUserInput);
        stage.removeEventFilter(KeyEvent.KEY_PRESSED, onUserInput);
    }

    private void putBackIfShrunk() {
        if (stage.isMaximized() || stage.isFullScreen() || stage.isIconified() || tries >= MAX_TRIES
                || !shrunk()) {
            return;
        }
        tries++;
        LOG.fine(() -> "The window manager made the window " + stage.getWidth() + "×" + stage.getHeight()
                + "; asking for " + wanted.getWidth() + "×" + wanted.getHeight() + " again");
        // Shrunk windows are placed anew by some window managers: the place goes back too.
        stage.setX(wanted.getMinX());
        stage.setY(wanted.getMinY());
        stage.setWidth(wanted.getWidth());
        stage.setHeight(wanted.getHeight());
    }

    /**
     * After a layout at a new size, what depends on the size is set again, for the next pulse's layout: set before
     * it, a split pane would move its divider to keep a fixed pane's old height through the resize.
     */
    private void laidOut() {
        double w = stage.getScene().getWidth();
        double h = stage.getScene().getHeight();
        if (shrunk()) {
            // Laid out shrunk, the split panes moved their dividers: back at the wanted size (the same size as the
            // last layout) they are set again.
            laidOutWidth = Double.NaN;
            laidOutHeight = Double.NaN;
            return;
        }
        if (w == laidOutWidth && h == laidOutHeight) {
            return;
        }
        laidOutWidth = w;
        laidOutHeight = h;
        resized.run();
    }

    private boolean shrunk() {
        return stage.getWidth() < wanted.getWidth() - TOLERANCE || stage.getHeight() < wanted.getHeight() - TOLERANCE;
    }
}
