package org.rasterdesk.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.rasterdesk.system.AppPaths;

/**
 * Remembers the window between runs: its place and size, where the dividers of its split panes (list, map,
 * inspector, log) were left, and the selected layer and map view ({@link SavedView}), in {@code window.properties}
 * of the user's config folder.
 */
final class WindowLayout {

    private static final Logger LOG = Logger.getLogger(WindowLayout.class.getName());

    /**
     * The arrangement of panes the saved dividers belong to: raised when panes change meaning (the map took the
     * middle pane) or their default widths do (3: a list wide enough for its columns), so that old positions are
     * not applied to new panes.
     */
    static final String ARRANGEMENT = "3";

    private final Path file;

    WindowLayout(Path file) {
        this.file = file;
    }

    static WindowLayout forCurrentUser() {
        return new WindowLayout(AppPaths.configDir().resolve("window.properties"));
    }

    /**
     * Puts the stage where it was, at the size it had, as far as that fits a screen (see {@link WindowPlacement}),
     * and the dividers of the root's split panes where they were once it is shown; call before showing it.
     */
    void restore(Stage stage, Node root) {
        Properties p = read();
        boolean maximized = Boolean.parseBoolean(p.getProperty("maximized", "false"));
        place(stage, savedBounds(p), () -> restoreDividers(root));
        stage.setMaximized(maximized);
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<WindowEvent>() {
            @Override
            public void handle(WindowEvent e) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                // Dividers need a laid out pane.
                Platform.runLater(() -> restoreDividers(root));
            }
        });
    }

    /**
     * Gives a stage that has no saved layout the default size, centred, within the screen; call before showing it.
     */
    static void placeNew(Stage stage) {
        place(stage, null, () -> { });
    }

    private static void place(Stage stage, Rectangle2D saved, Runnable resized) {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        for (Screen screen : Screen.getScreens()) {
            if (!screen.equals(Screen.getPrimary())) {
                screens.add(screen.getVisualBounds());
            }
        }
        Rectangle2D bounds = WindowPlacement.choose(saved, screens);
        double[] min = WindowPlacement.minimumSize(WindowPlacement.screenOf(bounds, screens));
        stage.setMinWidth(min[0]);
        stage.setMinHeight(min[1]);
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());
        stage.setHeight(bounds.getHeight());
        WindowSizeGuard.keep(stage, bounds, resized);
    }

    /** The saved bounds, null when none were saved or they are too small to be the user's choice. */
    private static Rectangle2D savedBounds(Properties p) {
        double x = number(p, "x");
        double y = number(p, "y");
        double w = number(p, "width");
        double h = number(p, "height");
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isNaN(w) || Double.isNaN(h)
                || !WindowPlacement.usable(w, h)) {
            return null;
        }
        return new Rectangle2D(x, y, w, h);
    }

    /** Puts the dividers where they were; call once the window is shown (dividers need a laid out pane). */
    private void restoreDividers(Node root) {
        Properties p = read();
        // Dividers saved in a window too small to be the user's choice squeeze a pane (the log to one line).
        if (!ARRANGEMENT.equals(p.getProperty("arrangement"))
                || !Boolean.parseBoolean(p.getProperty("maximized", "false")) && savedBounds(p) == null) {
            return;
        }
        List<SplitPane> panes = splitPanes(root);
        for (int i = 0; i < panes.size(); i++) {
            String saved = p.getProperty("dividers." + i);
            if (saved == null) {
                continue;
            }
            String[] parts = saved.split(",");
            if (parts.length != panes.get(i).getDividers().size()) {
                continue;
            }
            double[] positions = new double[parts.length];
            for (int d = 0; d < parts.length; d++) {
                positions[d] = Double.parseDouble(parts[d]);
            }
            panes.get(i).setDividerPositions(positions);
        }
    }

    /** The selected layer and map view saved last time, null when none were. */
    SavedView savedView() {
        return SavedView.read(read());
    }

    void save(Stage stage, Node root) {
        save(stage, root, null);
    }

    /** Saves the window's place, size and dividers, and what it showed when given. */
    void save(Stage stage, Node root, SavedView view) {
        Properties p = new Properties();
        if (view != null) {
            view.write(p);
        }
        p.setProperty("arrangement", ARRANGEMENT);
        p.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            p.setProperty("x", format(stage.getX()));
            p.setProperty("y", format(stage.getY()));
            p.setProperty("width", format(stage.getWidth()));
            p.setProperty("height", format(stage.getHeight()));
        }
        List<SplitPane> panes = splitPanes(root);
        for (int i = 0; i < panes.size(); i++) {
            StringBuilder positions = new StringBuilder();
            for (double d : panes.get(i).getDividerPositions()) {
                positions.append(positions.length() == 0 ? "" : ",").append(format(d));
            }
            p.setProperty("dividers." + i, positions.toString());
        }
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                p.store(out, "RasterDesk window layout");
            }
        } catch (IOException e) {
            LOG.warning("The window layout was not saved: " + e.getMessage());
        }
    }

    private Properties read() {
        Properties p = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warning("The saved window layout cannot be read: " + e.getMessage());
            }
        }
        return p;
    }

    /** The window's split panes in a stable order: the scene graph's, depth first. */
    private static List<SplitPane> splitPanes(Node root) {
        List<SplitPane> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<SplitPane> found) {
        if (node instanceof SplitPane pane) {
            found.add(pane);
            pane.getItems().forEach(item -> collect(item, found));
        } else if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }

    private static double number(Properties p, String key) {
        try {
            return Double.parseDouble(p.getProperty(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
