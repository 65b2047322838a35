package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.sis.referencing.CRS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

/**
 * A raster's pixels reach WGS 84 exactly where gdaltransform puts them: the same transformation PROJ chooses for
 * the raster's area (Helmert or grid), so the points agree to a centimetre, and the log names that transformation.
 * A wrong choice is metres off: NAD27 to WGS 84 (3) instead of (6) in Kansas moves a point by 2 m, DHDN's Helmert
 * instead of its BETA2007 grid by 1.3 m.
 */
class DatumShiftGdalTest {

    /** 1 cm in degrees of latitude. */
    private static final double CENTIMETRE = 1e-7;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NAD27 / UTM 14N (Kansas)|EPSG:26714|540000|4260000|NAD27 to WGS 84 (6) (EPSG:1175), accuracy 7 m",
        "NAD27 / UTM 17N (North Carolina)|EPSG:26717|700000|3950000|NAD27 to WGS 84 (4) (EPSG:1173), accuracy 10 m",
        "OSGB36 / British National Grid|EPSG:27700|400000|300000|OSGB36 to WGS 84 (6) (EPSG:1314), accuracy 2 m",
        "ED50 / UTM 29N (Lisbon)|EPSG:23029|480000|4300000|ED50 to WGS 84 (34) (EPSG:1989), accuracy 1 m",
        "WGS 84 / UTM 32N|EPSG:32632|350000|5700000|"})
    void agreesWithGdaltransform(String name, String code, double west, double north, String shift) throws Exception {
        SourceProjection projection = projection(code, west, north);
        assertEquals(shift, projection.datumShift(), name);
        assertAgrees(projection, code, west, north);
    }

    /**
     * DHDN in North Rhine-Westphalia: PROJ shifts it with the NTv2 grid BETA2007.gsb of Debian's proj-data, and so
     * does the parse where that grid is installed; where it is not, both fall back to the same Helmert shift.
     */
    @org.junit.jupiter.api.Test
    void gridShiftWhereTheGridIsInstalled() throws Exception {
        SourceProjection projection = projection("EPSG:31466", 2560000, 5700000);
        boolean grid = Files.isRegularFile(Path.of("/usr/share/proj/BETA2007.gsb"));
        assertEquals(grid ? "DHDN to WGS 84 (4) (EPSG:15949), accuracy 1 m"
                : "DHDN to WGS 84 (2) (EPSG:1777), accuracy 3 m", projection.datumShift());
        assertAgrees(projection, "EPSG:31466", 2560000, 5700000);
    }

    @org.junit.jupiter.api.Test
    void noAreaForARasterNotOnEarth() throws Exception {
        RasterInfo info = info(CRS.forCode("EPSG:4326"), new GeoTransform(1e12, 1, 0, 1e12, 0, -1));
        assertNull(DatumShift.of(info, info.crs()).areaOfInterest());
    }

    private static SourceProjection projection(String code, double west, double north) throws Exception {
        return new SourceProjection(info(CRS.forCode(code), GeoTransform.northUp(west, north, 100, 100)), null);
    }

    private static RasterInfo info(org.opengis.referencing.crs.CoordinateReferenceSystem crs, GeoTransform g) {
        return new RasterInfo(200, 200, 1, PixelType.BYTE, g, crs, null, null, List.of(Double.NaN), 200, 1);
    }

    /** The corners and centre of the 20 km raster, ours against gdaltransform's. */
    private static void assertAgrees(SourceProjection projection, String code, double west, double north)
            throws Exception {
        double[] pixels = {0, 0, 200, 0, 0, 200, 200, 200, 100, 100};
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < pixels.length; i += 2) {
            input.append(west + 100 * pixels[i]).append(' ').append(north - 100 * pixels[i + 1]).append('\n');
        }
        List<String> gdal = gdaltransform(code, input.toString());
        double[] ours = pixels.clone();
        projection.pixelToGeographic().transform(ours, 0, ours, 0, pixels.length / 2);
        for (int i = 0; i < pixels.length / 2; i++) {
            String[] lonLat = gdal.get(i).trim().split("\\s+");
            double lon = Double.parseDouble(lonLat[0]);
            double lat = Double.parseDouble(lonLat[1]);
            assertTrue(Math.abs(ours[2 * i] - lon) < CENTIMETRE && Math.abs(ours[2 * i + 1] - lat) < CENTIMETRE,
                    code + " point " + i + ": ours " + ours[2 * i] + " " + ours[2 * i + 1] + ", GDAL " + lon + " "
                            + lat);
        }
    }

    private static List<String> gdaltransform(String code, String input) throws Exception {
        Process process = new ProcessBuilder("gdaltransform", "-s_srs", code, "-t_srs", "EPSG:4326", "-output_xy")
                .redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertEquals(0, process.waitFor(), out);
        return out.lines().toList();
    }
}
