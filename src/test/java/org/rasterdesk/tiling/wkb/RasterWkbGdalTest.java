package org.rasterdesk.tiling.wkb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Real GeoTIFFs loaded by PostGIS's own GDAL reader, written by PostGIS as WKB and decoded here: every pixel must be
 * what the gdal command line tools read from the file.
 */
class RasterWkbGdalTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "django_raster_test.tif, BYTE, 255",
        "RGB.byte.tif, BYTE, 0",
        "opengeos_dsm.tif, FLOAT32, -9999",
        "gpm_1d.20240617.tif, UINT16, ",
    })
    void decodesWhatPostgisMadeOfARealFile(String file, PixelType type, Double nodata) throws Exception {
        Path tif = Path.of(System.getProperty("rasterdesk.test.data", "../shared/data"), "real", file);
        WkbRaster raster;
        try (Connection c = TestDatabase.shared().dataSource().getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET postgis.gdal_enabled_drivers = 'GTiff'");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(ST_FromGDALRaster(?))")) {
                ps.setBytes(1, Files.readAllBytes(tif));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    raster = RasterWkb.decode(rs.getBytes(1));
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("RESET postgis.gdal_enabled_drivers");
                }
            }
        }

        String info = run("gdalinfo", "-json", tif.toString());
        Matcher size = Pattern.compile("\"size\":\\s*\\[\\s*(\\d+),\\s*(\\d+)").matcher(info);
        size.find();
        int width = Integer.parseInt(size.group(1));
        int height = Integer.parseInt(size.group(2));
        assertEquals(width, raster.width());
        assertEquals(height, raster.height());
        Matcher gt = Pattern.compile("\"geoTransform\":\\s*\\[([^\\]]*)\\]").matcher(info);
        gt.find();
        String[] t = gt.group(1).split(",");
        assertEquals(new GeoTransform(d(t[0]), d(t[1]), d(t[2]), d(t[3]), d(t[4]), d(t[5])), raster.geoTransform());

        Path raw = tmp.resolve("pixels.bin");
        run("gdal_translate", "-q", "-of", "ENVI", "-co", "INTERLEAVE=BSQ", tif.toString(), raw.toString());
        ByteBuffer gdal = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.nativeOrder());
        int pixels = width * height;
        for (int b = 0; b < raster.bandCount(); b++) {
            WkbBand band = raster.band(b);
            assertEquals(type, band.pixelType());
            if (nodata == null) {
                assertNull(band.nodata());
            } else {
                assertEquals(nodata, band.nodata());
            }
            double[] expected = new double[pixels];
            int at = b * pixels * type.bytes();
            for (int i = 0; i < pixels; i++) {
                expected[i] = switch (type) {
                    case BYTE -> Byte.toUnsignedInt(gdal.get(at + i));
                    case UINT16 -> Short.toUnsignedInt(gdal.getShort(at + 2 * i));
                    case FLOAT32 -> gdal.getFloat(at + 4 * i);
                    default -> throw new IllegalArgumentException(type.name());
                };
            }
            assertArrayEquals(expected, band.samples(), file + " band " + (b + 1));
        }
    }

    private static double d(String s) {
        return Double.parseDouble(s.trim());
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is missing: install gdal-bin to run this test", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
