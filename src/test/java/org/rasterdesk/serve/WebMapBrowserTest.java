package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;

/**
 * The web map in a real browser: Debian's Chromium, headless, loads the page, Leaflet and the outlines from the
 * server, asks for the layer's tiles and draws them where they belong, pixel for pixel as served, over the Natural
 * Earth outlines; its screenshot is kept in target/web-map.png.
 */
@Tag("slow")
class WebMapBrowserTest {

    /** The map takes the window less the 320-pixel panel at the right. */
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final int MAP_WIDTH = WIDTH - 320;

    private static ServedLayers served;
    private static final List<String> REQUESTS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void serve() {
        served = ServedLayers.get();
        served.server.setRequestListener((method, target, status, nanos) -> REQUESTS.add(status + " " + target));
    }

    @Test
    void theMapDrawsTheServedTilesWhereTheyBelongOverTheOutlines() throws Exception {
        // The view's centre on the corner of a tile, so that Leaflet places that tile at the map's centre pixel.
        TileKey key = new TileKey(12, 1943, 1569);
        Extent tile = WebMercator.tileBounds(key);
        double[] corner = LonLat.of(tile.minX(), tile.maxY());
        String view = String.format(Locale.ROOT, "12,%.10f,%.10f", corner[1], corner[0]);
        Path shot = Path.of("target", "web-map.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        REQUESTS.clear();
        chromium("--screenshot=" + shot, "/?layers=" + served.dem + "&view=" + view);

        BufferedImage image = ImageIO.read(shot.toFile());
        assertEquals(WIDTH, image.getWidth());
        assertTrue(requested("200 /static/leaflet/leaflet.js"), "Leaflet from the program: " + REQUESTS);
        assertTrue(requested("200 /raster/layers.json"), REQUESTS.toString());
        assertTrue(requested("200 /basemap/outlines-50m.geojson"), REQUESTS.toString());
        assertTrue(requested("200 /raster/tiles/" + served.dem + "/12/1943/1569.png"), REQUESTS.toString());
        assertTrue(REQUESTS.stream().noneMatch(r -> r.startsWith("5")), REQUESTS.toString());

        int[] expected = ServedLayers.pixels(served.get("/raster/tiles/" + served.dem + "/" + key + ".png").body());
        int left = MAP_WIDTH / 2;
        int top = HEIGHT / 2;
        int differing = 0;
        for (int row = 0; row < 256; row++) {
            for (int col = 0; col < 256; col++) {
                int want = expected[row * 256 + col] & 0xFFFFFF;
                int got = image.getRGB(left + col, top + row) & 0xFFFFFF;
                if (want != got) {
                    differing++;
                }
            }
        }
        // The outlines are drawn under the layer; the tile is opaque (the DEM has no no data), so it shows as is.
        assertEquals(0, differing, "screen pixels of tile " + key + " that differ from the served tile");

        int outline = 0;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < MAP_WIDTH; x++) {
                int c = image.getRGB(x, y);
                boolean insideTile = x >= left - 256 && x < left + 512 && y >= top - 256 && y < top + 512;
                int r = (c >>> 16) & 0xFF;
                int b = c & 0xFF;
                if (!insideTile && b - r > 45) {
                    outline++;
                }
            }
        }
        assertTrue(outline > 200, "pixels of the coastline around the layer: " + outline);
    }

    @Test
    void thePageListsTheLayersWithTheirXyzUrls() throws Exception {
        String dom = chromium("--dump-dom", "/");
        assertTrue(dom.contains("data-layers-loaded=\""), "the page read the layer list");
        for (String name : List.of(ServedLayers.CATEGORICAL_NAME, "serve fixture lisbon dem", "serve fixture landsat")) {
            assertTrue(dom.contains(name), name + " in the list");
        }
        assertTrue(dom.contains("value=\"" + served.server.xyzUrl(served.dem) + "\""), "the XYZ URL for QGIS");
        assertTrue(dom.contains("Natural Earth"), "the outlines' attribution");
    }

    private static boolean requested(String line) {
        synchronized (REQUESTS) {
            return REQUESTS.stream().anyMatch(r -> r.startsWith(line));
        }
    }

    /** Runs headless Chromium on a page of the server; its standard output. */
    static String chromium(String action, String pathAndQuery) throws IOException, InterruptedException {
        String url = served.uri(pathAndQuery).toString();
        List<String> command = List.of(browser(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-extensions", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=" + WIDTH + "," + HEIGHT,
                "--virtual-time-budget=20000", action, url);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("Chromium did not finish in 2 minutes");
        }
        assertEquals(0, p.exitValue(), String.join(" ", command));
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String browser() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return fail("a headless browser is needed for this test: apt-get install chromium");
    }
}
