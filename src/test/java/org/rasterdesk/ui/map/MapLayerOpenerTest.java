package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.ParseRuns;
import org.rasterdesk.parse.PendingTileWriter;
import org.rasterdesk.tiling.TileKey;

class MapLayerOpenerTest {

    private final DataSource ds = TestDatabase.shared().dataSource();

    @Test
    void aNewLayerWhoseTilesAreBeingMadeIsShownWithoutTilesUntilItsParseEnds() throws SQLException {
        int layer = new RasterLayerRepository(ds).create(RasterLayer.create("being made")).id();
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse, layer)) {
            writer.add(new TileKey(3, 4, 2), tileWkb(ds, 3, 4, 2));
        }
        MapLayerOpener.Opened opened = MapLayerOpener.open(ds, layer);
        assertTrue(opened.style().tiles().isEmpty(), "its first tiles are not framed nor drawn yet");
        assertTrue(opened.style().extent().isEmpty());
        assertTrue(opened.problem().startsWith("The layer has no tiles"), opened.problem());

        // The run's end as its final transaction makes it (ParseRuns.keepTiles): the run's records go.
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE rasterdesk_parse SET finished = now(), outcome = 'finished' WHERE id = ?")) {
            ps.setLong(1, parse);
            ps.executeUpdate();
        }
        MapLayerOpener.Opened after = MapLayerOpener.open(ds, layer);
        assertTrue(after.style().tiles().isPresent(), "drawn once the parse has ended");
    }

    /** A 256² Byte tile of value 5 at z/x/y, as PostGIS writes it. */
    static byte[] tileWkb(javax.sql.DataSource ds, int z, int x, int y) throws SQLException {
        double span = 2 * Math.PI * 6378137 / (1 << z);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary("
                + "ST_AddBand(ST_MakeEmptyRaster(256, 256, ?, ?, ?, ?, 0, 0, 3857), '8BUI'::text, 5::float8, "
                + "0::float8))")) {
            ps.setDouble(1, x * span - Math.PI * 6378137);
            ps.setDouble(2, Math.PI * 6378137 - y * span);
            ps.setDouble(3, span / 256);
            ps.setDouble(4, -span / 256);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }
}
