package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @Test
    void writesA256SquareRgbaPngThatReadsBackExactly() throws Exception {
        int[] argb = new int[TileImage.SIZE * TileImage.SIZE];
        argb[0] = 0xFFFF0000;
        argb[1] = 0x80123456;
        argb[256 * 256 - 1] = 0xFF00FF00;
        byte[] png = PngEncoder.encode(new TileImage(argb, Map.of()));
        assertEquals(0x89, png[0] & 0xFF);
        assertEquals('P', png[1]);
        // IHDR: width, height, bit depth 8, colour type 6 (RGBA).
        assertEquals(256, java.nio.ByteBuffer.wrap(png, 16, 4).getInt());
        assertEquals(256, java.nio.ByteBuffer.wrap(png, 20, 4).getInt());
        assertEquals(8, png[24]);
        assertEquals(6, png[25]);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        int[] back = read.getRGB(0, 0, 256, 256, null, 0, 256);
        for (int i = 0; i < argb.length; i++) {
            assertEquals(argb[i], back[i], "pixel " + i);
        }
    }

    @Test
    void everyLevelReadsBackExactlyOnARampWithNoData() throws Exception {
        int[] argb = new int[TileImage.SIZE * TileImage.SIZE];
        for (int i = 0; i < argb.length; i++) {
            int v = (i * 7) & 0xFF;
            argb[i] = i % 5 == 0 ? 0 : 0xFF000000 | v << 16 | (255 - v) << 8 | (i >> 8);
        }
        TileImage image = new TileImage(argb, Map.of());
        for (int level = 0; level <= 9; level++) {
            BufferedImage read = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(image, level)));
            int[] back = read.getRGB(0, 0, 256, 256, null, 0, 256);
            for (int i = 0; i < argb.length; i++) {
                assertEquals(argb[i], back[i], "level " + level + ", pixel " + i);
            }
        }
    }
}
