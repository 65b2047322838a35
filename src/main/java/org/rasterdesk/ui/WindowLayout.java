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
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.stage.Stage;
import org.rasterdesk.system.AppPaths;

/**
 * Remembers the window between runs: its place and size, and where the dividers of its split panes (list, map,
 * inspector, log) were left, in {@code window.properties} of the user's config folder.
 */
final class WindowLayout {

    private static final Logger LOG = Logger.getLogger(WindowLayout.class.getName());

    /**
     * The arrangement of panes the saved dividers belong to: raised when panes change meaning (the map took the
     * middle pane), so that old positions are not applied to new panes.
     */
    static final String ARRANGEMENT = "2";

    private final Path file;

    WindowLayout(Path file) {
        this.file = file;
    }

    static WindowLayout forCurrentUser() {
        return new WindowLayout(AppPaths.configDir().resolve("window.properties"));
    }

    /** Puts the stage where it was; call before showing it. */
    void restoreStage(Stage stage) {
        Properties p = read();
        double w = number(p, "width");
        double h = number(p, "height");
        if (w > 200 && h > 150) {
            stage.setWidth(w);
            stage.setHeight(h);
        }
        double x = number(p, "x");
        double y = number(p, "y");
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(Boolean.parseBoolean(p.getProperty("maximized", "false")));
    }

    /** Puts the dividers where they were; call once the window is shown (dividers need a laid out pane). */
    void restoreDividers(Node root) {
        Properties p = read();
        if (!ARRANGEMENT.equals(p.getProperty("arrangement"))) {
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

    void save(Stage stage, Node root) {
        Properties p = new Properties();
        p.setProperty("arrangement", ARRANGEMENT);
        p.setProperty("maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized()) {
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
