package org.rasterdesk.raster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a raster file of any format RasterDesk reads, chosen by its content (and, where the content cannot tell,
 * its name). Every way in — a parse, the window's look at a dropped file — opens files here.
 */
public final class RasterFiles {

    /** What RasterDesk reads, for the sentence that refuses anything else. */
    public static final String SUPPORTED = "GeoTIFF (also COG and BigTIFF), PNG, JPEG, GIF, BMP or TIFF images with "
            + "a world file, ESRI ASCII grids (.asc), JPEG 2000 (.jp2) and NetCDF (classic, with CF coordinates)";
    /** File name extensions of the rasters RasterDesk reads, for file choosers and archives. */
    public static final java.util.List<String> EXTENSIONS = java.util.List.of(".tif", ".tiff", ".gtiff", ".geotiff",
            ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".asc", ".jp2", ".j2k", ".nc", ".nc4", ".cdf");

    private RasterFiles() {
    }

    /**
     * Opens the raster; fails with one sentence naming the file and the problem, and never with another exception
     * or an {@link OutOfMemoryError} for a damaged file.
     */
    public static RasterReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist or is not a file");
        }
        String name = String.valueOf(file.getFileName());
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, n, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (n >= 4 && (text.startsWith("ii") || text.startsWith("mm"))) {
            return GeoTiffReader.open(file);
        }
        if (n >= 8 && ((head[0] & 0xFF) == 0x89 && text.startsWith("png", 1) || (head[0] & 0xFF) == 0xFF
                && (head[1] & 0xFF) == 0xD8 || text.startsWith("gif8") || text.startsWith("bm"))) {
            if (SideFiles.worldFile(file) == null) {
                throw new IOException(name + " is an image without georeferencing: it needs a world file beside it "
                        + "(" + SideFiles.worldFileCandidates(file).get(0).getFileName() + " or .wld) and its CRS in "
                        + "a .prj");
            }
            return WorldFileImageReader.open(file);
        }
        if (n >= 12 && head[4] == 'j' && head[5] == 'P' && head[6] == ' ' && head[7] == ' '
                || n >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0x4F && (head[2] & 0xFF) == 0xFF) {
            return Jp2Reader.open(file);
        }
        if (text.startsWith("cdf\u0001") || text.startsWith("cdf\u0002") || text.startsWith("cdf\u0005")) {
            return SisCoverageReader.open(file, "NetCDF", null, false, null);
        }
        if ((head[0] & 0xFF) == 0x89 && text.startsWith("hdf", 1)) {
            throw new IOException(name + " is a NetCDF-4 (HDF5) file, which RasterDesk cannot read; convert it to "
                    + "classic NetCDF (gdal_translate -of netCDF -co FORMAT=NC) or to GeoTIFF");
        }
        if (text.startsWith("ncols") || text.startsWith("nrows") || text.startsWith("xllc") || text.startsWith("yllc")
                || text.startsWith("xllcorner") || text.startsWith("cellsize")) {
            return SisCoverageReader.open(file, "an ESRI ASCII grid", SideFiles.crs(file), true,
                    asciiGridNodata(file));
        }
        if (text.startsWith("ehfa_header_tag")) {
            throw new IOException(name + " is an ERDAS Imagine (.img) file, which RasterDesk cannot read (no kept "
                    + "Java reader exists); convert it to GeoTIFF with gdal_translate first");
        }
        throw new IOException(name + " is not a raster RasterDesk reads; it reads " + SUPPORTED);
    }

    /** The NODATA_value of an ESRI ASCII grid's header (its first lines), or null. */
    private static Double asciiGridNodata(Path file) throws IOException {
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < 8; i++) {
                String line = in.readLine();
                if (line == null || line.length() > 200) {
                    return null;
                }
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2 && parts[0].equalsIgnoreCase("nodata_value")) {
                    return GeoTiffReader.parseNodata(parts[1]);
                }
            }
        }
        return null;
    }
}
