package org.rasterdesk.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.render.PngEncoder;
import org.rasterdesk.render.TileImage;
import org.rasterdesk.tiling.MercatorTiffWriter;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;

/**
 * The three formats of django-raster's tile URLs: {@code .png} (RGBA, the render command's encoder), {@code .jpg}
 * (the colours without alpha, so no data is black, as django-raster's documentation says) and {@code .tif} (the
 * values themselves as a one-band Float64 GeoTIFF of the tile in EPSG:3857, as django-raster's raster algebra
 * returns them).
 */
enum TileEncodings {
    PNG("png", Reply.PNG),
    JPG("jpg", Reply.JPEG),
    TIF("tif", Reply.TIFF);

    /** Pillow's default JPEG quality, which django-raster uses. */
    private static final float JPEG_QUALITY = 0.75f;

    private final String extension;
    private final String contentType;

    TileEncodings(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    String extension() {
        return extension;
    }

    String contentType() {
        return contentType;
    }

    /** @throws HttpError 404 for other extensions */
    static TileEncodings of(String extension) {
        for (TileEncodings e : values()) {
            if (e.extension.equals(extension)) {
                return e;
            }
        }
        throw HttpError.notFound("tiles are .png, .jpg or .tif, not ." + extension);
    }

    /** An image in this format (PNG or JPEG). */
    byte[] image(int[] argb) {
        return switch (this) {
            case PNG -> PngEncoder.encode(argb, TileImage.SIZE, TileImage.SIZE);
            case JPG -> jpeg(argb);
            case TIF -> throw new IllegalStateException("a .tif holds values, not colours");
        };
    }

    /**
     * The values of a tile as a GeoTIFF: band 0 as Float64 (every source type fits exactly) with the band's nodata.
     * Written through the parse's own GeoTIFF writer, to a temporary file since it writes to a channel it seeks in.
     */
    static byte[] values(TileKey key, double[] values, double nodata) {
        try {
            Path file = Files.createTempFile("rasterdesk-tile", ".tif");
            try {
                try (MercatorTiffWriter writer = new MercatorTiffWriter(file,
                        new TileRange(key.z(), key.x(), key.y(), key.x(), key.y()), PixelType.FLOAT64, 1, nodata)) {
                    writer.write(new TileData(key, PixelType.FLOAT64, new double[] {nodata}, new double[][] {values}));
                }
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the GeoTIFF of tile " + key + ": " + e.getMessage(), e);
        }
    }

    private static byte[] jpeg(int[] argb) {
        // java.awt.image here only to hand pixels to the JDK's JPEG encoder; nothing is drawn.
        BufferedImage image = new BufferedImage(TileImage.SIZE, TileImage.SIZE, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, TileImage.SIZE, TileImage.SIZE, argb, 0, TileImage.SIZE);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a JPEG tile: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
