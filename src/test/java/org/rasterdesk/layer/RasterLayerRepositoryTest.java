package org.rasterdesk.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

class RasterLayerRepositoryTest {

    static DataSource db;
    static RasterLayerRepository layers;
    static LayerMetadataRepository metadata;
    static ParseStatusRepository status;
    static TileRepository tiles;

    @BeforeAll
    static void database() {
        db = TestDatabase.shared().dataSource();
        layers = new RasterLayerRepository(db);
        metadata = new LayerMetadataRepository(db);
        status = new ParseStatusRepository(db);
        tiles = new TileRepository(db);
    }

    static TileData tile(TileKey key, double value) {
        double[] s = new double[TileData.SIZE * TileData.SIZE];
        java.util.Arrays.fill(s, value);
        return new TileData(key, PixelType.BYTE, new double[] {0}, new double[][] {s});
    }

    static long rows(String table, int layerId) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void everyColumnRoundTrips() {
        RasterLayer layer = RasterLayer.create("Elevation").withDescription("SRTM tile\nsecond line")
                .withDatatype(DataType.RANK_ORDERED).withRasterfile("rasters/dem.tif")
                .withSourceUrl("s3://bucket/dem.tif").withNodata("-9999").withSrid(32633).withMaxZoom(14)
                .withBuildPyramid(false).withNextHigher(false).withStoreReprojected(false);
        RasterLayer stored = layers.create(layer);
        assertNotNull(stored.id());
        assertNotNull(stored.modified());
        assertEquals(layer.withId(stored.id()).withModified(stored.modified()), stored);
        assertEquals(Optional.of(stored), layers.find(stored.id()));
        assertTrue(layers.findAll().contains(stored));

        RasterLayer bare = layers.create(new RasterLayer(null, null, null, DataType.MASK, null, null, null, null,
                null, true, true, true, null, null));
        assertEquals(Optional.of(bare), layers.find(bare.id()));
        assertEquals("", bare.sourceUrl());
    }

    @Test
    void createMakesMetadataAndParseStatusAsDjangoDoes() {
        RasterLayer stored = layers.create(RasterLayer.create("new"));
        assertEquals(Optional.of(LayerMetadata.empty(stored.id())), metadata.find(stored.id()));
        assertEquals(Optional.of(LayerParseStatus.unparsed(stored.id())), status.find(stored.id()));
    }

    @Test
    void summariesCountTilesAndShowStatus() {
        RasterLayer a = layers.create(RasterLayer.create("a").withDatatype(DataType.CATEGORICAL));
        RasterLayer b = layers.create(RasterLayer.create("b"));
        tiles.insert(a.id(), tile(new TileKey(1, 0, 0), 1));
        tiles.insert(a.id(), tile(new TileKey(1, 1, 0), 1));
        tiles.insert(a.id(), tile(new TileKey(0, 0, 0), 1));
        status.setStatus(a.id(), ParseStatus.FINISHED);
        List<LayerSummary> list = layers.listSummaries();
        LayerSummary sa = list.stream().filter(s -> s.id() == a.id()).findFirst().orElseThrow();
        LayerSummary sb = list.stream().filter(s -> s.id() == b.id()).findFirst().orElseThrow();
        assertEquals(new LayerSummary(a.id(), "a", DataType.CATEGORICAL, ParseStatus.FINISHED, 3, a.modified()), sa);
        assertEquals(new LayerSummary(b.id(), "b", DataType.CONTINUOUS, ParseStatus.UNPARSED, 0, b.modified()), sb);
    }

    @Test
    void changingTileInputsResetsTheParseButNotOtherChanges() {
        RasterLayer stored = layers.create(RasterLayer.create("dem").withRasterfile("rasters/dem.tif"));
        status.log(stored.id(), "Started parsing raster.", ParseStatus.FINISHED, 7);
        layers.setReprojectedFile(stored.id(), "rasters/reprojected/dem.tif.zip");

        RasterLayerRepository.Update renamed = layers.update(stored.withName("DEM").withDatatype(DataType.MASK)
                .withStoreReprojected(false));
        assertFalse(renamed.parseReset());
        assertEquals("DEM", renamed.layer().name());
        assertEquals(DataType.MASK, layers.find(stored.id()).orElseThrow().datatype());
        assertFalse(renamed.layer().modified().isBefore(stored.modified()));
        assertEquals(ParseStatus.FINISHED, status.status(stored.id()));
        assertEquals(Optional.of("rasters/reprojected/dem.tif.zip"), layers.reprojectedFile(stored.id()));

        RasterLayerRepository.Update renodata = layers.update(renamed.layer().withNodata("0"));
        assertTrue(renodata.parseReset());
        assertEquals(Optional.of(LayerParseStatus.unparsed(stored.id())), status.find(stored.id()));
        assertEquals(Optional.empty(), layers.reprojectedFile(stored.id()));
        assertEquals("0", layers.find(stored.id()).orElseThrow().nodata());

        assertThrows(IllegalArgumentException.class, () -> layers.update(stored.withId(Integer.MAX_VALUE)));
    }

    @Test
    void deleteRemovesTheLayerAndAllItsRowsOnly() throws SQLException {
        RasterLayer doomed = layers.create(RasterLayer.create("doomed"));
        RasterLayer kept = layers.create(RasterLayer.create("kept"));
        for (RasterLayer layer : List.of(doomed, kept)) {
            int id = layer.id();
            tiles.insert(id, tile(new TileKey(2, 1, 1), 3));
            tiles.insert(id, tile(new TileKey(2, 1, 2), 4));
            metadata.replaceBands(id, List.of(BandMetadata.of(id, 0, 0.0, 1, 4, 2.5, 1.0),
                    BandMetadata.of(id, 1, null, 0, 9, null, null)));
            status.log(id, "Started parsing raster.");
            layers.setReprojectedFile(id, "rasters/reprojected/x.zip");
        }
        List<String> tables = List.of("raster_rastertile", "raster_rasterlayerbandmetadata",
                "raster_rasterlayermetadata", "raster_rasterlayerparsestatus", "raster_rasterlayerreprojected");
        assertEquals(List.of(2L, 2L, 1L, 1L, 1L), counts(tables, doomed.id()));

        assertTrue(layers.delete(doomed.id()));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L), counts(tables, doomed.id()));
        assertEquals(Optional.empty(), layers.find(doomed.id()));
        assertEquals(List.of(2L, 2L, 1L, 1L, 1L), counts(tables, kept.id()));
        assertFalse(layers.delete(doomed.id()));
    }

    private static List<Long> counts(List<String> tables, int layerId) throws SQLException {
        List<Long> counts = new java.util.ArrayList<>();
        for (String table : tables) {
            counts.add(rows(table, layerId));
        }
        return counts;
    }
}
