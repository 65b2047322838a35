package org.rasterdesk.raster.tiff;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes JPEG-compressed TIFF blocks with the JDK's JPEG decoder. The raster is read without colour
 * conversion and YCbCr is turned into RGB here, with the JFIF formulas that libjpeg (and so GDAL) uses.
 */
final class JpegBlocks {

    private JpegBlocks() {
    }

    /** Decodes one block into {@code out}, pixel-interleaved, {@code width × rows × bands} bytes. */
    static void decode(byte[] data, byte[] tables, int width, int rows, int bands, boolean ycbcr, byte[] out)
            throws IOException {
        byte[] stream = withTables(data, tables);
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IOException("no JPEG decoder is available in this Java runtime");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(stream))) {
            reader.setInput(in);
            // The stream's own size must fit the block before the decoder allocates it (a damaged header may say
            // 65535 × 65535); a strip's last JPEG may be a few rows taller than the strip.
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w > width + 16 || h > rows + 16) {
                throw new IOException("a JPEG block of " + w + " × " + h + " pixels in a block of " + width + " × "
                        + rows);
            }
            Raster raster = reader.readRaster(0, null);
            if (raster.getNumBands() != bands) {
                throw new IOException("a JPEG block has " + raster.getNumBands() + " bands where the image has "
                        + bands);
            }
            w = Math.min(width, raster.getWidth());
            h = Math.min(rows, raster.getHeight());
            int[] px = new int[bands];
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    raster.getPixel(raster.getMinX() + c, raster.getMinY() + r, px);
                    int p = (r * width + c) * bands;
                    if (ycbcr && bands == 3) {
                        toRgb(px, out, p);
                    } else {
                        for (int b = 0; b < bands; b++) {
                            out[p + b] = (byte) px[b];
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // The JDK decoder reports damaged streams with unchecked exceptions.
            throw new IOException("damaged JPEG data (" + e + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);

    private static int fix(double x) {
        return (int) (x * (1 << SCALE_BITS) + 0.5);
    }

    /** libjpeg's fixed-point YCbCr to RGB (jdcolor.c), so that pixels match GDAL's to the last bit. */
    private static void toRgb(int[] ycc, byte[] out, int p) {
        int y = ycc[0];
        int cb = ycc[1] - 128;
        int cr = ycc[2] - 128;
        int crR = (fix(1.40200) * cr + ONE_HALF) >> SCALE_BITS;
        int cbB = (fix(1.77200) * cb + ONE_HALF) >> SCALE_BITS;
        int g = (-fix(0.71414) * cr + -fix(0.34414) * cb + ONE_HALF) >> SCALE_BITS;
        out[p] = clamp(y + crR);
        out[p + 1] = clamp(y + g);
        out[p + 2] = clamp(y + cbB);
    }

    private static byte clamp(int v) {
        return (byte) Math.max(0, Math.min(255, v));
    }

    /** Puts the shared JPEGTables (tag 347) in front of the block's own stream, as one abbreviated JPEG. */
    private static byte[] withTables(byte[] data, byte[] tables) {
        if (tables == null || tables.length < 4 || data.length < 2) {
            return data;
        }
        int tablesLen = tables.length - 2;  // drop the tables' EOI
        byte[] joined = new byte[tablesLen + data.length - 2];  // drop the block's SOI
        System.arraycopy(tables, 0, joined, 0, tablesLen);
        System.arraycopy(data, 2, joined, tablesLen, data.length - 2);
        return joined;
    }
}
