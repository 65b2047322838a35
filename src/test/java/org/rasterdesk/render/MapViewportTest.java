package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;

class MapViewportTest {

    @Test
    void theWorldAtLevelZeroIsOneTileCentredInTheView() {
        MapViewport v = MapViewport.world(800, 600);
        assertEquals(272, v.tileLeft(0));
        assertEquals(172, v.tileTop(0));
        assertEquals(new TileRange(0, 0, 0, 0, 0), v.visibleTiles().orElseThrow());
        assertEquals(400, v.screenX(0), 1e-9);
        assertEquals(300, v.screenY(0), 1e-9);
    }

    @Test
    void screenAndMercatorAreInverse() {
        MapViewport v = new MapViewport(-1_017_622.1, 4_679_512.9, 13, 1000, 700);
        for (double sx : new double[] {0, 17.25, 500, 999}) {
            assertEquals(sx, v.screenX(v.mercatorX(sx)), 1e-6);
        }
        for (double sy : new double[] {0, 3.5, 350, 699}) {
            assertEquals(sy, v.screenY(v.mercatorY(sy)), 1e-6);
        }
        assertTrue(v.mercatorY(0) > v.mercatorY(699), "screen y grows southwards");
    }

    @Test
    void zoomingAroundAPointKeepsTheGroundUnderIt() {
        MapViewport v = new MapViewport(1_000_000, 6_000_000, 9, 900, 600);
        double mx = v.mercatorX(123);
        double my = v.mercatorY(456);
        MapViewport in = v.zoomedAround(123, 456, 10);
        assertEquals(10, in.zoom());
        assertEquals(mx, in.mercatorX(123), 1e-6);
        assertEquals(my, in.mercatorY(456), 1e-6);
        MapViewport out = in.zoomedAround(123, 456, 9);
        assertEquals(v.centerX(), out.centerX(), 1e-6);
        assertEquals(v.centerY(), out.centerY(), 1e-6);
        assertEquals(MapViewport.MAX_ZOOM, v.zoomedAround(0, 0, 99).zoom(), "clamped");
        assertEquals(0, v.zoomedAround(0, 0, -3).zoom(), "clamped");
    }

    @Test
    void panningMovesTheGroundWithThePointer() {
        MapViewport v = new MapViewport(0, 0, 5, 600, 400);
        double mx = v.mercatorX(100);
        double my = v.mercatorY(100);
        MapViewport p = v.pannedBy(30, -20);
        assertEquals(mx, p.mercatorX(130), 1e-6);
        assertEquals(my, p.mercatorY(80), 1e-6);
    }

    @Test
    void neighbouringTilesMeetWithoutSeamsWhereverTheCentreIs() {
        for (double offset : new double[] {0, 0.5, 0.4999999, 0.25, 0.75, 123.5}) {
            for (int z : new int[] {3, 11, 17, 24}) {
                double res = WebMercator.pixelSize(z);
                MapViewport v = new MapViewport(offset * res + 1000.5 * res, -offset * res, z, 801, 601);
                int x = WebMercator.tileX(z, v.centerX());
                int y = WebMercator.tileY(z, v.centerY());
                assertEquals(256, v.tileLeft(x + 1) - v.tileLeft(x), 0);
                assertEquals(256, v.tileTop(y + 1) - v.tileTop(y), 0);
                assertEquals(Math.rint(v.tileLeft(x)), v.tileLeft(x), 0, "whole pixels");
                // The snapped edge is within half a pixel of the exact one.
                double exact = v.screenX(WebMercator.tileBounds(new TileKey(z, x, y)).minX());
                assertTrue(Math.abs(exact - v.tileLeft(x)) <= 0.5 + 1e-6, exact + " vs " + v.tileLeft(x));
            }
        }
    }

    @Test
    void fittingShowsTheWholeExtentAtTheDeepestLevelThatHoldsIt() {
        Extent tile = WebMercator.tileBounds(new TileKey(11, 552, 858));
        MapViewport v = MapViewport.world(800, 600).fitting(tile);
        assertEquals(12, v.zoom(), "the tile is 512×512 pixels at level 12 and fits 800×600; 13 would not");
        Extent shown = v.extent();
        assertTrue(shown.minX() <= tile.minX() && shown.maxX() >= tile.maxX() && shown.minY() <= tile.minY()
                && shown.maxY() >= tile.maxY(), "the whole tile is in view");
        assertEquals(new TileRange(12, 1103, 1715, 1106, 1718), v.visibleTiles().orElseThrow());
        MapViewport small = MapViewport.world(200, 200).fitting(tile);
        assertEquals(10, small.zoom());
    }

    @Test
    void panningPastTheWorldsEdgeStopsWithTheEdgeAtTheCentre() {
        MapViewport v = new MapViewport(WebMercator.SHIFT, 0, 10, 100, 100).pannedBy(-10_000, 0);
        assertEquals(WebMercator.SHIFT, v.centerX());
        assertTrue(v.extent().maxX() > WebMercator.SHIFT, "the right half of the view lies beyond the world");
        TileRange shown = v.visibleTiles().orElseThrow();
        assertEquals(1023, shown.minX(), "only the easternmost column of zoom 10 shows");
        assertEquals(1023, shown.maxX());
    }

    @Test
    void aViewWithoutSizeShowsNoTiles() {
        assertTrue(MapViewport.world(0, 0).visibleTiles().isEmpty());
        assertTrue(new MapViewport(0, 0, 3, 0, 100).visibleTiles().isEmpty());
        assertTrue(new MapViewport(0, 0, 3, 100, 100).visibleTiles().isPresent());
    }

    @Test
    void longitudeAndLatitudeOfMercatorCoordinates() {
        assertEquals(-9.14, MapViewport.longitude(WebMercator.longitudeToX(-9.14)), 1e-9);
        assertEquals(38.71, MapViewport.latitude(WebMercator.latitudeToY(38.71)), 1e-9);
        assertEquals(WebMercator.MAX_LATITUDE, MapViewport.latitude(WebMercator.SHIFT), 1e-9);
    }
}
