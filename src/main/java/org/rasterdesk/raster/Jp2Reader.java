package org.rasterdesk.raster;

import java.awt.Rectangle;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Reads JPEG 2000 files (.jp2, as Sentinel-2 ships them) window by window through the jai-imageio JPEG 2000
 * decoder; georeferencing from the GeoJP2 box (a tiny GeoTIFF, read by our own GeoTIFF code) or else the GMLJP2
 * box (a GML rectified grid), then a world file (.j2w); nodata as GDAL keeps it for this format, in the .aux.xml.
 */
final class Jp2Reader implements RasterReader {

    private static final byte[] GEOJP2_UUID = {(byte) 0xB1, 0x4B, (byte) 0xF8, (byte) 0xBD, 0x08, 0x3D, 0x4B, 0x43,
        (byte) 0xA5, (byte) 0xAE, (byte) 0x8C, (byte) 0xD7, (byte) 0xD5, (byte) 0xA6, (byte) 0xCE, 0x03};
    /** Boxes larger than this are not metadata (the code stream is the only large box). */
    private static final long MAX_METADATA_BOX = 4 << 20;
    private static final Pattern GML_ORIGIN = Pattern.compile(
            "<gml:origin>\\s*<gml:Point[^>]*?(?:srsName=\"([^\"]*)\")?[^>]*>\\s*<gml:pos>([^<]*)</gml:pos>");
    private static final Pattern GML_OFFSET = Pattern.compile("<gml:offsetVector[^>]*>([^<]*)</gml:offsetVector>");
    private static final Pattern EPSG_URN = Pattern.compile("EPSG:+(\\d+)|EPSG/0/(\\d+)|epsg\\.xml#(\\d+)");

    private final Path file;
    private final ImageReader reader;
    private final ImageInputStream stream;
    private final RasterInfo info;

    private Jp2Reader(Path file, ImageReader reader, ImageInputStream stream, RasterInfo info) {
        this.file = file;
        this.reader = reader;
        this.stream = stream;
        this.info = info;
    }

    static Jp2Reader open(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg2000");
        if (!readers.hasNext()) {
            throw new IOException("no JPEG 2000 decoder is available (the jai-imageio-jpeg2000 plugin is missing)");
        }
        ImageReader reader = readers.next();
        ImageInputStream stream = ImageIO.createImageInputStream(file.toFile());
        try {
            reader.setInput(stream, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            var type = reader.getRawImageType(0);
            int bands = type.getSampleModel().getNumBands();
            PixelType pixelType = switch (type.getSampleModel().getDataType()) {
                case java.awt.image.DataBuffer.TYPE_BYTE -> PixelType.BYTE;
                case java.awt.image.DataBuffer.TYPE_USHORT -> PixelType.UINT16;
                case java.awt.image.DataBuffer.TYPE_SHORT -> PixelType.INT16;
                case java.awt.image.DataBuffer.TYPE_INT -> PixelType.INT32;
                default -> throw new IOException(name + " has JPEG 2000 samples of a type RasterDesk does not read");
            };
            Georeferencing geo = georeferencing(file, name);
            Double nodata = SideFiles.auxNodata(file);
            int tile = Math.max(256, Math.min(2048, reader.getTileWidth(0)));
            RasterInfo info = new RasterInfo(width, height, bands, pixelType, geo.transform(), geo.crs().crs(),
                    geo.crs().srid(), geo.crs().wkt(), Collections.nCopies(bands, nodata), Math.min(width, tile),
                    Math.min(height, Math.max(256, Math.min(2048, reader.getTileHeight(0)))));
            return new Jp2Reader(file, reader, stream, info);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            reader.dispose();
            stream.close();
            if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(name)) {
                throw io;
            }
            throw new IOException(name + " cannot be read as JPEG 2000: " + e.getMessage(), e);
        }
    }

    private record Georeferencing(GeoTransform transform, CrsResolver.Resolved crs) {
    }

