package org.rasterdesk.ui;

import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where and how large the main window opens: the saved bounds when they are usable, moved and shrunk onto the
 * screen they were on (or the primary one when that screen is gone); else the default size, centred on the
 * primary screen. Never a size below {@link #MIN_WIDTH}×{@link #MIN_HEIGHT} (a window saved at 200×200 under
 * a window manager counts as not saved) and never a size that does not fit the screen.
 */
final class WindowPlacement {

    static final double DEFAULT_WIDTH = 1240;
    static final double DEFAULT_HEIGHT = 790;
    /** Below this the list, the map, the form and the log cannot all show; a saved size under it is ignored. */
    static final double MIN_WIDTH = 640;
    static final double MIN_HEIGHT = 420;

    private WindowPlacement() {
    }

    /** True when saved bounds of this size are worth restoring. */
    static boolean usable(double width, double height) {
        return width >= MIN_WIDTH && height >= MIN_HEIGHT;
    }

    /**
     * The window's bounds.
     *
     * @param saved   the saved bounds, or null when none (or unusable ones) were saved
     * @param screens the visual bounds (without panels) of the screens, the primary one first
     */
    static Rectangle2D choose(Rectangle2D saved, List<Rectangle2D> screens) {
        Rectangle2D primary = screens.get(0);
        if (saved == null || !usable(saved.getWidth(), saved.getHeight())) {
            double w = Math.min(DEFAULT_WIDTH, primary.getWidth());
            double h = Math.min(DEFAULT_HEIGHT, primary.getHeight());
            return new Rectangle2D(primary.getMinX() + (primary.getWidth() - w) / 2,
                    primary.getMinY() + (primary.getHeight() - h) / 2, w, h);
        }
        Rectangle2D screen = screenOf(saved, screens);
        double w = Math.min(saved.getWidth(), screen.getWidth());
        double h = Math.min(saved.getHeight(), screen.getHeight());
        double x = clamp(saved.getMinX(), screen.getMinX(), screen.getMaxX() - w);
        double y = clamp(saved.getMinY(), screen.getMinY(), screen.getMaxY() - h);
        return new Rectangle2D(x, y, w, h);
    }

    /** The smallest size the window may be made on this screen. */
    static double[] minimumSize(Rectangle2D screen) {
        return new double[] {Math.min(MIN_WIDTH, screen.getWidth()), Math.min(MIN_HEIGHT, screen.getHeight())};
    }

    /** The screen holding the saved window's centre, else the one it overlaps most, else the primary one. */
    static Rectangle2D screenOf(Rectangle2D bounds, List<Rectangle2D> screens) {
        double cx = bounds.getMinX() + bounds.getWidth() / 2;
        double cy = bounds.getMinY() + bounds.getHeight() / 2;
        Rectangle2D best = screens.get(0);
        double bestArea = 0;
        for (Rectangle2D screen : screens) {
            if (screen.contains(cx, cy)) {
                return screen;
            }
            double area = overlap(bounds, screen);
            if (area > bestArea) {
                bestArea = area;
                best = screen;
            }
        }
        return best;
    }

    private static double overlap(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, max));
    }
}
