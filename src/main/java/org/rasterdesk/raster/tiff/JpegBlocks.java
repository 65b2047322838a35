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
            Raster raster = reader.readRaster(0, null);
            if (raster.getNumBands() != bands) {
                throw new IOException("a JPEG block has " + raster.getNumBands() + " bands where the image has "
                        + bands);
            }
            int w = Math.min(width, raster.getWidth());
            int h = Math.min(rows, raster.getHeight());
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

    private static void toRgb(int[] ycc, byte[] out, int p) {
        double y = ycc[0];
        double cb = ycc[1] - 128.0;
        double cr = ycc[2] - 128.0;
        out[p] = clamp(y + 1.402 * cr);
        out[p + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
        out[p + 2] = clamp(y + 1.772 * cb);
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
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
