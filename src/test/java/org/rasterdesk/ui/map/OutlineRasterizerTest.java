package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;

/** The outline tiles, without a window: lines where coasts are, nothing over open sea. */
class OutlineRasterizerTest {

    private static OutlineRasterizer rasterizer;

    @BeforeAll
    static void read() {
        rasterizer = OutlineRasterizer.naturalEarth();
    }

    @Test
    void aKnownCoastlinePointIsOnTheCoastLine() {
        // Cabo da Roca (38.7806 N, 9.5005 W) at zoom 7, 950 m a pixel there: 1:50m lines are good to a few km.
        int z = 7;
        double x = WebMercator.longitudeToX(-9.5005);
        double y = WebMercator.latitudeToY(38.7806);
        TileKey key = new TileKey(z, WebMercator.tileX(z, x), WebMercator.tileY(z, y));
        int[] tile = rasterizer.draw(key);
        assertNotNull(tile);
        int col = (int) ((x + WebMercator.SHIFT) / WebMercator.pixelSize(z)) - key.x() * 256;
        int row = (int) ((WebMercator.SHIFT - y) / WebMercator.pixelSize(z)) - key.y() * 256;
        int strongest = 0;
        for (int dy = -3; dy <= 3; dy++) {
            for (int dx = -3; dx <= 3; dx++) {
                int c = col + dx;
                int r = row + dy;
                if (c >= 0 && r >= 0 && c < 256 && r < 256) {
                    strongest = Math.max(strongest, tile[r * 256 + c] >>> 24);
                }
            }
        }
        assertTrue(strongest > 200, "a line within 3 pixels (3 km) of the cape: alpha " + strongest);
        // Twenty pixels (19 km) west is open sea.
        for (int dy = -3; dy <= 3; dy++) {
            int c = col - 20;
            if (c >= 0 && row + dy >= 0 && row + dy < 256) {
                assertTrue((tile[(row + dy) * 256 + c] >>> 24) == 0, "sea west of the cape");
            }
        }
    }

    @Test
    void tilesOfOpenSeaHaveNoImage() {
        // The middle of the South Atlantic at zoom 6.
        int z = 6;
        TileKey key = new TileKey(z, WebMercator.tileX(z, WebMercator.longitudeToX(-20)),
                WebMercator.tileY(z, WebMercator.latitudeToY(-30)));
        assertNull(rasterizer.draw(key));
    }

    @Test
    void everyLevelDraws() {
        for (int z = 0; z <= 24; z += 3) {
            double x = WebMercator.longitudeToX(-9.5005);
            double y = WebMercator.latitudeToY(38.7806);
            // Nothing thrown at any depth; the deepest tiles are tens of centimetres wide.
            rasterizer.draw(new TileKey(z, WebMercator.tileX(z, x), WebMercator.tileY(z, y)));
        }
        assertNotNull(rasterizer.draw(new TileKey(0, 0, 0)), "the whole world has coasts");
    }
}
