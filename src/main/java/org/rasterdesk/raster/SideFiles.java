package org.rasterdesk.raster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sis.referencing.CRS;
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The files GIS programs put beside an image to georeference it, read as GDAL reads them: a world file (.tfw,
 * .pgw, .jgw, the extension's first and last letter and "w", or the extension and "w", or .wld) and the CRS from a
 * .prj (ESRI WKT) or GDAL's .aux.xml.
 */
public final class SideFiles {

    /** Side files are small; a larger one is not one. */
    private static final long MAX_SIDE_FILE_BYTES = 1 << 20;
    private static final Pattern AUX_SRS = Pattern.compile("<SRS[^>]*>(.*?)</SRS>", Pattern.DOTALL);

    private SideFiles() {
    }

    /** The names of the side files an image may have, for copying them along (zips, uploads). */
    public static List<Path> of(Path image) {
        List<Path> out = new ArrayList<>(worldFileCandidates(image));
        String name = image.getFileName().toString();
        for (String suffix : List.of(".aux.xml", ".msk", ".ovr")) {
            out.add(image.resolveSibling(name + suffix));
        }
        out.add(image.resolveSibling(stem(name) + ".prj"));
        out.add(image.resolveSibling(stem(name) + ".PRJ"));
        return out.stream().filter(Files::isRegularFile).distinct().toList();
    }

    /** Whether a file name is that of a side file (of whatever image), so that it is never taken for the image. */
    public static boolean isSideFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".aux.xml") || lower.endsWith(".prj") || lower.endsWith(".wld")
                || lower.endsWith(".msk") || lower.endsWith(".ovr") || lower.matches(".*\\.[a-z0-9]{1,4}w$");
    }

    static List<Path> worldFileCandidates(Path image) {
        String name = image.getFileName().toString();
        String stem = stem(name);
        String ext = name.length() > stem.length() + 1 ? name.substring(stem.length() + 1) : "";
        List<Path> out = new ArrayList<>();
        if (ext.length() >= 2) {
            for (String e : List.of(ext.charAt(0) + "" + ext.charAt(ext.length() - 1) + "w", ext + "w")) {
                out.add(image.resolveSibling(stem + "." + e.toLowerCase(Locale.ROOT)));
                out.add(image.resolveSibling(stem + "." + e.toUpperCase(Locale.ROOT)));
            }
        }
        out.add(image.resolveSibling(stem + ".wld"));
        out.add(image.resolveSibling(stem + ".WLD"));
        out.add(image.resolveSibling(name + ".wld"));
        return out;
    }

    /** The geotransform of the image's world file, or null when it has none. */
    public static GeoTransform worldFile(Path image) throws IOException {
        for (Path candidate : worldFileCandidates(image)) {
            if (Files.isRegularFile(candidate) && Files.size(candidate) < MAX_SIDE_FILE_BYTES) {
                return parseWorldFile(candidate, Files.readString(candidate, StandardCharsets.ISO_8859_1));
            }
        }
        return null;
    }

    /**
     * Six numbers, one per line: pixel width, row rotation, column rotation, pixel height (negative), and the centre
     * of the upper-left pixel; GDAL's geotransform starts at that pixel's corner.
     */
    static GeoTransform parseWorldFile(Path file, String text) throws IOException {
        String[] tokens = text.trim().split("\\s+");
        if (tokens.length < 6) {
            throw new IOException(file.getFileName() + " is not a world file (it needs six numbers)");
        }
        double[] v = new double[6];
        try {
            for (int i = 0; i < 6; i++) {
                v[i] = Double.parseDouble(tokens[i]);
            }
        } catch (NumberFormatException e) {
            throw new IOException(file.getFileName() + " is not a world file (\"" + e.getMessage() + "\")", e);
        }
        double a = v[0];
        double d = v[1];
        double b = v[2];
        double e = v[3];
        return new GeoTransform(v[4] - a / 2 - b / 2, a, b, v[5] - d / 2 - e / 2, d, e);
    }

    /** The CRS from the image's .prj, else from GDAL's .aux.xml, or null when neither says one. */
    static CrsResolver.Resolved crs(Path image) throws IOException {
        String name = image.getFileName().toString();
        for (Path prj : List.of(image.resolveSibling(stem(name) + ".prj"), image.resolveSibling(stem(name) + ".PRJ"),
                image.resolveSibling(name + ".prj"))) {
            if (Files.isRegularFile(prj) && Files.size(prj) < MAX_SIDE_FILE_BYTES) {
                return fromWkt(prj, Files.readString(prj, StandardCharsets.ISO_8859_1));
            }
        }
        Path aux = image.resolveSibling(name + ".aux.xml");
        if (Files.isRegularFile(aux) && Files.size(aux) < MAX_SIDE_FILE_BYTES) {
            Matcher m = AUX_SRS.matcher(Files.readString(aux, StandardCharsets.UTF_8));
            if (m.find()) {
                String wkt = m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                        .replace("&amp;", "&");
                return fromWkt(aux, wkt);
            }
        }
        return null;
    }

    private static CrsResolver.Resolved fromWkt(Path file, String wkt) throws IOException {
        try {
            CoordinateReferenceSystem crs = CRS.fromWKT(wkt.trim());
            return CrsResolver.of(crs);
        } catch (Exception e) {
            throw new IOException(file.getFileName() + " does not hold a coordinate reference system RasterDesk "
                    + "understands: " + e.getMessage(), e);
        }
    }

    private static final Pattern AUX_NODATA = Pattern.compile("<NoDataValue[^>]*>([^<]*)</NoDataValue>");

    /** The nodata value GDAL keeps in the image's .aux.xml (for files that cannot hold one), or null. */
    static Double auxNodata(Path image) throws IOException {
        Path aux = image.resolveSibling(image.getFileName() + ".aux.xml");
        if (!Files.isRegularFile(aux) || Files.size(aux) >= MAX_SIDE_FILE_BYTES) {
            return null;
        }
        Matcher m = AUX_NODATA.matcher(Files.readString(aux, StandardCharsets.UTF_8));
        return m.find() ? GeoTiffReader.parseNodata(m.group(1)) : null;
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
