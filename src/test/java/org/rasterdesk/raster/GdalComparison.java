package org.rasterdesk.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasterdesk.raster.pixel.PixelType;

/** Asserts that our reader says and reads what GDAL says and reads about the same file. */
final class GdalComparison {

    private static final Pattern EPSG_ID = Pattern.compile("ID\\[\"EPSG\",(\\d+)\\]\\]\\s*$");

    private GdalComparison() {
    }

    @SuppressWarnings("unchecked")
    static void assertSameInfo(Path file, RasterInfo info) {
        Map<String, Object> gdal = Gdal.info(file);
        List<Object> size = (List<Object>) gdal.get("size");
        String name = file.getFileName().toString();
        assertEquals(((Double) size.get(0)).intValue(), info.width(), name + " width");
        assertEquals(((Double) size.get(1)).intValue(), info.height(), name + " height");
        List<Object> bands = (List<Object>) gdal.get("bands");
        assertEquals(bands.size(), info.bandCount(), name + " bands");
        String type = (String) Json.path(bands, 0, "type");
        if ("SIGNEDBYTE".equals(Json.path(bands, 0, "metadata", "IMAGE_STRUCTURE", "PIXELTYPE"))) {
            type = "Int8";  // GDAL before 3.7 has no Int8 type and calls signed bytes Byte
        }
        assertEquals(type, gdalTypeName(info.pixelType()), name + " type");
        List<Object> gt = (List<Object>) gdal.get("geoTransform");
        double[] expected = gt == null ? new double[] {0, 1, 0, 0, 0, 1}
                : gt.stream().mapToDouble(o -> (Double) o).toArray();
        double[] actual = info.geoTransform().toArray();
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-12 + 1e-12, name + " geotransform " + i);
        }
        for (int b = 0; b < bands.size(); b++) {
            Object nd = Json.path(bands, b, "noDataValue");
            Double expectedNodata = nd == null ? null
                    : nd instanceof String s ? GeoTiffReader.parseNodata(s) : (Double) nd;
            Double actualNodata = info.nodata(b);
            if (expectedNodata == null) {
                assertNull(actualNodata, name + " nodata of band " + b);
            } else {
                assertNotNull(actualNodata, name + " nodata of band " + b);
                // gdalinfo -json prints a Float32 band's nodata rounded to float precision.
                double tolerance = info.pixelType() == PixelType.FLOAT32 && Double.isFinite(expectedNodata)
                        ? Math.abs(expectedNodata) * 1e-7 : 0;
                assertEquals(expectedNodata, actualNodata, tolerance, name + " nodata of band " + b);
            }
        }
        assertEquals(((Double) Json.path(bands, 0, "block", 0)).intValue(), info.blockWidth(), name + " block width");
        String wkt = (String) Json.path(gdal, "coordinateSystem", "wkt");
        if (wkt == null || wkt.isEmpty()) {
            assertNull(info.crs(), name + " has no CRS");
            assertNull(info.srid(), name + " has no SRID");
            assertNull(info.srsWkt(), name + " has no WKT");
        } else {
            assertNotNull(info.crs(), name + " CRS");
            assertNotNull(info.srsWkt(), name + " WKT");
            Matcher m = EPSG_ID.matcher(wkt);
            assertEquals(m.find() ? Integer.valueOf(m.group(1)) : null, info.srid(), name + " EPSG code");
        }
    }

    static String gdalTypeName(PixelType type) {
        return switch (type) {
            case BYTE -> "Byte";
            case INT8 -> "Int8";
            case UINT16 -> "UInt16";
            case INT16 -> "Int16";
            case UINT32 -> "UInt32";
            case INT32 -> "Int32";
            case FLOAT32 -> "Float32";
            case FLOAT64 -> "Float64";
        };
    }

    /**
     * Compares windows chosen to hurt: the whole raster when small, a corner, windows across block boundaries,
     * the last partial block and the last pixel. Our reader reads each window on its own; GDAL's pixels of a small
     * raster come from one read of the whole, cut into the windows (GDAL's decoding does not depend on the window,
     * and each run of a GDAL tool costs a process start, which made most of these tests' time).
     */
    static void assertSamePixels(Path file, RasterReader reader, double tolerance, Path tmp) throws IOException {
        RasterInfo info = reader.info();
        int w = info.width();
        int h = info.height();
        int bw = info.blockWidth();
        int bh = info.blockHeight();
        List<int[]> windows = new ArrayList<>();
        double[][] whole = null;
        if ((long) w * h <= 2_000_000) {
            windows.add(new int[] {0, 0, w, h});
            whole = Gdal.window(file, 0, 0, w, h, info.bandCount(), tmp);
        }
        windows.add(new int[] {0, 0, Math.min(w, 37), Math.min(h, 23)});
        windows.add(across(w, h, bw, bh, 1, 1, 20));
        windows.add(across(w, h, bw, bh, 2, 3, 300));
        int lw = Math.min(w, bw + 7);
        int lh = Math.min(h, bh + 5);
        windows.add(new int[] {w - lw, h - lh, lw, lh});
        windows.add(new int[] {w - 1, h - 1, 1, 1});
        for (int[] win : windows) {
            double[][] expected = whole != null ? cut(whole, w, win)
                    : Gdal.window(file, win[0], win[1], win[2], win[3], info.bandCount(), tmp);
            double[][] actual = reader.read(win[0], win[1], win[2], win[3]);
            if (info.pixelType() == PixelType.INT8) {
                unsignedToSigned(expected);
            }
            assertSamples(file, win, expected, actual, tolerance);
        }
    }

    /** The window {x, y, w, h} of samples [band][row * width + col] of a raster {@code width} pixels wide. */
    private static double[][] cut(double[][] samples, int width, int[] win) {
        double[][] out = new double[samples.length][win[2] * win[3]];
        for (int b = 0; b < samples.length; b++) {
            for (int row = 0; row < win[3]; row++) {
                System.arraycopy(samples[b], (win[1] + row) * width + win[0], out[b], row * win[2], win[2]);
            }
        }
        return out;
    }

    /** GDAL before 3.7 reads signed bytes as unsigned; an Int8 sample above 127 is such a misreading. */
    private static void unsignedToSigned(double[][] samples) {
        for (double[] band : samples) {
            for (int i = 0; i < band.length; i++) {
                if (band[i] > 127) {
                    band[i] -= 256;
                }
            }
        }
    }

    /** A window of about {@code size} pixels around the corner of blocks (bx, by), clipped to the raster. */
    private static int[] across(int w, int h, int bw, int bh, int bx, int by, int size) {
        int cx = Math.min(bw * bx, w - 1);
        int cy = Math.min(bh * by, h - 1);
        int x = Math.max(0, cx - size / 2);
        int y = Math.max(0, cy - size / 2);
        return new int[] {x, y, Math.min(size, w - x), Math.min(size, h - y)};
    }

    static void assertSamples(Path file, int[] win, double[][] expected, double[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int b = 0; b < expected.length; b++) {
            for (int i = 0; i < expected[b].length; i++) {
                double e = expected[b][i];
                double a = actual[b][i];
                boolean same = Double.isNaN(e) ? Double.isNaN(a) : Math.abs(e - a) <= tolerance;
                if (!same) {
                    fail(file.getFileName() + ": window " + List.of(win[0], win[1], win[2], win[3]) + " band " + b
                            + " pixel (" + (win[0] + i % win[2]) + ", " + (win[1] + i / win[2]) + "): GDAL " + e
                            + ", ours " + a);
                }
            }
        }
        assertTrue(expected.length > 0);
    }
}
