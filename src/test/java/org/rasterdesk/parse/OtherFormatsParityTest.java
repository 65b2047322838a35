package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.tiling.GdalRaster;

/**
 * Rasters beyond GeoTIFF parsed tile for tile as gdalwarp warps them: images with world files (also zipped with
 * their side files), an ESRI ASCII grid, NetCDF with CF coordinates, JPEG 2000 with GeoJP2 and with GMLJP2 only.
 */
@Tag("slow")
class OtherFormatsParityTest {

    @TempDir
    Path work;

    private Path translate(String source, String name, String... options) throws Exception {
        Path out = work.resolve(name);
        List<String> command = new ArrayList<>(List.of("gdal_translate", "-q"));
        command.addAll(List.of(options));
        command.add(GdalRaster.data(source).toString());
        command.add(out.toString());
        GdalRaster.run(command.toArray(String[]::new));
        return out;
    }

    /** An image with its world file renamed as GIS programs name it, and its CRS in a .prj. */
    private Path withWorldFile(String source, String driver, String name, String worldExtension,
                               String... options) throws Exception {
        List<String> all = new ArrayList<>(List.of("-of", driver, "-co", "WORLDFILE=YES"));
        all.addAll(List.of(options));
        Path image = translate(source, name, all.toArray(String[]::new));
        String stem = name.substring(0, name.lastIndexOf('.'));
        Files.move(work.resolve(stem + ".wld"), work.resolve(stem + "." + worldExtension));
        Files.writeString(work.resolve(stem + ".prj"),
                GdalRaster.run("gdalsrsinfo", "-o", "wkt_esri", GdalRaster.data(source).toString()).trim());
        return image;
    }

    private static void assertParity(GdalParity.Result parity) {
        assertTrue(parity.sameTiles(), parity.ours() + " vs " + parity.gdal());
        assertTrue(parity.share() >= 99.9, parity.name() + ": identical " + parity.share() + " %");
        assertTrue(parity.lost() * 10_000 <= parity.dataPixels(), parity.lost() + " lost");
    }

    @Test
    void pngWithWorldFileInsideAZip() throws Exception {
        Path png = withWorldFile("real/RGB.byte.tif", "PNG", "landsat.png", "pgw");
        Path zip = work.resolve("landsat.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String name : List.of("landsat.png", "landsat.pgw", "landsat.prj", "landsat.png.aux.xml")) {
                out.putNextEntry(new ZipEntry("scene/" + name));
                Files.copy(work.resolve(name), out);
                out.closeEntry();
            }
        }
        assertParity(GdalParity.compare("PNG + .pgw + .prj in a zip", zip, "/vsizip/" + zip + "/scene/landsat.png",
                work, List.of()));
        assertTrue(Files.exists(png));
    }

    @Test
    void jpegWithWorldFile() throws Exception {
        Path jpg = withWorldFile("real/RGB.byte.tif", "JPEG", "landsat.jpg", "jgw");
        assertParity(GdalParity.compare("JPEG + .jgw + .prj", jpg, work));
    }

    @Test
    void tiffWithWorldFile() throws Exception {
        Path tif = withWorldFile("real/opengeos_dsm.tif", "GTiff", "dsm.tif", "tfw", "-co", "PROFILE=BASELINE");
        assertParity(GdalParity.compare("TIFF + .tfw + .prj", tif, work));
    }

    @Test
    void esriAsciiGrid() throws Exception {
        Path asc = translate("real/opengeos_dsm.tif", "dsm.asc", "-of", "AAIGrid");
        assertParity(GdalParity.compare("ESRI ASCII grid", asc, work));
    }

    @Test
    void netcdfWithCfCoordinates() throws Exception {
        Path nc = translate("real/LisbonElevation.tif", "dem.nc", "-of", "netCDF");
        assertParity(GdalParity.compare("NetCDF (CF, EPSG:4326)", nc, work));
    }

    @Test
    void jpeg2000WithGeoJp2() throws Exception {
        Path jp2 = translate("real/RGB.byte.tif", "rgb.jp2", "-of", "JP2OpenJPEG", "-co", "REVERSIBLE=YES",
                "-co", "QUALITY=100");
        assertParity(GdalParity.compare("JPEG 2000 (GeoJP2)", jp2, work));
    }

    /** As Sentinel-2 ships them: 16-bit, 512-pixel tiles, georeferenced by GMLJP2 only. */
    @Test
    void jpeg2000LikeSentinel2() throws Exception {
        Path jp2 = translate("real/dom1_32_356_5699_1_nw_2020.tif", "s2.jp2", "-ot", "UInt16", "-scale", "80",
                "200", "0", "10000", "-of", "JP2OpenJPEG", "-co", "REVERSIBLE=YES", "-co", "QUALITY=100",
                "-co", "GeoJP2=NO", "-co", "GMLJP2=YES", "-co", "BLOCKXSIZE=512", "-co", "BLOCKYSIZE=512");
        assertParity(GdalParity.compare("JPEG 2000 (GMLJP2, 16-bit)", jp2, work));
    }

}
