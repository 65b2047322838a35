package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.sis.referencing.CRS;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opengis.referencing.operation.MathTransform;

/**
 * The CRS we report, applied to coordinates from the geotransform, lands where GDAL/PROJ puts them in
 * EPSG:3857: the axis order of the CRS matches the geotransform's, and user-defined projections are complete.
 */
@Tag("slow")
class CrsTransformTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"geographic", "utm", "polar", "lcc"})
    void pixelCoordinatesReachWebMercatorAsWithGdal(String kind) throws Exception {
        Path file = switch (kind) {
            case "geographic" -> Gdal.data("real/LisbonElevation.tif");
            case "utm" -> Gdal.data("real/opengeos_dsm.tif");
            case "polar" -> Gdal.warp(Gdal.data("real/openlandmap_cropland_10km_2016.tif"), tmp.resolve("p.tif"),
                    "-t_srs", "EPSG:3413", "-te", "-3000000", "-3000000", "3000000", "3000000", "-tr", "20000", "20000");
            default -> Gdal.warp(Gdal.data("real/LisbonElevation.tif"), tmp.resolve("l.tif"),
                    "-t_srs", "+proj=lcc +lat_1=30 +lat_2=60 +lon_0=10 +datum=WGS84");
        };
        try (GeoTiffReader reader = GeoTiffReader.open(file)) {
            RasterInfo info = reader.info();
            double col = 10.5;
            double row = info.height() / 2.0;
            double[] xy = {info.geoTransform().x(col, row), info.geoTransform().y(col, row)};
            MathTransform toWebMercator = CRS.findOperation(info.crs(), CRS.forCode("EPSG:3857"), null)
                    .getMathTransform();
            double[] ours = new double[2];
            toWebMercator.transform(xy, 0, ours, 0, 1);
            String wkt = Gdal.run("gdalsrsinfo", "-o", "wkt", file.toString()).trim();
            String[] gdal = runWithInput(xy[0] + " " + xy[1], "gdaltransform", "-s_srs", wkt, "-t_srs", "EPSG:3857")
                    .trim().split("\\s+");
            assertEquals(Double.parseDouble(gdal[0]), ours[0], 0.01, kind + " x");
            assertEquals(Double.parseDouble(gdal[1]), ours[1], 0.01, kind + " y");
        }
    }

    private static String runWithInput(String input, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write((input + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
