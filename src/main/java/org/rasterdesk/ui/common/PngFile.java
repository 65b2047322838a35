package org.rasterdesk.ui.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import org.rasterdesk.render.PngEncoder;

/**
 * Writes a picture of the window (the map, the legend, a whole scene) as a PNG with its alpha, through the same
 * encoder as the tiles: no AWT or Image I/O in between.
 */
public final class PngFile {

    private PngFile() {
    }

    /** Any thread may call it once the image is made; the folder is created when missing. */
    public static void write(Image image, Path file) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PngEncoder.write(argb, width, height, file);
    }
}
