package org.rasterdesk.ui;

import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import org.rasterdesk.ui.common.PngFile;

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
        PngFile.write(image, file);
    }
}
