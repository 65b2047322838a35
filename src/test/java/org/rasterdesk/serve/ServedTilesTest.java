package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rasterdesk.cli.RasterDeskCommand;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.PostgisTileValues;
import org.rasterdesk.tiling.TileKey;

/**
 * Served tiles against the render command, pixel for pixel (and byte for byte: the same encoder), and the style
 * options of django-raster's tile URL against the values PostGIS holds.
 */
class ServedTilesTest {

    private static ServedLayers served;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serve() {
        served = ServedLayers.get();
    }

    /** layer (c: categorical with its legend, d: the DEM), z/x/y: stored, upsampled past max zoom, empty. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "c, 11/552/858",
        "c, 13/2211/3435",
        "c, 9/138/214",
        "c, 11/0/0",
        "d, 13/3886/3138",
        "d, 10/485/392",
        "d, 16/31090/25105",
        "d, 3/3/3",
    })
    void aServedPngIsWhatTheRenderCommandWrites(String layer, String address) throws Exception {
        int id = layer.equals("c") ? served.categorical : served.dem;
        HttpResponse<byte[]> response = served.get("/raster/tiles/" + id + "/" + address + ".png");
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
        byte[] rendered = render(id, null, address);
        assertArrayEquals(ServedLayers.pixels(rendered), ServedLayers.pixels(response.body()), "pixels");
        assertArrayEquals(rendered, response.body(), "the same encoder makes the same bytes");
    }

    @Test
    void aLegendNamedByIdOrTitleDrawsAsTheRenderCommandWithThatLegend() throws Exception {
        byte[] rendered = render(served.categorical, served.otherLegend.id(), "11/552/858");
        byte[] byId = served.get("/raster/tiles/" + served.categorical + "/11/552/858.png?legend="
                + served.otherLegend.id()).body();
        byte[] byTitle = served.get("/raster/tiles/" + served.categorical + "/11/552/858.png?legend="
                + URLEncoder.encode("serve FIXTURE other", StandardCharsets.UTF_8)).body();
        assertArrayEquals(ServedLayers.pixels(rendered), ServedLayers.pixels(byId));
        assertArrayEquals(ServedLayers.pixels(rendered), ServedLayers.pixels(byTitle), "titles match ignoring case");
        byte[] own = served.get("/raster/tiles/" + served.categorical + "/11/552/858.png").body();
        assertNotEquals(java.util.Arrays.toString(ServedLayers.pixels(own)),
                java.util.Arrays.toString(ServedLayers.pixels(byId)), "the other legend draws differently");
        assertTrue(java.util.Arrays.stream(ServedLayers.pixels(byId)).anyMatch(p -> p == 0xFF00FF00),
                "the other legend's green is there");
    }

    @Test
    void aLayerIsNamedByIdOrName() {
        byte[] byId = served.get("/raster/tiles/" + served.categorical + "/11/552/858.png").body();
        byte[] byName = served.get("/raster/tiles/" + URLEncoder.encode(ServedLayers.CATEGORICAL_NAME,
                StandardCharsets.UTF_8).replace("+", "%20") + "/11/552/858.png").body();
        assertArrayEquals(byId, byName);
    }

    @Test
    void aDiscreteColormapInTheUrlColoursByItsEntriesAndCountsThem() throws Exception {
        String colormap = "{\"1\": \"#ff0000\", \"x > 2\": [0, 0, 255, 128], \"9\": \"#00ff00\"}";
        HttpResponse<byte[]> response = served.get("/raster/tiles/" + served.categorical + "/11/552/858.png?colormap="
                + URLEncoder.encode(colormap, StandardCharsets.UTF_8));
        int[] png = ServedLayers.pixels(response.body());
        Double[] values = PostgisTileValues.of(served.dataSource, served.categorical, new TileKey(11, 552, 858));
        int ones = 0;
        int highs = 0;
        int nines = 0;
        for (int i = 0; i < png.length; i++) {
            Double v = values[i];
            int expected = v == null ? 0 : v == 9 ? 0xFF00FF00 : v > 2 ? 0x800000FF : v == 1 ? 0xFFFF0000 : 0;
            assertEquals(expected, png[i], "pixel " + i + " value " + v);
            ones += v != null && v == 1 ? 1 : 0;
            highs += v != null && v > 2 ? 1 : 0;
            nines += v != null && v == 9 ? 1 : 0;
        }
        assertTrue(ones > 0 && nines > 0);
        assertEquals("{\"1\": " + ones + ", \"x > 2\": " + highs + ", \"9\": " + nines + "}",
                response.headers().firstValue("aggregation").orElseThrow(), "django-raster's aggregation header");
    }

    @Test
    void entriesKeepOnlyTheListedExpressionsOfTheLegend() throws Exception {
        int[] png = ServedLayers.pixels(served.get("/raster/tiles/" + served.categorical
                + "/11/552/858.png?entries=1,3").body());
        Double[] values = PostgisTileValues.of(served.dataSource, served.categorical, new TileKey(11, 552, 858));
        for (int i = 0; i < png.length; i++) {
            Double v = values[i];
            int expected = v == null ? 0 : v == 1 ? 0xFFFF0000 : v == 3 ? 0xFFFFFF00 : 0;
            assertEquals(expected, png[i], "pixel " + i + " value " + v);
        }
    }

    @Test
    void aContinuousColormapSpansTheLayersRangeUnlessItGivesOne() throws Exception {
        TileKey key = new TileKey(13, 3886, 3138);
        Double[] values = PostgisTileValues.of(served.dataSource, served.dem, key);
        BandMetadata band = new LayerMetadataRepository(served.dataSource).band(served.dem, 0).orElseThrow();
        String ramp = "{\"continuous\": true, \"from\": \"#000000\", \"to\": \"#ff0000\"}";
        int[] png = ServedLayers.pixels(served.get("/raster/tiles/" + served.dem + "/" + key + ".png?colormap="
                + URLEncoder.encode(ramp, StandardCharsets.UTF_8)).body());
        String ranged = "{\"continuous\": true, \"from\": \"#000000\", \"to\": \"#ff0000\", \"range\": [0, 100]}";
        int[] clipped = ServedLayers.pixels(served.get("/raster/tiles/" + served.dem + "/" + key + ".png?colormap="
                + URLEncoder.encode(ranged, StandardCharsets.UTF_8)).body());
        int outside = 0;
        for (int i = 0; i < png.length; i++) {
            double v = values[i];
            int red = (int) ((v - band.min()) / (band.max() - band.min()) * 255);
            assertEquals(0xFF000000 | red << 16, png[i], "pixel " + i + " value " + v);
            int expected = v >= 0 && v <= 100 ? 0xFF000000 | (int) (v / 100 * 255) << 16 : 0;
            assertEquals(expected, clipped[i], "range [0, 100], pixel " + i + " value " + v);
            outside += expected == 0 ? 1 : 0;
        }
        assertTrue(outside > 100, "some values lie beyond 100 m: " + outside);
    }

    @Test
    void enhancementsChangeTheRenderedTileAsPillowWould() throws Exception {
        byte[] plain = served.get("/raster/tiles/" + served.dem + "/13/3886/3138.png").body();
        byte[] enhanced = served.get("/raster/tiles/" + served.dem
                + "/13/3886/3138.png?enhance_sharpness=2&enhance_contrast=1.5").body();
        int[] expected = ImageEnhancement.of(QueryParameters.parse("enhance_contrast=1.5&enhance_sharpness=2"))
                .apply(ServedLayers.pixels(plain));
        assertArrayEquals(expected, ServedLayers.pixels(enhanced));
    }

    @Test
    void aJpegTileHasTheColoursWithoutAlphaSoNoDataIsBlack() throws Exception {
        HttpResponse<byte[]> response = served.get("/raster/tiles/" + served.categorical + "/11/552/858.jpg");
        assertEquals("image/jpeg", response.headers().firstValue("Content-Type").orElseThrow());
        int[] jpeg = ServedLayers.pixels(response.body());
        int[] png = ServedLayers.pixels(served.get("/raster/tiles/" + served.categorical + "/11/552/858.png").body());
        List<Integer> far = new ArrayList<>();
        for (int i = 0; i < png.length; i++) {
            int expected = png[i] >>> 24 == 0 ? 0 : png[i];
            for (int shift = 0; shift <= 16; shift += 8) {
                // JPEG is lossy: compare channels loosely, away from the sharp edges of classes.
                if (Math.abs(((expected >>> shift) & 0xFF) - ((jpeg[i] >>> shift) & 0xFF)) > 96) {
                    far.add(i);
                }
            }
        }
        assertTrue(far.size() < png.length / 20, "pixels far from the PNG's colours: " + far.size());
    }

    /** The PNG {@code rasterdesk render} writes. */
    private byte[] render(int layerId, Integer legendId, String address) throws Exception {
        Path out = tmp.resolve("render-" + System.nanoTime() + ".png");
        List<String> args = new ArrayList<>(List.of("render", "--db", ServedLayers.connectionString(), "--layer",
                String.valueOf(layerId)));
        if (legendId != null) {
            args.addAll(List.of("--legend", String.valueOf(legendId)));
        }
        args.addAll(List.of(address, out.toString()));
        assertEquals(0, RasterDeskCommand.run(args.toArray(String[]::new)), "rasterdesk render");
        return Files.readAllBytes(out);
    }
}
