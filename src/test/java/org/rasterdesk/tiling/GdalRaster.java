package org.rasterdesk.tiling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.rasterdesk.raster.ArrayRasterReader;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

/** Rasters read through GDAL's command line tools: raw samples from gdal_translate, metadata from gdalinfo. */
public final class GdalRaster {

    private GdalRaster() {
    }

    public static Path data(String relative) {
        Path root = Path.of(System.getProperty("rasterdesk.test.data", "../shared/data")).toAbsolutePath().normalize();
        // A worktree one level deeper than the main checkout finds shared/data further up.
        for (Path dir = root.getParent(); !Files.isDirectory(root) && dir != null && dir.getParent() != null;
             dir = dir.getParent()) {
            root = dir.getParent().resolve("shared/data");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test data not found; set -Drasterdesk.test.data");
        }
        return root.resolve(relative);
    }

    /** {@code gdal_translate -srcwin}: the window of {@code source} at x, y, w × h pixels, written to {@code out}. */
    public static Path cut(Path source, Path out, int x, int y, int w, int h) throws IOException, InterruptedException {
        run("gdal_translate", "-q", "-srcwin", Integer.toString(x), Integer.toString(y), Integer.toString(w),
                Integer.toString(h), source.toString(), out.toString());
        return out;
    }

