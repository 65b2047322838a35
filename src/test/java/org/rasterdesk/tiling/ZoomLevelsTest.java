package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.sis.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.raster.ArrayRasterReader;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

class ZoomLevelsTest {

    @TempDir
    Path work;

    @Test
    void djangoRasterTestFixtureGivesZoom11AndDjangosFourTiles() throws Exception {
        ArrayRasterReader reader = GdalRaster.load(GdalRaster.data("real/django_raster_test.tif"), work);
        SourceProjection projection = new SourceProjection(reader.info(), null);
        ZoomChoice choice = new ZoomLevels().maxZoom(projection, null, true);
        assertEquals(11, choice.zoom(), choice.explanation());
        assertTrue(choice.explanation().contains("max zoom 11"), choice.explanation());
        TileRange range = WebMercator.tilesCovering(11, SourceFootprint.of(projection));
        Set<String> nonEmpty = new TreeSet<>();
        double[] nodata = TileNodata.forRaster(reader.info());
        for (TileData tile : new Warper(reader, projection, Resampling.NEAREST, nodata).warp(range)) {
            if (!tile.isEmpty()) {
                nonEmpty.add(tile.key().toString());
            }
        }
        assertEquals(Set.of("11/552/858", "11/552/859", "11/553/858", "11/553/859"), nonEmpty);
        // django-raster's pyramid: one tile each at z2..z10.
        assertEquals(new TileRange(10, 276, 429, 276, 429), WebMercator.tilesCovering(10,
                SourceFootprint.of(projection)));
        assertEquals(10, new ZoomLevels().maxZoom(projection, null, false).zoom());
        assertEquals(14, new ZoomLevels().maxZoom(projection, 14, true).zoom());
    }

    @Test
    void djangoFixturePyramidKeepsTheSmallRasterAtEveryZoom() throws Exception {
        ArrayRasterReader reader = GdalRaster.load(GdalRaster.data("real/django_raster_test.tif"), work);
        SourceProjection projection = new SourceProjection(reader.info(), null);
        TileRange range = WebMercator.tilesCovering(11, SourceFootprint.of(projection));
        double[] nodata = TileNodata.forRaster(reader.info());
        List<TileData> out = new java.util.ArrayList<>();
        PyramidBuilder builder = new PyramidBuilder(11, 0, Reduction.MODE, reader.info().pixelType(), nodata,
                out::add);
        new Warper(reader, projection, Resampling.NEAREST, nodata).warp(range, builder::accept);
        builder.finish();
        assertEquals(4, builder.emittedCount(11));
        // django-raster (nearest warp per zoom) loses it at z0 and z1; a 2x2 mode keeps every valid block.
        for (int z = 0; z <= 10; z++) {
            assertEquals(1, builder.emittedCount(z), "tiles at z" + z);
        }
        assertEquals(new TileKey(10, 276, 429), out.stream().filter(t -> t.key().z() == 10).findFirst()
                .orElseThrow().key());
        // Categories 0..9 stay categories.
        for (TileData tile : out) {
            for (double v : tile.bands()[0]) {
                assertTrue(v == 255 || (v >= 0 && v <= 9 && v == Math.rint(v)), "value " + v + " in " + tile.key());
            }
        }
    }

    @Test
    void footprintPastWebMercatorLatitudesIsClippedToTheSquare() throws Exception {
        RasterInfo info = GdalRaster.info(GdalRaster.data("real/openlandmap_cropland_10km_2016.tif"));
        Extent footprint = SourceFootprint.of(new SourceProjection(info, null));
        assertEquals(WebMercator.SHIFT, footprint.maxY(), 1e-6);
        assertEquals(-WebMercator.SHIFT, footprint.minX(), 1);
        assertEquals(WebMercator.SHIFT, footprint.maxX(), 1);
        double south = info.geoTransform().y(0, info.height());
        assertEquals(WebMercator.latitudeToY(south), footprint.minY(), 1e-3);
    }

    @Test
    void pixelSizesJustBelowAZoomsSizeGiveTheNextZoom() {
        ZoomLevels levels = new ZoomLevels();
        assertEquals(12, levels.forPixelSize(WebMercator.pixelSize(12), true).zoom());
        assertEquals(13, levels.forPixelSize(WebMercator.pixelSize(12) * 0.99, true).zoom());
        assertEquals(12, levels.forPixelSize(WebMercator.pixelSize(12) * 0.99, false).zoom());
        assertEquals(1, levels.forPixelSize(1e9, true).zoom());
        assertEquals(18, levels.forPixelSize(0.01, true).zoom());
        assertEquals(22, new ZoomLevels(22).forPixelSize(0.03, true).zoom());
    }

    @Test
    void rotatedGridsCountTheirTruePixelSize() throws Exception {
        double angle = Math.toRadians(30);
        double size = 10;
        GeoTransform rotated = new GeoTransform(500000, size * Math.cos(angle), size * Math.sin(angle),
                4500000, size * Math.sin(angle), -size * Math.cos(angle));
        RasterInfo info = new RasterInfo(1000, 1000, 1, PixelType.BYTE, rotated, CRS.forCode("EPSG:32631"), 32631,
                null, List.of(0.0), 1000, 1);
        double measured = ZoomLevels.sourcePixelSize(new SourceProjection(info, null));
        // 10 m in UTM 31N near 40°N is about 10 / cos(40°) in EPSG:3857 metres.
        assertEquals(10 / Math.cos(Math.toRadians(40.6)), measured, 0.2);
    }

    @Test
    void polarRasterCentredOnThePoleGetsASensibleZoom() throws Exception {
        ArrayRasterReader reader = GdalRaster.load(PolarRaster.make(work), work);
        SourceProjection projection = new SourceProjection(reader.info(), null);
        ZoomChoice choice = new ZoomLevels().maxZoom(projection, null, true);
        assertTrue(choice.zoom() >= 2 && choice.zoom() <= 5, choice.explanation());
        Extent footprint = SourceFootprint.of(projection);
        assertEquals(-WebMercator.SHIFT, footprint.minX(), 1e-6);
        assertEquals(WebMercator.SHIFT, footprint.maxX(), 1e-6);
        assertEquals(WebMercator.SHIFT, footprint.maxY(), 1e-6);
        assertTrue(footprint.minY() > WebMercator.latitudeToY(40), "footprint reaches " + footprint.minY());
    }
}
