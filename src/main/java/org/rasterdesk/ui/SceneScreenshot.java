package org.rasterdesk.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** A PNG of what a scene shows, for the documentation and for checking the window where nobody looks at it. */
final class SceneScreenshot {

    private SceneScreenshot() {
    }

    /** Renders the scene; on the FX thread. */
    static WritableImage take(Scene scene) {
        return scene.snapshot(null);
    }

    /** Encodes and writes the image; off the FX thread, encoding takes a while. */
    static void write(WritableImage image, Path file) throws IOException {
        BufferedImage rgb = new BufferedImage((int) image.getWidth(), (int) image.getHeight(),
                BufferedImage.TYPE_INT_RGB);
        SwingFXUtils.fromFXImage(image, rgb);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(rgb, "png", file.toFile())) {
            throw new IOException("No PNG writer");
        }
    }
}
