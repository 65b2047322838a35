package org.rasterdesk.raster.tiff;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes WebP-compressed TIFF blocks (3 or 4 bands of 8-bit samples, lossy or lossless) with TwelveMonkeys' WebP
 * plugin for {@code javax.imageio}. The stream's own size is checked against the block's before decoding, so a
 * damaged header cannot make the decoder allocate a huge image.
 */
final class WebpBlocks {

    private WebpBlocks() {
    }

    /** Decodes one block into {@code out}, pixel-interleaved, {@code width × rows × bands} bytes. */
    static void decode(byte[] data, int width, int rows, int bands, byte[] out) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("webp");
        if (!readers.hasNext()) {
            throw new IOException("no WebP decoder is available (the imageio-webp plugin is missing)");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w > width || h > rows) {
                throw new IOException("a WebP block of " + w + " × " + h + " pixels in a block of " + width + " × "
                        + rows);
            }
            Raster raster = reader.read(0).getRaster();
            int have = raster.getNumBands();
            int[] px = new int[Math.max(have, 4)];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    raster.getPixel(raster.getMinX() + c, raster.getMinY() + r, px);
                    int p = (r * width + c) * bands;
                    for (int b = 0; b < bands; b++) {
                        // A lossy image without alpha comes back with three bands; its alpha is opaque.
                        out[p + b] = (byte) (b < have ? px[b] : 255);
                    }
                }
            }
        } finally {
            reader.dispose();
        }
    }
}
