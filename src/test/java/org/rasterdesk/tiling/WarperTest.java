package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.sis.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.rasterdesk.raster.ArrayRasterReader;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

class WarperTest {

    /** A raster in EPSG:3857 on the pixel grid of zoom 12, 3×2 tiles wide, starting at tile (2000, 1500). */
    private static ArrayRasterReader alignedRaster(PixelType type, Double nodata) throws Exception {
        int w = 3 * 256;
        int h = 2 * 256;
        Extent nw = WebMercator.tileBounds(new TileKey(12, 2000, 1500));
        double res = WebMercator.pixelSize(12);
        RasterInfo info = new RasterInfo(w, h, 1, type, GeoTransform.northUp(nw.minX(), nw.maxY(), res, res),
                CRS.forCode("EPSG:3857"), 3857, null, java.util.Arrays.asList(nodata), w, 1);
        double[] band = new double[w * h];
        for (int i = 0; i < band.length; i++) {
            band[i] = (i * 7) % 250;
        }
        return new ArrayRasterReader(info, new double[][] {band});
    }

    @Test
    void rasterOnTheTileGridIsCopiedPixelForPixel() throws Exception {
        ArrayRasterReader reader = alignedRaster(PixelType.BYTE, 255.0);
        SourceProjection projection = new SourceProjection(reader.info(), null);
        for (Resampling resampling : Resampling.values()) {
            Warper warper = new Warper(reader, projection, resampling, new double[] {255});
            TileData tile = warper.warpTile(new TileKey(12, 2001, 1501));
            double[] expected = reader.read(256, 256, 256, 256)[0];
            assertArrayEquals(expected, tile.bands()[0], resampling.name());
        }
    }

    /** Tiles made in bands given back from other tiles hold nothing of those tiles. */
    @Test
    void recycledBandsMakeTheSameTiles() throws Exception {
        ArrayRasterReader reader = alignedRaster(PixelType.BYTE, 255.0);
        SourceProjection projection = new SourceProjection(reader.info(), null);
        TileRange range = new TileRange(12, 1999, 1499, 2002, 1501);
        List<TileData> expected = new Warper(reader, projection, Resampling.BILINEAR, new double[] {255}).warp(range);
        RecycledSamples recycled = new RecycledSamples(PixelType.BYTE, 64);
        for (int k = 0; k < expected.size(); k++) {
            double[] other = new double[TileData.SIZE * TileData.SIZE];
            java.util.Arrays.fill(other, 7 + k);
            recycled.give(TileData.packed(new TileKey(12, 0, k), PixelType.BYTE, new double[] {255},
                    new double[][] {other}));
        }
        // A tile that holds the caller's own array is not taken: a change to it would show in the caller's data.
        double[] own = new double[TileData.SIZE * TileData.SIZE];
        recycled.give(new TileData(new TileKey(12, 1, 1), PixelType.BYTE, new double[] {255}, new double[][] {own}));
        Warper warper = new Warper(reader, projection, Resampling.BILINEAR, new double[] {255}).recycling(recycled);
        List<TileData> again = warper.warp(range);
        assertEquals(expected.size(), again.size());
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).key(), again.get(k).key());
            assertArrayEquals(expected.get(k).bands()[0], again.get(k).bands()[0], "tile " + k);
        }
        assertEquals(0, own[0]);
        assertTrue(recycled.take(PixelType.BYTE) == null, "every recycled band was used once");
    }

    @Test
    void tilesOutsideTheRasterAreEmptyAndReadNothing() throws Exception {
        ArrayRasterReader reader = alignedRaster(PixelType.BYTE, null);
        SourceProjection projection = new SourceProjection(reader.info(), null);
        Warper warper = new Warper(reader, projection, Resampling.NEAREST, new double[] {0});
        TileData tile = warper.warpTile(new TileKey(12, 1990, 1500));
        assertTrue(tile.isEmpty());
        assertEquals(0, warper.pixelsRead());
    }

    @Test
    void eachTileRowReadsOnlyTheWindowItNeeds() throws Exception {
        ArrayRasterReader reader = alignedRaster(PixelType.BYTE, 255.0);
        SourceProjection projection = new SourceProjection(reader.info(), null);
        Warper warper = new Warper(reader, projection, Resampling.BILINEAR, new double[] {255});
        List<TileData> tiles = warper.warp(new TileRange(12, 2000, 1500, 2002, 1501));
        assertEquals(6, tiles.size());
        assertEquals(new TileKey(12, 2001, 1500), tiles.get(1).key());
        // Two windows of one tile row each plus the kernel's margin, far from twice the raster.
        long raster = 3L * 256 * 2 * 256;
        assertTrue(warper.pixelsRead() < raster * 1.1, "read " + warper.pixelsRead() + " of " + raster);
    }

    @Test
    void bilinearIgnoresNodataNeighboursAndKeepsNodataCentres() throws Exception {
        int w = 4;
        int h = 4;
        Extent nw = WebMercator.tileBounds(new TileKey(12, 2000, 1500));
        double res = WebMercator.pixelSize(12) * 64;
        RasterInfo info = new RasterInfo(w, h, 1, PixelType.FLOAT32, GeoTransform.northUp(nw.minX(), nw.maxY(), res,
                res), CRS.forCode("EPSG:3857"), 3857, null, List.of(-1.0), w, 1);
        double[] band = {
            10, 10, 20, 20,
            10, -1, 20, 20,
            30, 30, 40, 40,
            30, 30, 40, 40};
        ArrayRasterReader reader = new ArrayRasterReader(info, new double[][] {band});
        Warper warper = new Warper(reader, new SourceProjection(info, null), Resampling.BILINEAR,
                new double[] {-1});
        double[] tile = warper.warpTile(new TileKey(12, 2000, 1500)).bands()[0];
        // Tile pixel (96, 96) maps into the nodata source pixel (1, 1): nodata, whatever its neighbours.
        assertEquals(-1, tile[(64 + 32) * 256 + 64 + 32]);
        // Tile pixel (63, 63) maps to (0.996, 0.996): its neighbours are 10, 10, 10 and the nodata pixel.
        assertEquals(10, tile[63 * 256 + 63], 1e-6);
        // Tile pixel (160, 128) maps to (2.508, 2.008), between rows of 20 and 40: plain interpolation.
        double fy = 128.5 / 64 - 1.5;
        assertEquals(20 + 20 * fy, tile[128 * 256 + 160], 1e-6);
    }
}
