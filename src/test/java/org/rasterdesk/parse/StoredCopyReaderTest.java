package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;

/**
 * A layer's own top-zoom tiles read back as one EPSG:3857 raster: on the pixel grid of that zoom, every pixel of a
 * window across tile edges the pixel of its stored tile, a missing tile nodata, a layer without tiles no copy.
 */
class StoredCopyReaderTest {

    private final ParsedLayers parsed = new ParsedLayers();
    private final TileRepository tiles = new TileRepository(parsed.dataSource);

    @Test
    void theTopZoomsTilesReadAsOneRasterOnTheirPixelGrid() throws Exception {
        Path file = ParsedLayers.data("real/RGB.byte.tif");
        RasterLayer layer = parsed.create("stored copy", DataType.CONTINUOUS, file);
        assertTrue(parsed.parse(layer, file).finished());
        int z = tiles.countByZoom(layer.id()).lastKey();
        TileRange range = tiles.range(layer.id(), z).orElseThrow();
        assertTrue(range.columns() >= 2 && range.rows() >= 2, "a window can cross tile edges: " + range);

        try (StoredCopyReader reader = StoredCopyReader.open(parsed.dataSource, false, layer.id(), z,
                SourceProjection.mercator()).orElseThrow()) {
            RasterInfo info = reader.info();
            assertEquals(range.columns() * TileData.SIZE, info.width());
            assertEquals(range.rows() * TileData.SIZE, info.height());
            assertEquals(3, info.bandCount());
            var corner = WebMercator.tileBounds(new TileKey(z, range.minX(), range.minY()));
            assertEquals(corner.minX(), info.geoTransform().x(0, 0), 1e-6);
            assertEquals(corner.maxY(), info.geoTransform().y(0, 0), 1e-6);
            assertEquals(WebMercator.pixelSize(z), info.geoTransform().pixelWidth(), 1e-9);

            // A window around the corner of four tiles, read twice (the second time from the reader's cache).
            int x = 200;
            int y = 180;
            int w = 130;
            int h = 150;
            double[][] window = reader.read(x, y, w, h);
            assertArrayEquals(window[2], reader.read(x, y, w, h)[2]);
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    int px = x + col;
                    int py = y + row;
                    TileKey key = new TileKey(z, range.minX() + px / TileData.SIZE, range.minY() + py / TileData.SIZE);
                    Optional<TileData> tile = tiles.read(layer.id(), key);
                    int inTile = (py % TileData.SIZE) * TileData.SIZE + px % TileData.SIZE;
                    for (int b = 0; b < 3; b++) {
                        double expected = tile.isPresent() ? tile.get().bands()[b][inTile] : info.nodata().get(b);
                        assertEquals(expected, window[b][row * w + col], "band " + b + " at " + px + "," + py);
                    }
                }
            }
        }

        // A tile that is not there (empty tiles are dropped) reads as nodata.
        TileKey gone = new TileKey(z, range.minX() + 1, range.minY() + 1);
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM raster_rastertile WHERE rasterlayer_id = " + layer.id() + " AND tilez = " + z
                    + " AND tilex = " + gone.x() + " AND tiley = " + gone.y());
        }
        try (StoredCopyReader reader = StoredCopyReader.open(parsed.dataSource, false, layer.id(), z,
                SourceProjection.mercator()).orElseThrow()) {
            double[][] missing = reader.read(TileData.SIZE, TileData.SIZE, TileData.SIZE, TileData.SIZE);
            for (int b = 0; b < 3; b++) {
                double nodata = reader.info().nodata().get(b);
                for (double v : missing[b]) {
                    assertEquals(nodata, v);
                }
            }
        }
    }

    @Test
    void aLayerWithoutTilesAtTheZoomHasNoCopy() throws Exception {
        RasterLayer layer = parsed.layers.create(RasterLayer.create("no tiles"));
        assertTrue(StoredCopyReader.open(parsed.dataSource, false, layer.id(), 12, SourceProjection.mercator())
                .isEmpty());
    }
}
