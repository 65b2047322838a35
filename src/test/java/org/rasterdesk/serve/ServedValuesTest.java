package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.layer.PostgisTileValues;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.PngEncoder;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;

/**
 * The .tif tiles read by GDAL against the values PostGIS holds (ST_DumpValues), and GDAL reading layers through the
 * server as an XYZ source, as QGIS and gdal_translate users do: a window of PNG tiles against the render command's
 * tiles, a window of .tif tiles against PostGIS.
 */
class ServedValuesTest {

    private static ServedLayers served;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() {
        served = ServedLayers.get();
    }

    @Test
    void aTifTileIsAGeoTiffOfTheStoredValues() throws Exception {
        TileKey key = new TileKey(13, 3886, 3138);
        Path tif = fetch("/raster/tiles/" + served.dem + "/" + key + ".tif");
        JsonNode info = GdalTool.info(tif);
        assertEquals(256, info.path("size").path(0).asInt());
        assertEquals(256, info.path("size").path(1).asInt());
        assertEquals("Float64", info.path("bands").path(0).path("type").asText());
        assertTrue(info.path("coordinateSystem").path("wkt").asText().contains("\"EPSG\",3857"),
                info.path("coordinateSystem").toString());
        Extent bounds = WebMercator.tileBounds(key);
        double pixel = WebMercator.pixelSize(13);
        JsonNode gt = info.path("geoTransform");
        assertEquals(bounds.minX(), gt.path(0).asDouble(), 1e-6);
        assertEquals(pixel, gt.path(1).asDouble(), 1e-9);
        assertEquals(bounds.maxY(), gt.path(3).asDouble(), 1e-6);
        assertEquals(-pixel, gt.path(5).asDouble(), 1e-9);

        Double[] stored = PostgisTileValues.of(served.dataSource, served.dem, key);
        double[] values = GdalTool.values(tif, tmp);
        for (int i = 0; i < values.length; i++) {
            assertEquals(stored[i], values[i], 0.0, "pixel " + i);
        }
    }

    @Test
    void noDataKeepsItsValueAndIsDeclared() throws Exception {
        TileKey key = new TileKey(11, 552, 858);
        Path tif = fetch("/raster/tiles/" + served.categorical + "/" + key + ".tif");
        assertEquals(255.0, GdalTool.info(tif).path("bands").path(0).path("noDataValue").asDouble());
        Double[] stored = PostgisTileValues.of(served.dataSource, served.categorical, key);
        double[] values = GdalTool.values(tif, tmp);
        int nodata = 0;
        for (int i = 0; i < values.length; i++) {
            assertEquals(stored[i] == null ? 255.0 : stored[i], values[i], 0.0, "pixel " + i);
            nodata += stored[i] == null ? 1 : 0;
        }
        assertTrue(nodata > 1000, "the tile has no data in places: " + nodata);

        // Past the layer's max zoom the values are the ancestor's, blown up; where there is nothing, no data.
        double[] child = GdalTool.values(fetch("/raster/tiles/" + served.categorical + "/12/1105/1716.tif"), tmp);
        for (int row = 0; row < 256; row++) {
            for (int col = 0; col < 256; col++) {
                Double parent = stored[(row / 2) * 256 + 128 + col / 2];
                assertEquals(parent == null ? 255.0 : parent, child[row * 256 + col], 0.0, col + "," + row);
            }
        }
        for (double v : GdalTool.values(fetch("/raster/tiles/" + served.categorical + "/11/0/0.tif"), tmp)) {
            assertEquals(255.0, v, 0.0);
        }
    }

