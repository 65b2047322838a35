package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * django-raster's enhance_* options against Pillow itself: the hashes are of the RGBA bytes Pillow 9.4 (Debian 12's
 * python3-pil, the library django-raster draws with there) made from the same synthetic image, taken once with
 * {@code ImageEnhance.X(img).enhance(f)}; a pixel is given too, to see how far a failure is off.
 */
class ImageEnhancementTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "color, 0.3, f093cd82d997531f, 77 97 82 255",
        "color, 1.7, 2a0108c1211de84a, 16 134 47 255",
        "color, -0.5, 0cdad49bc58e085e, 111 77 102 255",
        "color, 2.5, 6ef591c6bf8f37d7, 0 155 27 255",
        "contrast, 0.3, fb68f9b706e323d1, 102 123 107 255",
        "contrast, 1.7, 6df3d91f9ae7d9b5, 0 109 22 255",
        "contrast, -0.5, a6c918a18bb894d1, 165 131 156 255",
        "contrast, 2.5, ce000f05dfa48188, 0 101 0 255",
        "brightness, 0.3, 56c386ce5c8a04e3, 14 34 19 255",
        "brightness, 1.7, 1bc44b556d1b4ae8, 79 197 110 255",
        "brightness, -0.5, 5f88c0e79b56917d, 0 0 0 255",
        "brightness, 2.5, 5f5978d381e4a4b1, 117 255 162 255",
        "sharpness, 0.3, fa141be7b75fe14c, 47 130 65 255",
        "sharpness, 1.7, b786373be291e92f, 47 102 64 255",
        "sharpness, -0.5, c697024a3b27e8b8, 47 146 66 255",
        "sharpness, 2.5, a0e5185dc7642ff5, 47 86 63 255",
    })
    void enhancementsArePillowsByteForByte(String kind, String factor, String pillowHash, String pixel)
            throws Exception {
        ImageEnhancement enhancement = ImageEnhancement.of(QueryParameters.parse("enhance_" + kind + "=" + factor));
        int[] out = enhancement.apply(syntheticImage());
        int c = out[100 * 256 + 37];
        assertEquals(pixel, ((c >>> 16) & 0xFF) + " " + ((c >>> 8) & 0xFF) + " " + (c & 0xFF) + " " + (c >>> 24),
                "pixel 37,100");
        assertEquals(pillowHash, rgbaHash(out));
    }

    @ParameterizedTest
    @CsvSource({"enhance_contrast=abc", "enhance_color=", "enhance_brightness=NaN", "enhance_sharpness=Infinity"})
    void aFactorThatIsNotAFiniteNumberIsRefused(String query) {
        HttpError e = assertThrows(HttpError.class, () -> ImageEnhancement.of(QueryParameters.parse(query)));
        assertEquals(400, e.status());
    }

    /** The test image of the Pillow run: colours from the pixel's address, every third pixel transparent. */
    static int[] syntheticImage() {
        int[] argb = new int[256 * 256];
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                int r = (x * 7 + y * 3) & 255;
                int g = (x * y) & 255;
                int b = (x ^ y) & 255;
                int a = (x + y) % 3 == 0 ? 0 : 255;
                argb[y * 256 + x] = a << 24 | r << 16 | g << 8 | b;
            }
        }
        return argb;
    }

    private static String rgbaHash(int[] argb) throws Exception {
        byte[] bytes = new byte[argb.length * 4];
        for (int i = 0; i < argb.length; i++) {
            bytes[4 * i] = (byte) (argb[i] >>> 16);
            bytes[4 * i + 1] = (byte) (argb[i] >>> 8);
            bytes[4 * i + 2] = (byte) argb[i];
            bytes[4 * i + 3] = (byte) (argb[i] >>> 24);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
    }
}
