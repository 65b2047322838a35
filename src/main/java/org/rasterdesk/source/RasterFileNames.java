package org.rasterdesk.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which file names are rasters, and which files travel with a raster: a world file, a .prj, GDAL's .aux.xml, a
 * .msk mask — the files beside it whose names start with its own name without extension. They are unzipped with it
 * and uploaded with it, so that every way in sees the same georeferencing.
 */
public final class RasterFileNames {

    /** File name extensions of the rasters RasterDesk reads. */
    public static final List<String> RASTER_EXTENSIONS = List.of(".tif", ".tiff", ".gtiff", ".geotiff", ".png",
            ".jpg", ".jpeg", ".gif", ".bmp", ".asc", ".jp2", ".j2k", ".nc", ".nc4", ".cdf");

    private RasterFileNames() {
    }

    public static boolean isRaster(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return !isSideFile(fileName) && RASTER_EXTENSIONS.stream().anyMatch(lower::endsWith);
    }

    /** A file that georeferences or masks a raster rather than being one (x.tif.aux.xml, x.tif.msk, x.tfw). */
    public static boolean isSideFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".aux.xml") || lower.endsWith(".prj") || lower.endsWith(".wld")
                || lower.endsWith(".msk") || lower.endsWith(".ovr") || lower.endsWith(".xml")
                || lower.matches(".*\\.[a-z0-9]{1,4}w$");
    }

    /** Whether {@code other} travels with the raster named {@code raster} (both plain file names). */
    public static boolean travelsWith(String raster, String other) {
        if (other.equals(raster)) {
            return false;
        }
        int dot = raster.lastIndexOf('.');
        String stem = dot > 0 ? raster.substring(0, dot) : raster;
        return other.startsWith(stem + ".") && isSideFile(other);
    }

    /** The side files beside a raster on disk. */
    public static List<Path> sideFiles(Path raster) throws IOException {
        return sideFiles(List.of(raster)).get(0);
    }

    /**
     * The side files beside each raster on disk, in the rasters' order. Each folder is listed once: a mosaic's
     * thousands of files often share one.
     */
    public static List<List<Path>> sideFiles(List<Path> rasters) throws IOException {
        Map<Path, List<Path>> sideFilesIn = new HashMap<>();
        List<List<Path>> out = new ArrayList<>();
        for (Path raster : rasters) {
            Path dir = raster.toAbsolutePath().getParent();
            if (dir == null) {
                out.add(List.of());
                continue;
            }
            List<Path> candidates = sideFilesIn.get(dir);
            if (candidates == null) {
                try (Stream<Path> list = Files.list(dir)) {
                    candidates = list.filter(p -> isSideFile(p.getFileName().toString()) && Files.isRegularFile(p))
                            .sorted().toList();
                }
                sideFilesIn.put(dir, candidates);
            }
            String name = raster.getFileName().toString();
            out.add(candidates.stream().filter(p -> travelsWith(name, p.getFileName().toString())).toList());
        }
        return out;
    }
}