    @Test
    void gdalReadsTheServerAsAnXyzSourceOfTheRenderedTiles() throws Exception {
        int zoom = 11;
        Path xml = tmp.resolve("categorical.xml");
        Files.writeString(xml, GdalTool.xyzSource(served.server.xyzUrl(served.categorical), zoom, 4, "Byte"));
        Extent window = new Extent(WebMercator.tileBounds(new TileKey(zoom, 552, 859)).minX(),
                WebMercator.tileBounds(new TileKey(zoom, 552, 859)).minY(),
                WebMercator.tileBounds(new TileKey(zoom, 553, 858)).maxX(),
                WebMercator.tileBounds(new TileKey(zoom, 553, 858)).maxY());
        Path out = tmp.resolve("window.png");
        GdalTool.run("gdal_translate", "-q", "-projwin", num(window.minX()), num(window.maxY()), num(window.maxX()),
                num(window.minY()), "-of", "PNG", xml.toString(), out.toString());
        int[] gdal = ServedLayers.pixels(Files.readAllBytes(out));
        assertEquals(512 * 512, gdal.length, "two by two tiles at the layer's own resolution");

        LayerRenderer renderer = LayerRenderer.open(served.dataSource, served.categorical, null, 0);
        int painted = 0;
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 2; tx++) {
                int[] tile = ServedLayers.pixels(PngEncoder.encode(renderer.render(
                        new TileKey(zoom, 552 + tx, 858 + ty)).image()));
                for (int row = 0; row < 256; row++) {
                    for (int col = 0; col < 256; col++) {
                        int expected = tile[row * 256 + col];
                        int actual = gdal[(ty * 256 + row) * 512 + tx * 256 + col];
                        // A transparent pixel's colour means nothing: GDAL may write it as it likes.
                        assertEquals(expected >>> 24 == 0 ? 0 : expected, actual >>> 24 == 0 ? 0 : actual,
                                "tile " + tx + "," + ty + " pixel " + col + "," + row);
                        painted += expected >>> 24 == 0 ? 0 : 1;
                    }
                }
            }
        }
        assertTrue(painted > 5000, "painted pixels in the window: " + painted);
    }

    @Test
    void gdalReadsTheValuesThroughTheServersTifTiles() throws Exception {
        int zoom = 13;
        Path xml = tmp.resolve("dem.xml");
        String values = served.server.xyzUrl(served.dem).replace(".png", ".tif");
        Files.writeString(xml, GdalTool.xyzSource(values, zoom, 1, "Float64"));
        TileKey first = new TileKey(zoom, 3886, 3138);
        Extent a = WebMercator.tileBounds(first);
        Extent b = WebMercator.tileBounds(new TileKey(zoom, 3887, 3139));
        Path out = tmp.resolve("dem.tif");
        GdalTool.run("gdal_translate", "-q", "-projwin", num(a.minX()), num(a.maxY()), num(b.maxX()), num(b.minY()),
                xml.toString(), out.toString());
        double[] window = GdalTool.values(out, tmp);
        assertEquals(512 * 512, window.length);
        for (int ty = 0; ty < 2; ty++) {
            for (int tx = 0; tx < 2; tx++) {
                Double[] stored = PostgisTileValues.of(served.dataSource, served.dem,
                        new TileKey(zoom, 3886 + tx, 3138 + ty));
                double[] expected = new double[256 * 256];
                double[] actual = new double[256 * 256];
                for (int row = 0; row < 256; row++) {
                    for (int col = 0; col < 256; col++) {
                        expected[row * 256 + col] = stored[row * 256 + col];
                        actual[row * 256 + col] = window[(ty * 256 + row) * 512 + tx * 256 + col];
                    }
                }
                assertArrayEquals(expected, actual, 0.0, "tile " + tx + "," + ty);
            }
        }
    }

    private Path fetch(String path) throws Exception {
        HttpResponse<byte[]> response = served.get(path);
        assertEquals(200, response.statusCode(), path);
        assertEquals("image/tiff", response.headers().firstValue("Content-Type").orElseThrow());
        Path file = Files.createTempFile(tmp, "tile", ".tif");
        Files.write(file, response.body());
        return file;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.9f", v);
    }
}