    public static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException(command[0] + " is not installed; install gdal-bin (GDAL is the test oracle)", e);
        }
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    /** The raster's samples and metadata, loaded into memory. */
    static ArrayRasterReader load(Path tif, Path work) throws Exception {
        RasterInfo info = info(tif);
        Path bin = raw(tif, work.resolve(tif.getFileName() + ".bin"));
        double[][] samples = readRaw(bin, info.pixelType(), info.bandCount(), info.width() * info.height());
        return new ArrayRasterReader(info, samples);
    }

    /** The raster's samples as raw band-sequential little-endian data (GDAL's ENVI output) at {@code out}. */
    static Path raw(Path tif, Path out) throws IOException, InterruptedException {
        run("gdal_translate", "-q", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", tif.toString(), out.toString());
        return out;
    }

    /** The raster's metadata as gdalinfo reports it. */
    static RasterInfo info(Path tif) throws Exception {
        String json = run("gdalinfo", "-json", tif.toString());
        int[] size = ints(find(json, "\"size\":\\s*\\[([^\\]]*)\\]"));
        double[] gt = doubles(find(json, "\"geoTransform\":\\s*\\[([^\\]]*)\\]"));
        List<String> types = all(json, "\"type\":\"(Byte|Int8|UInt16|Int16|UInt32|Int32|Float32|Float64)\"");
        List<Double> nodata = new ArrayList<>();
        Matcher bandMatcher = Pattern.compile("\\{\\s*\"band\":\\s*\\d+(.*?)\"colorInterpretation\"", Pattern.DOTALL)
                .matcher(json);
        while (bandMatcher.find()) {
            nodata.add(null);
        }
        Matcher nd = Pattern.compile("\"noDataValue\":\\s*\"?([-+\\w.]+)\"?").matcher(json);
        for (int b = 0; b < nodata.size() && nd.find(); b++) {
            nodata.set(b, parse(nd.group(1)));
        }
        int bands = nodata.size();
        PixelType type = pixelType(types.get(0));
        CoordinateReferenceSystem crs = crs(json);
        return new RasterInfo(size[0], size[1], bands, type,
                new GeoTransform(gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]), crs, null, null, nodata, size[0], 1);
    }

    /**
     * GDAL's warp of a raster onto the pixels of a tile range in EPSG:3857, exact transform, as one image
     * indexed [band][row * width + col].
     */
    public static double[][] warp(Path tif, TileRange range, String resampling, double[] dstNodata, PixelType type,
                           Path work) throws Exception {
        return warp(tif.toString(), range, resampling, dstNodata, type, work, List.of());
    }

    /** GDAL's warp of several rasters onto the tiles, later ones on top (as gdalwarp paints its inputs in order). */
    public static double[][] warp(List<Path> tifs, TileRange range, String resampling, double[] dstNodata,
                                  PixelType type, Path work) throws Exception {
        List<String> earlier = tifs.subList(0, tifs.size() - 1).stream().map(Path::toString).toList();
        return warp(tifs.get(tifs.size() - 1).toString(), range, resampling, dstNodata, type, work, earlier);
    }

    /**
     * As above for any source GDAL opens ({@code /vsizip/...} too), with the output in {@code type} and extra
     * gdalwarp options.
     */
    public static double[][] warp(String source, TileRange range, String resampling, double[] dstNodata,
                                  PixelType type, Path work, List<String> options) throws Exception {
        String name = source.substring(source.lastIndexOf('/') + 1);
        Extent e = range.bounds();
        Path out = work.resolve(name + "." + resampling + ".z" + range.z() + ".bin");
        StringBuilder nodata = new StringBuilder();
        for (double v : dstNodata) {
            // GDAL 3.6 warps signed bytes as bytes: a negative nodata is written as its unsigned byte.
            double given = type == PixelType.INT8 && v < 0 ? v + 256 : v;
            nodata.append(nodata.length() == 0 ? "" : " ").append(Double.isNaN(v) ? "nan" : Double.toString(given));
        }
        List<String> command = new ArrayList<>(List.of("gdalwarp", "-q", "-overwrite", "-et", "0", "-t_srs",
                "EPSG:3857", "-te", d(e.minX()), d(e.minY()), d(e.maxX()), d(e.maxY()),
                "-ts", Integer.toString(range.columns() * 256), Integer.toString(range.rows() * 256),
                "-r", resampling, "-dstnodata", nodata.toString(), "-of", "ENVI", "-co", "INTERLEAVE=BSQ"));
        if (type != PixelType.INT8) {
            // GDAL 3.6 has no Int8 type: signed bytes stay bytes, read back as signed.
            command.addAll(List.of("-ot", type.gdalName()));
        }
        command.addAll(options);
        command.add(source);
        command.add(out.toString());
        run(command.toArray(String[]::new));
        return readRaw(out, type, dstNodata.length, range.columns() * 256 * range.rows() * 256);
    }

    /** One tile's samples cut from a warped image of a tile range. */
    public static double[][] tile(double[][] image, TileRange range, TileKey key) {
        int width = range.columns() * 256;
        int ox = (key.x() - range.minX()) * 256;
        int oy = (key.y() - range.minY()) * 256;
        double[][] out = new double[image.length][256 * 256];
        for (int b = 0; b < image.length; b++) {
            for (int r = 0; r < 256; r++) {
                System.arraycopy(image[b], (oy + r) * width + ox, out[b], r * 256, 256);
            }
        }
        return out;
    }

    private static String d(double v) {
        return String.format(java.util.Locale.ROOT, "%.9f", v);
    }

    static double[][] readRaw(Path bin, PixelType type, int bands, int pixels) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(bin)).order(ByteOrder.LITTLE_ENDIAN);
        double[][] out = new double[bands][pixels];
        for (int b = 0; b < bands; b++) {
            for (int i = 0; i < pixels; i++) {
                out[b][i] = switch (type) {
                    case BYTE -> buffer.get() & 0xff;
                    case INT8 -> buffer.get();
                    case UINT16 -> buffer.getShort() & 0xffff;
                    case INT16 -> buffer.getShort();
                    case UINT32 -> buffer.getInt() & 0xffffffffL;
                    case INT32 -> buffer.getInt();
                    case FLOAT32 -> buffer.getFloat();
                    case FLOAT64 -> buffer.getDouble();
                };
            }
        }
        return out;
    }

    private static CoordinateReferenceSystem crs(String json) throws Exception {
        List<String> ids = all(json, "ID\\[\\\\\"EPSG\\\\\",(\\d+)\\]");
        if (ids.isEmpty()) {
            throw new IllegalStateException("no EPSG code in gdalinfo's WKT");
        }
        return CRS.forCode("EPSG:" + ids.get(ids.size() - 1));
    }

    private static PixelType pixelType(String gdal) {
        return switch (gdal) {
            case "Byte" -> PixelType.BYTE;
            case "Int8" -> PixelType.INT8;
            case "UInt16" -> PixelType.UINT16;
            case "Int16" -> PixelType.INT16;
            case "UInt32" -> PixelType.UINT32;
            case "Int32" -> PixelType.INT32;
            case "Float32" -> PixelType.FLOAT32;
            case "Float64" -> PixelType.FLOAT64;
            default -> throw new IllegalArgumentException("unsupported GDAL type " + gdal);
        };
    }

    private static double parse(String s) {
        return s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("gdalinfo output lacks " + regex);
        }
        return m.group(1);
    }

    private static List<String> all(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int[] ints(String csv) {
        String[] parts = csv.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i].trim());
        }
        return out;
    }

    private static double[] doubles(String csv) {
        String[] parts = csv.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }
}
