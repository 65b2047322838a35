package org.rasterdesk.raster;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * An image (PNG, JPEG, GIF, BMP) georeferenced by a world file and a .prj, as GIS programs exchange them, read as
 * GDAL reads it: PNG, GIF and BMP with their stored bands (a palette image's indices, no alpha made up from a
 * transparent colour), JPEG as RGB; nodata from GDAL's .aux.xml. Apache SIS's world file store refuses PNGs with a
 * transparent colour ("the image has 4 bands while the coverage has 3"), hence this reader. The image is decoded
 * whole, once: these formats cannot be read by window; one that would take more than a quarter of the heap is
 * refused before decoding.
 */
final class WorldFileImageReader implements RasterReader {

    private final Path file;
    private final RasterInfo info;
    private final boolean jpeg;
    private Raster decoded;

    private WorldFileImageReader(Path file, RasterInfo info, boolean jpeg) {
        this.file = file;
        this.info = info;
        this.jpeg = jpeg;
    }

    static WorldFileImageReader open(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        GeoTransform gt = SideFiles.worldFile(file);
        CrsResolver.Resolved crs = SideFiles.crs(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = readerFor(in, name);
            try {
                reader.setInput(in);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                boolean jpeg = reader.getFormatName().toLowerCase(java.util.Locale.ROOT).contains("jp");
                var type = jpeg ? reader.getImageTypes(0).next() : reader.getRawImageType(0);
                int bands = jpeg ? Math.min(3, type.getNumBands()) : type.getSampleModel().getNumBands();
                if ((long) width * height * bands * Double.BYTES > Runtime.getRuntime().maxMemory() / 4) {
                    throw new IOException(name + " is " + width + " × " + height + " pixels, too large to decode "
                            + "whole in the memory Java was given; convert it to a tiled GeoTIFF");
                }
                PixelType pixelType = type.getSampleModel().getDataType() == DataBuffer.TYPE_USHORT
                        ? PixelType.UINT16 : PixelType.BYTE;
                java.util.List<Double> nodata = jpeg ? null : PngTransparency.nodata(file, bands);
                if (nodata == null) {
                    nodata = Collections.nCopies(bands, SideFiles.auxNodata(file));
                }
                RasterInfo info = new RasterInfo(width, height, bands, pixelType, gt, crs == null ? null : crs.crs(),
                        crs == null ? null : crs.srid(), crs == null ? null : crs.wkt(), nodata, width, height);
                return new WorldFileImageReader(file, info, jpeg);
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new IOException(name + " cannot be read as an image: " + e.getMessage(), e);
        }
    }

    private static ImageReader readerFor(ImageInputStream in, String name) throws IOException {
        if (in == null) {
            throw new IOException(name + " cannot be opened");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException(name + " is not an image Java can decode");
        }
        return readers.next();
    }

    @Override
    public RasterInfo info() {
        return info;
    }

    @Override
    public double[][] read(int x, int y, int width, int height) throws IOException {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x > info.width() - width || y > info.height() - height) {
            throw new IllegalArgumentException("window " + x + "," + y + " " + width + "×" + height
                    + " is not inside the raster of " + info.width() + "×" + info.height());
        }
        Raster all = decoded();
        double[][] out = new double[info.bandCount()][width * height];
        double[] row = new double[width];
        for (int b = 0; b < out.length; b++) {
            for (int r = 0; r < height; r++) {
                all.getSamples(all.getMinX() + x, all.getMinY() + y + r, width, 1, b, row);
                System.arraycopy(row, 0, out[b], r * width, width);
            }
        }
        return out;
    }

    private Raster decoded() throws IOException {
        if (decoded == null) {
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                ImageReader reader = readerFor(in, String.valueOf(file.getFileName()));
                try {
                    reader.setInput(in);
                    // JPEG's raw raster is YCbCr; its image is the RGB GDAL's libjpeg gives.
                    javax.imageio.ImageReadParam param = reader.getDefaultReadParam();
                    if (!jpeg) {
                        // The stored bands: palette indices, no alpha made up from the transparent colour.
                        param.setDestinationType(reader.getRawImageType(0));
                    }
                    decoded = reader.read(0, param).getRaster();
                } finally {
                    reader.dispose();
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                throw new IOException(file.getFileName() + " is damaged: its image cannot be decoded (" + e + ")", e);
            }
        }
        return decoded;
    }

    @Override
    public void close() {
        decoded = null;
    }
}
