package org.rasterdesk.ui.common;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** RasterDesk's icon (icons/rasterdesk.svg rendered by the build) at the sizes a window manager picks from. */
public final class AppIcon {

    /** The sizes the build renders. */
    public static final List<Integer> SIZES = List.of(16, 24, 32, 48, 64, 128, 256, 512);

    private static List<Image> windowIcons;

    private AppIcon() {
    }

    /** The icon at one of {@link #SIZES}. */
    public static Image of(int size) {
        String name = "/org/rasterdesk/icons/rasterdesk-" + size + ".png";
        try (InputStream in = AppIcon.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("No icon " + name + ": the build renders it from icons/rasterdesk.svg");
            }
            return new Image(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every size, for a stage's icons; read once. Call on the FX thread. */
    public static List<Image> windowIcons() {
        if (windowIcons == null) {
            List<Image> all = new ArrayList<>();
            for (int size : SIZES) {
                all.add(of(size));
            }
            windowIcons = List.copyOf(all);
        }
        return windowIcons;
    }
}