    private static Georeferencing georeferencing(Path file, String name) throws IOException {
        byte[] geoTiff = null;
        String gml = null;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long at = 0;
            while (at + 8 <= size) {
                ByteBuffer head = ByteBuffer.allocate(16);
                ch.read(head, at);
                long length = Integer.toUnsignedLong(head.getInt(0));
                String type = new String(head.array(), 4, 4, StandardCharsets.ISO_8859_1);
                int header = 8;
                if (length == 1) {
                    length = head.getLong(8);
                    header = 16;
                } else if (length == 0) {
                    length = size - at;
                }
                if (length < header || at + length > size) {
                    break;
                }
                if (type.equals("jp2c")) {
                    at += length;
                    continue;
                }
                if ((type.equals("uuid") || type.equals("asoc")) && length <= MAX_METADATA_BOX) {
                    ByteBuffer body = ByteBuffer.allocate((int) (length - header));
                    ch.read(body, at + header);
                    byte[] bytes = body.array();
                    if (type.equals("uuid") && bytes.length > 16
                            && Arrays.equals(Arrays.copyOf(bytes, 16), GEOJP2_UUID)) {
                        geoTiff = Arrays.copyOfRange(bytes, 16, bytes.length);
                    } else if (type.equals("asoc")) {
                        String text = new String(bytes, StandardCharsets.UTF_8);
                        if (text.contains("RectifiedGrid")) {
                            gml = text;
                        }
                    }
                }
                at += length;
            }
        }
        if (geoTiff != null) {
            Georeferencing g = fromGeoTiff(geoTiff, name);
            if (g != null) {
                return g;
            }
        }
        if (gml != null) {
            Georeferencing g = fromGml(gml, name);
            if (g != null) {
                return g;
            }
        }
        GeoTransform world = SideFiles.worldFile(file);
        CrsResolver.Resolved crs = SideFiles.crs(file);
        if (world == null) {
            throw new IOException(name + " has no georeferencing (no GeoJP2 or GMLJP2 box, no world file)");
        }
        return new Georeferencing(world, crs != null ? crs : new CrsResolver.Resolved(null, null, null));
    }

    /** GeoJP2: a 1×1 GeoTIFF whose tags georeference the JPEG 2000 image. */
    private static Georeferencing fromGeoTiff(byte[] tiff, String name) throws IOException {
        Path temp = Files.createTempFile("rasterdesk-geojp2-", ".tif");
        try {
            Files.write(temp, tiff);
            try (org.rasterdesk.raster.tiff.TiffInput input = new org.rasterdesk.raster.tiff.TiffInput(temp)) {
                var ifd = org.rasterdesk.raster.tiff.TiffStructure.firstImage(input);
                GeoKeys keys = GeoKeys.read(ifd);
                GeoTransform gt = GeoTransforms.read(ifd, keys, name);
                if (gt == GeoTransforms.IDENTITY) {
                    return null;
                }
                return new Georeferencing(gt, CrsResolver.resolve(temp, keys));
            }
        } catch (IOException e) {
            return null;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * GMLJP2: a rectified grid whose origin is the centre of the upper-left pixel and whose offset vectors step one
     * column and one row, in the CRS's axis order (latitude first for EPSG:4326).
     */
    private static Georeferencing fromGml(String gml, String name) throws IOException {
        Matcher origin = GML_ORIGIN.matcher(gml);
        Matcher offsets = GML_OFFSET.matcher(gml);
        if (!origin.find() || !offsets.find()) {
            return null;
        }
        double[] o = numbers(origin.group(2));
        double[] col = numbers(offsets.group(1));
        if (!offsets.find()) {
            return null;
        }
        double[] row = numbers(offsets.group(1));
        String srs = origin.group(1);
        if (srs == null) {
            Matcher any = Pattern.compile("srsName=\"([^\"]*)\"").matcher(gml);
            srs = any.find() ? any.group(1) : "";
        }
        Matcher epsg = EPSG_URN.matcher(srs);
        if (!epsg.find() || o.length < 2 || col.length < 2 || row.length < 2) {
            return null;
        }
        int code = Integer.parseInt(epsg.group(1) != null ? epsg.group(1) : epsg.group(2) != null ? epsg.group(2)
                : epsg.group(3));
        CrsResolver.Resolved crs = CrsResolver.forEpsg(code);
        boolean latitudeFirst = northFirst(code);
        int x = latitudeFirst ? 1 : 0;
        int y = latitudeFirst ? 0 : 1;
        GeoTransform centre = new GeoTransform(o[x], col[x], row[x], o[y], col[y], row[y]);
        return new Georeferencing(new GeoTransform(centre.x(-0.5, -0.5), centre.scaleX(), centre.skewX(),
                centre.y(-0.5, -0.5), centre.skewY(), centre.scaleY()), crs);
    }

    private static boolean northFirst(int code) {
        try {
            // Through the cache: a file dropped on the window is inspected without opening the EPSG database.
            var axis = ReferencingCache.epsg(code).getCoordinateSystem().getAxis(0);
            var d = axis.getDirection();
            return d == org.opengis.referencing.cs.AxisDirection.NORTH
                    || d == org.opengis.referencing.cs.AxisDirection.SOUTH;
        } catch (Exception e) {
            return false;
        }
    }

    private static double[] numbers(String text) {
        String[] parts = text.trim().split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
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
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceRegion(new Rectangle(x, y, width, height));
        try {
            Raster raster = reader.readRaster(0, param);
            if (raster.getWidth() < width || raster.getHeight() < height || raster.getNumBands() < info.bandCount()) {
                throw new IOException(file.getFileName() + " is damaged: its JPEG 2000 data decodes to "
                        + raster.getWidth() + " × " + raster.getHeight() + " pixels where " + width + " × " + height
                        + " were asked for");
            }
            double[][] out = new double[info.bandCount()][width * height];
            double[] row = new double[width];
            for (int b = 0; b < out.length; b++) {
                for (int r = 0; r < height; r++) {
                    raster.getSamples(raster.getMinX(), raster.getMinY() + r, width, 1, b, row);
                    System.arraycopy(row, 0, out[b], r * width, width);
                }
            }
            return out;
        } catch (RuntimeException | OutOfMemoryError e) {
            // The decoder reports damaged streams in many ways, and may size its buffers from them.
            throw new IOException(file.getFileName() + " is damaged: its JPEG 2000 data cannot be decoded (" + e
                    + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.dispose();
        stream.close();
    }
}
