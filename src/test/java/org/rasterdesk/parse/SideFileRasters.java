package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.rasterdesk.tiling.GdalRaster;

/**
 * Rasters whose place on the earth is only in their side files, for the tests of side files: a GeoTIFF written
 * again by GDAL as a plain TIFF without georeferencing, with a world file (.tfw) and its CRS in an ESRI .prj, in
 * GDAL's .aux.xml, or nowhere.
 */
public final class SideFileRasters {

    /** Where the CRS of the plain TIFF is kept. */
    public enum CrsFile {
        /** An ESRI .prj, which names no EPSG code. */
        PRJ,
        /** GDAL's .aux.xml, whose WKT names its EPSG code (and which keeps the geotransform and nodata too). */
        AUX_XML,
        /** Nowhere: the world file places the pixels in no CRS. */
        NONE
    }

    private SideFileRasters() {
    }

    /**
     * The original raster as {@code dir/<stem>.tif} without georeferencing, beside {@code <stem>.tfw} and the CRS
     * file asked for; {@code dir} must hold no other files of that name.
     */
    public static Path plainTiff(Path original, Path dir, String stem, CrsFile crsFile) throws Exception {
        Path tif = dir.resolve(stem + ".tif");
        GdalRaster.run("gdal_translate", "-q", "-co", "PROFILE=BASELINE", "-co", "TFW=YES", original.toString(),
                tif.toString());
        Path aux = dir.resolve(stem + ".tif.aux.xml");
        assertTrue(Files.readString(aux).contains("<SRS"), "GDAL keeps the CRS in the .aux.xml");
        if (crsFile != CrsFile.AUX_XML) {
            Files.delete(aux);
        }
        if (crsFile == CrsFile.PRJ) {
            Files.writeString(dir.resolve(stem + ".prj"),
                    GdalRaster.run("gdalsrsinfo", "-o", "wkt_esri", original.toString()).trim());
        }
        assertTrue(Files.exists(dir.resolve(stem + ".tfw")));
        return tif;
    }

    /** The side files made beside a plain TIFF of {@link #plainTiff}, by name. */
    public static List<Path> sideFilesOf(Path tif) throws Exception {
        String stem = tif.getFileName().toString().replaceFirst("\\.tif$", "") + ".";
        try (var list = Files.list(tif.getParent())) {
            return list.filter(p -> !p.equals(tif) && p.getFileName().toString().startsWith(stem)).sorted().toList();
        }
    }

    /**
     * A stored side-file zip holds these files, in order, each whole: the raster first and kept as it is, its side
     * files deflated.
     */
    public static void assertZipHolds(Path zip, List<Path> files) throws Exception {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(z.entries());
            assertEquals(files.stream().map(p -> p.getFileName().toString()).toList(),
                    entries.stream().map(ZipEntry::getName).toList());
            for (int i = 0; i < files.size(); i++) {
                ZipEntry e = entries.get(i);
                assertEquals(i == 0 ? ZipEntry.STORED : ZipEntry.DEFLATED, e.getMethod(), e.getName());
                try (InputStream in = z.getInputStream(e)) {
                    assertArrayEquals(Files.readAllBytes(files.get(i)), in.readAllBytes(), e.getName());
                }
            }
        }
    }
}
