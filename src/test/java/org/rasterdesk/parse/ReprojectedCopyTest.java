package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

class ReprojectedCopyTest {

    private final ParsedLayers parsed = new ParsedLayers();
    private final TileRepository tiles = new TileRepository(parsed.dataSource);

    @Test
    void aMaxZoomChangeIsParsedFromTheStoredCopyWithTheSameTiles() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("reprojected", DataType.CATEGORICAL, file);
        assertTrue(parsed.parse(layer, file).finished());
        assertEquals(1, count("SELECT count(*) FROM rasterdesk_reprojected WHERE storage = 'tiles' AND zoom = 11 "
                + "AND rasterlayer_id = " + layer.id()), "the copy is the layer's own tiles at zoom 11");
        assertEquals(0, count("SELECT count(*) FROM rasterdesk_sourcefile WHERE kind = 'reprojected' "
                + "AND rasterlayer_id = " + layer.id()), "no second copy of the pixels is stored");
        assertEquals(1, count("SELECT count(*) FROM raster_rasterlayerreprojected WHERE rasterlayer_id = "
                + layer.id()));
        TileData z11 = tiles.read(layer.id(), new TileKey(11, 552, 858)).orElseThrow();

        // The same max zoom again, without the pyramid: the tiles come from the copy and must not change.
        RasterLayer noPyramid = parsed.layers.update(layer.withBuildPyramid(false)).layer();
        parsed.log.clear();
        ParseResult again = parsed.parse(noPyramid, file);
        assertTrue(again.finished(), again.message());
        assertTrue(parsed.log.stream().anyMatch(l -> l.contains("Using the stored reprojected raster")), "" + parsed.log);
        assertEquals(List.of(11), List.copyOf(tiles.countByZoom(layer.id()).keySet()));
        assertTrue(java.util.Arrays.equals(z11.bands()[0],
                tiles.read(layer.id(), new TileKey(11, 552, 858)).orElseThrow().bands()[0]));

        RasterLayer coarser = parsed.layers.update(noPyramid.withMaxZoom(9).withBuildPyramid(true)).layer();
        ParseResult z9 = parsed.parse(coarser, file);
        assertTrue(z9.finished(), z9.message());
        assertEquals(9, tiles.countByZoom(layer.id()).lastKey());
        LayerMetadataRepository metadata = new LayerMetadataRepository(parsed.dataSource);
        assertEquals(163, metadata.find(layer.id()).orElseThrow().width(), "the source's metadata stays");
        assertEquals(9, metadata.find(layer.id()).orElseThrow().maxZoom());
        assertEquals(9.0, metadata.bands(layer.id()).get(0).max());
        assertEquals(4, count("SELECT count(*) FROM rasterdesk_reprojectedtile WHERE rasterlayer_id = " + layer.id()),
                "the zoom 11 tiles the swap replaced are kept aside as the copy");

        // Back to the raster's own max zoom: made from the tiles kept aside, the same as the first time.
        RasterLayer back = parsed.layers.update(coarser.withMaxZoom(null)).layer();
        parsed.log.clear();
        ParseResult z11again = parsed.parse(back, file);
        assertTrue(z11again.finished(), z11again.message());
        assertTrue(parsed.log.stream().anyMatch(l -> l.contains("Using the stored reprojected raster")), "" + parsed.log);
        assertTrue(java.util.Arrays.equals(z11.bands()[0],
                tiles.read(layer.id(), new TileKey(11, 552, 858)).orElseThrow().bands()[0]));
        assertEquals(15, tiles.countByZoom(layer.id()).values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aNewSridOrNoStoreFlagDoesNotUseTheCopy() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("reprojected srid", DataType.CATEGORICAL, file);
        assertTrue(parsed.parse(layer, file).finished());

        RasterLayer nodata = parsed.layers.update(layer.withNodata("0")).layer();
        parsed.log.clear();
        assertTrue(parsed.parse(nodata, file).finished());
        assertFalse(parsed.log.stream().anyMatch(l -> l.contains("stored reprojected")), "" + parsed.log);

        RasterLayer noCopy = parsed.layers.update(nodata.withStoreReprojected(false)).layer();
        assertTrue(parsed.parse(noCopy, file).finished());
        assertEquals(0, count("SELECT count(*) FROM rasterdesk_reprojected WHERE rasterlayer_id = " + layer.id()));
        assertEquals(0, count("SELECT count(*) FROM rasterdesk_reprojectedtile WHERE rasterlayer_id = "
                + layer.id()));
    }

    private int count(String sql) throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
