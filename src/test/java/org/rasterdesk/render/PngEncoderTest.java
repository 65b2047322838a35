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
        assertEquals(256, ((png[16] & 0xFF) << 24) | ((png[17] & 0xFF) << 16) | ((png[18] & 0xFF) << 8) | (png[19] & 0xFF));
        assertEquals(256, ((png[20] & 0xFF) << 24) | ((png[21] & 0xFF) << 16) | ((png[22] & 0xFF) << 8) | (png[23] & 0xFF));
        assertEquals(8, png[24]);
        assertEquals(6, png[25]);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        int[] back = read.getRGB(0, 0, 256, 256, null, 0, 256);
        for (int i = 0; i < argb.length; i++) {
            assertEquals(argb[i], back[i], "pixel " + i);
        }
    }
}
