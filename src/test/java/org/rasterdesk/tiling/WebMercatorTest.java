package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WebMercatorTest {

    private static final double S = WebMercator.SHIFT;

    @Test
    void worldSizeIsTheEquatorOfWgs84() {
        assertEquals(40075016.6856, WebMercator.WORLD_SIZE, 1e-4);
        assertEquals(WebMercator.WORLD_SIZE / 256, WebMercator.pixelSize(0), 1e-9);
        assertEquals(0.5971642834779395, WebMercator.pixelSize(18), 1e-12);
    }

    @Test
    void tileZeroOfZoomOneIsTheNorthWestQuarter() {
        Extent e = WebMercator.tileBounds(new TileKey(1, 0, 0));
        assertEquals(-S, e.minX(), 1e-6);
        assertEquals(0, e.minY(), 1e-6);
        assertEquals(0, e.maxX(), 1e-6);
        assertEquals(S, e.maxY(), 1e-6);
    }

    @Test
    void pointsFallInTheTilesOfDjangoFormulas() {
        // x = floor((X+S)/span), y = floor((S-Y)/span)
        double span = WebMercator.tileSpan(11);
        double x = 552.5 * span - S;
        double y = S - 858.25 * span;
        assertEquals(552, WebMercator.tileX(11, x));
        assertEquals(858, WebMercator.tileY(11, y));
        assertEquals(0, WebMercator.tileY(3, S));
        assertEquals(7, WebMercator.tileY(3, -S));
    }

    @Test
    void tilesCoveringLeaveOutTilesThatOnlyTouch() {
        Extent tile = WebMercator.tileBounds(new TileKey(5, 10, 12));
        assertEquals(new TileRange(5, 10, 12, 10, 12), WebMercator.tilesCovering(5, tile));
        assertEquals(new TileRange(6, 20, 24, 21, 25), WebMercator.tilesCovering(6, tile));
        Extent world = new Extent(-1e9, -1e9, 1e9, 1e9);
        assertEquals(new TileRange(2, 0, 0, 3, 3), WebMercator.tilesCovering(2, world));
    }

    @Test
    void latitudesPastTheSquareAreClipped() {
        assertEquals(S, WebMercator.latitudeToY(89), 1e-6);
        assertEquals(-S, WebMercator.latitudeToY(-90), 1e-6);
        assertEquals(85.0511287798066, WebMercator.MAX_LATITUDE, 1e-10);
        assertEquals(S, WebMercator.longitudeToX(180), 1e-6);
    }
}
