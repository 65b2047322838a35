package org.rasterdesk.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a rendered tile as a 256×256 8-bit RGBA PNG (the JDK's ImageIO, headless). */
public final class PngEncoder {

    private PngEncoder() {
    }

    public static byte[] encode(TileImage image) {
        BufferedImage img = new BufferedImage(TileImage.SIZE, TileImage.SIZE, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, TileImage.SIZE, TileImage.SIZE, image.argb(), 0, TileImage.SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void write(TileImage image, Path file) throws IOException {
        Files.write(file, encode(image));
    }
}
