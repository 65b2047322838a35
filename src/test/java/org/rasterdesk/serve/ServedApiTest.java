package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.layer.PostgisTileValues;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;

/**
 * The rest of django-raster's API — raster algebra, RGB images, pixel values, legends — and RasterDesk's documents
 * (TileJSON, the layer list, the web map's files), each against an independent answer: PostGIS's own reading of
 * the tiles, GDAL's of the source file, the stored legend.
 */
class ServedApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServedLayers served;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() {
        served = ServedLayers.get();
    }

    @Test
    void algebraValuesAreTheFormulaOfTheStoredValues() throws Exception {
        TileKey key = new TileKey(13, 3886, 3138);
        String formula = URLEncoder.encode("a * 2 + b - 1", StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = served.get("/raster/algebra/" + key + ".tif?layers=a=" + served.dem + ",b="
                + served.dem + "&formula=" + formula);
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        Path tif = tmp.resolve("algebra.tif");
        Files.write(tif, response.body());
        double[] values = GdalTool.values(tif, tmp);
        Double[] stored = PostgisTileValues.of(served.dataSource, served.dem, key);
        for (int i = 0; i < values.length; i++) {
            assertEquals(stored[i] * 3 - 1, values[i], 1e-9, "pixel " + i);
        }
    }

    @Test
    void algebraTilesAreColouredByTheColormapOfTheRequest() throws Exception {
        TileKey key = new TileKey(13, 3886, 3138);
        String colormap = URLEncoder.encode("{\"1\": \"#ff0000\"}", StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = served.get("/raster/algebra/" + key + ".png?layers=dem=" + served.dem
                + "&formula=" + URLEncoder.encode("dem > 100", StandardCharsets.UTF_8) + "&colormap=" + colormap);
        int[] png = ServedLayers.pixels(response.body());
        Double[] stored = PostgisTileValues.of(served.dataSource, served.dem, key);
        int high = 0;
        for (int i = 0; i < png.length; i++) {
            int expected = stored[i] > 100 ? 0xFFFF0000 : 0;
            assertEquals(expected, png[i], "pixel " + i + " value " + stored[i]);
            high += expected != 0 ? 1 : 0;
        }
        assertTrue(high > 100 && high < png.length - 100, "both sides of 100 m are in the tile: " + high);
        assertEquals("{\"1\": " + high + "}", response.headers().firstValue("aggregation").orElseThrow());
    }

    @Test
    void withoutColormapAlgebraIsGreyOverTheTilesOwnRangeAsInDjangoRaster() throws Exception {
        TileKey key = new TileKey(13, 3886, 3138);
        int[] png = ServedLayers.pixels(served.get("/raster/algebra/" + key + ".png?layers=a=" + served.dem
                + "&formula=a").body());
        Double[] stored = PostgisTileValues.of(served.dataSource, served.dem, key);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (Double v : stored) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        for (int i = 0; i < png.length; i++) {
            int grey = (int) ((stored[i] - min) / (max - min) * 255);
            assertEquals(0xFF000000 | grey << 16 | grey << 8 | grey, png[i], "pixel " + i);
        }
    }

    @Test
    void aLayerWithoutATileThereMakesAnEmptyAlgebraTile() {
        // The DEM is at Lisbon, the land cover in Florida: no tile holds both.
        int[] png = ServedLayers.pixels(served.get("/raster/algebra/11/552/858.png?layers=a=" + served.categorical
                + ",b=" + served.dem + "&formula=a%2Bb").body());
        for (int p : png) {
            assertEquals(0, p);
        }
    }

    @Test
    void threeBandsMakeAnRgbImage() throws Exception {
        TileKey key = new TileKey(9, 144, 219);
        HttpResponse<byte[]> response = served.get("/raster/algebra/" + key + ".png?layers=r:0=" + served.rgb
                + ",g:1=" + served.rgb + ",b:2=" + served.rgb + "&alpha");
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        int[] png = ServedLayers.pixels(response.body());
        Double[][] bands = {band(served.rgb, key, 1), band(served.rgb, key, 2), band(served.rgb, key, 3)};
        int transparent = 0;
        for (int i = 0; i < png.length; i++) {
            int r = bands[0][i] == null ? 0 : bands[0][i].intValue();
            int g = bands[1][i] == null ? 0 : bands[1][i].intValue();
            int b = bands[2][i] == null ? 0 : bands[2][i].intValue();
            int expected = r == 0 && g == 0 && b == 0 ? 0 : 0xFF000000 | r << 16 | g << 8 | b;
            assertEquals(expected, png[i], "pixel " + i);
            transparent += expected == 0 ? 1 : 0;
        }
        assertTrue(transparent > 100 && transparent < png.length - 100, "the image's edge is in the tile");
    }

    @Test
    void aPixelValueIsTheStoredValueAtThePointAtMaxZoom() throws Exception {
        double x = -1019400.5;
        double y = 4679400.5;
        JsonNode answer = JSON.readTree(served.text("/raster/pixel/" + x + "/" + y + "?layers=a=" + served.dem
                + "&formula=a"));
        assertEquals(x, answer.path("x").asDouble());
        assertEquals(y, answer.path("y").asDouble());
        TileKey key = new TileKey(13, WebMercator.tileX(13, x), WebMercator.tileY(13, y));
        double expected;
        try (Connection c = served.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_Value(rast, 1, ST_SetSRID(ST_MakePoint(?, ?), "
                     + "3857)) FROM raster_rastertile WHERE rasterlayer_id = ? AND tilez = ? AND tilex = ? "
                     + "AND tiley = ?")) {
            ps.setDouble(1, x);
            ps.setDouble(2, y);
            ps.setInt(3, served.dem);
            ps.setInt(4, key.z());
            ps.setInt(5, key.x());
            ps.setInt(6, key.y());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "tile " + key + " is stored");
                expected = rs.getDouble(1);
            }
        }
        assertEquals(expected, answer.path("value").asDouble(), 0.0, answer.toString());

        JsonNode nowhere = JSON.readTree(served.text("/raster/pixel/0/0?layers=a=" + served.dem + "&formula=a"));
        assertTrue(nowhere.path("value").isNull(), "no data is null: " + nowhere);
    }

    @Test
    void legendsAreTheirStoredJsonByIdTitleOrLayer() throws Exception {
        String stored = served.legend.json();
        assertEquals(stored, served.text("/raster/legend/" + served.legend.id()));
        assertEquals(stored, served.text("/raster/legend/serve%20fixture%20CLASSES"));
        assertEquals(stored, served.text("/raster/legend?layer=" + served.categorical));
        JsonNode entries = JSON.readTree(stored);
        assertEquals("serve one", entries.path(0).path("name").asText());
        assertEquals(404, served.get("/raster/legend?layer=" + served.dem).statusCode(), "the DEM has no legend");
    }

    @Test
    void tileJsonDescribesALayerWhereGdalSaysItsRasterLies() throws Exception {
        HttpResponse<byte[]> response = served.get("/raster/tiles/" + served.dem + ".json?legend="
                + served.otherLegend.id());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode doc = JSON.readTree(response.body());
        assertEquals("3.0.0", doc.path("tilejson").asText());
        assertEquals("xyz", doc.path("scheme").asText());
        String base = served.server.url().toString().replaceAll("/$", "");
        assertEquals(base + "/raster/tiles/" + served.dem + "/{z}/{x}/{y}.png?legend=" + served.otherLegend.id(),
                doc.path("tiles").path(0).asText(), "the style options go on into the tile URL");
        assertEquals(13, doc.path("maxzoom").asInt());
        JsonNode extent = GdalTool.info(ParsedFile.data("real/LisbonElevation.tif")).path("wgs84Extent")
                .path("coordinates").path(0);
        double west = extent.path(0).path(0).asDouble();
        double north = extent.path(0).path(1).asDouble();
        double east = extent.path(2).path(0).asDouble();
        double south = extent.path(2).path(1).asDouble();
        JsonNode bounds = doc.path("bounds");
        // Bounds of the served pixels at max zoom (19 m), the source's pixels being 1 second (31 m).
        assertEquals(west, bounds.path(0).asDouble(), 0.0006);
        assertEquals(south, bounds.path(1).asDouble(), 0.0006);
        assertEquals(east, bounds.path(2).asDouble(), 0.0006);
        assertEquals(north, bounds.path(3).asDouble(), 0.0006);
        assertEquals((west + east) / 2, doc.path("center").path(0).asDouble(), 0.001);
    }

    @Test
    void theLayerListNamesEveryLayerWithItsUrls() throws Exception {
        JsonNode list = JSON.readTree(served.text("/raster/layers.json"));
        JsonNode dem = null;
        for (JsonNode layer : list) {
            if (layer.path("id").asInt() == served.dem) {
                dem = layer;
            }
        }
        assertTrue(dem != null, list.toString());
        assertEquals("serve fixture lisbon dem", dem.path("name").asText());
        assertEquals("co", dem.path("datatype").asText());
        assertTrue(dem.path("hasTiles").asBoolean());
        assertEquals(served.server.xyzUrl(served.dem), dem.path("tiles").asText());
    }

    @Test
    void theWebMapsFilesComeFromTheProgram() throws Exception {
        String page = served.text("/");
        assertTrue(page.contains("/static/leaflet/leaflet.js") && page.contains("/static/map.js"), page);
        byte[] leaflet;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.js")) {
            leaflet = in.readAllBytes();
        }
        assertArrayEquals(leaflet, served.get("/static/leaflet/leaflet.js").body());
        HttpResponse<byte[]> gzipped = served.send(HttpRequest.newBuilder(served.uri("/static/leaflet/leaflet.js"))
                .header("Accept-Encoding", "gzip").build());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
            assertArrayEquals(leaflet, in.readAllBytes());
        }
        JsonNode outlines = JSON.readTree(served.get("/basemap/outlines-110m.geojson").body());
        assertEquals("coastline", outlines.path("features").path(0).path("properties").path("kind").asText());
        assertTrue(outlines.path("features").path(1).path("geometry").path("coordinates").size() > 100);
    }

    private static Double[] band(int layerId, TileKey key, int band) throws Exception {
        try (Connection c = served.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ST_DumpValues(rast, ?) FROM raster_rastertile "
                     + "WHERE rasterlayer_id = ? AND tilez = ? AND tilex = ? AND tiley = ?")) {
            ps.setInt(1, band);
            ps.setInt(2, layerId);
            ps.setInt(3, key.z());
            ps.setInt(4, key.x());
            ps.setInt(5, key.y());
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "tile " + key + " of layer " + layerId + " is stored");
                Array array = rs.getArray(1);
                Object[] rows = (Object[]) array.getArray();
                Double[] values = new Double[256 * 256];
                for (int r = 0; r < 256; r++) {
                    Object[] row = (Object[]) rows[r];
                    for (int col = 0; col < 256; col++) {
                        values[r * 256 + col] = row[col] == null ? null : ((Number) row[col]).doubleValue();
                    }
                }
                return values;
            }
        }
    }
}
