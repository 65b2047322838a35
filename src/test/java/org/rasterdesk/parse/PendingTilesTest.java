package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.tiling.TileKey;

class PendingTilesTest {

    private final DataSource ds = TestDatabase.shared().dataSource();

    @Test
    void newTilesReplaceTheOldOnlyAtTheSwap() throws SQLException {
        int layer = newLayer();
        attachTiles(layer, 3);
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse)) {
            for (int x = 0; x < 5; x++) {
                writer.add(new TileKey(3, x, 2), wkbOfValue(3, x, 2, 7));
            }
        }
        assertEquals(3, tiles(layer), "the previous tiles stay while the parse writes");
        try (Connection tx = ds.getConnection()) {
            tx.setAutoCommit(false);
            assertEquals(5, runs.swapTiles(tx, layer, parse));
            tx.commit();
        }
        assertEquals(5, tiles(layer));
        assertEquals(7, queryInt("SELECT ST_Value(rast, 1, 1) FROM raster_rastertile WHERE rasterlayer_id = " + layer
                + " AND tilex = 4"));
        assertEquals(0, queryInt("SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = " + parse));
    }

    @Test
    void aDiscardedParseLeavesThePreviousTilesAndNoOrphans() throws SQLException {
        int layer = newLayer();
        attachTiles(layer, 2);
        int orphansBefore = queryInt("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL");
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse)) {
            for (int i = 0; i < 300; i++) {
                writer.add(new TileKey(9, i, 1), wkbOfValue(9, i, 1, 1));
            }
        }
        runs.discard(parse, "cancelled");
        assertEquals(2, tiles(layer));
        assertEquals(orphansBefore, queryInt("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL"));
        assertEquals(1, queryInt("SELECT count(*) FROM rasterdesk_parse WHERE outcome = 'cancelled' AND id = " + parse));
    }

    @Test
    void tilesWrittenWhileOrAfterTheRunIsDiscardedAreNotLeftBehind() throws Exception {
        int layer = newLayer();
        int orphansBefore = queryInt("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL");
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse)) {
            // A batch under way when the discard comes (its transaction open, holding the run's row): the discard
            // must wait for it and delete its tiles too.
            c.setAutoCommit(false);
            for (int i = 0; i < 40; i++) {
                writer.add(new TileKey(9, i, 1), wkbOfValue(9, i, 1, 1));
            }
            writer.flush();
            Thread discard = new Thread(() -> {
                try {
                    runs.discard(parse, "cancelled");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            discard.start();
            discard.join(500);
            assertEquals(true, discard.isAlive(), "the discard waits for the batch under way");
            c.commit();
            // However long a busy machine takes: a discard still running would race the writes below.
            discard.join(120_000);
            assertFalse(discard.isAlive(), "the discard ended once the batch was committed");
            c.setAutoCommit(true);
            // A worker that had not yet heard of the cancel goes on writing its block.
            for (int i = 40; i < 100; i++) {
                writer.add(new TileKey(9, i, 1), wkbOfValue(9, i, 1, 1));
            }
        }
        assertEquals(0, queryInt("SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = " + parse));
        assertEquals(orphansBefore, queryInt("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL"),
                "no tile of the discarded run is left");
    }

    @Test
    void aLayerWithoutTilesHasTheRunsTilesAsTheyComeAndKeepsThemAtTheEnd() throws SQLException {
        int layer = newLayer();
        ParseRuns runs = new ParseRuns(ds);
        assertTrue(runs.hasNoTiles(layer));
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse, layer)) {
            for (int x = 0; x < 5; x++) {
                writer.add(new TileKey(3, x, 2), wkbOfValue(3, x, 2, 7));
            }
        }
        assertEquals(5, tiles(layer), "the layer's as soon as they are written");
        assertFalse(runs.hasNoTiles(layer));
        assertTrue(runs.tilesBeingMade(layer));
        assertEquals(5, queryInt("SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = " + parse),
                "still recorded as the run's");
        // A tile the layer got by other means meanwhile: the layer ends with exactly the run's, as after a swap.
        execute("INSERT INTO raster_rastertile (rast, tilex, tiley, tilez, rasterlayer_id) SELECT rast, 9, 9, 3, "
                + "rasterlayer_id FROM raster_rastertile WHERE rasterlayer_id = " + layer + " LIMIT 1");
        assertEquals(6, tiles(layer));
        try (Connection tx = ds.getConnection()) {
            tx.setAutoCommit(false);
            assertEquals(5, runs.keepTiles(tx, layer, parse));
            tx.commit();
        }
        assertEquals(5, tiles(layer));
        assertFalse(runs.tilesBeingMade(layer));
        assertEquals(7, queryInt("SELECT ST_Value(rast, 1, 1) FROM raster_rastertile WHERE rasterlayer_id = " + layer
                + " AND tilex = 4"));
        assertEquals(0, queryInt("SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = " + parse));
        assertEquals(5, queryInt("SELECT tiles FROM rasterdesk_parse WHERE outcome = 'finished' AND id = " + parse));
        assertEquals(queryInt("SELECT sum(pg_column_size(rast)) FROM raster_rastertile WHERE rasterlayer_id = "
                + layer), queryInt("SELECT bytes FROM rasterdesk_parse WHERE id = " + parse));
    }

    @Test
    void aReparseWritesItsTilesApartAndIsNotTakenForTilesBeingMade() throws SQLException {
        int layer = newLayer();
        attachTiles(layer, 2);
        ParseRuns runs = new ParseRuns(ds);
        assertFalse(runs.hasNoTiles(layer));
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse)) {
            writer.add(new TileKey(3, 0, 2), wkbOfValue(3, 0, 2, 7));
        }
        assertFalse(runs.tilesBeingMade(layer), "the layer shows its previous tiles meanwhile");
        runs.discard(parse, "cancelled");
        assertEquals(2, tiles(layer));
    }

    @Test
    void aDiscardedRunOfALayerWithoutTilesLeavesItWithoutTiles() throws SQLException {
        int layer = newLayer();
        int orphansBefore = queryInt("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL");
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse, layer)) {
            for (int i = 0; i < 40; i++) {
                writer.add(new TileKey(9, i, 1), wkbOfValue(9, i, 1, 1));
            }
        }
        // A save that reset the layer's parse meanwhile kept a state for the tiles it saw.
        execute("INSERT INTO rasterdesk_parsedstate (rasterlayer_id, status, log, tile_levels, source_url, "
                + "build_pyramid, next_higher) VALUES (" + layer + ", 3, '', '{}', '', true, true)");
        runs.discard(parse, "failed");
        assertEquals(0, tiles(layer));
        assertEquals(orphansBefore, queryInt("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL"));
        assertEquals(0, queryInt("SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = " + parse));
        assertEquals(0, queryInt("SELECT count(*) FROM rasterdesk_parsedstate WHERE rasterlayer_id = " + layer),
                "no state is kept for tiles that are gone");
        assertFalse(runs.tilesBeingMade(layer));
    }

    @Test
    void anInterruptedRunOfALayerWithoutTilesLeavesItWithoutTiles() throws SQLException {
        int layer = newLayer();
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse, layer)) {
            writer.add(new TileKey(2, 1, 1), wkbOfValue(2, 1, 1, 3));
            writer.add(new TileKey(2, 2, 1), wkbOfValue(2, 2, 1, 3));
        }
        execute("UPDATE rasterdesk_parse SET pid = " + endedProcess() + " WHERE id = " + parse);
        assertTrue(runs.recoverInterrupted().contains(layer));
        assertEquals(0, tiles(layer));
        assertEquals(0, queryInt("SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = " + parse));
    }

    @Test
    void onlyOneParseOfALayerHoldsTheLock() throws SQLException {
        int layer = newLayer();
        try (LayerLock first = LayerLock.tryAcquire(ds, layer)) {
            assertNotNull(first);
            assertNull(LayerLock.tryAcquire(ds, layer));
            assertEquals(true, LayerLock.isHeld(layer, ds));
        }
        try (LayerLock again = LayerLock.tryAcquire(ds, layer)) {
            assertNotNull(again);
        }
    }

    @Test
    void aRunWhoseProcessDiedIsFoundAndCleanedUp() throws SQLException {
        int layer = newLayer();
        attachTiles(layer, 1);
        ParseRuns runs = new ParseRuns(ds);
        long parse = runs.begin(layer);
        try (Connection c = ds.getConnection(); PendingTileWriter writer = new PendingTileWriter(c, parse)) {
            writer.add(new TileKey(2, 1, 1), wkbOfValue(2, 1, 1, 3));
        }
        // The run began in this JVM, which still runs: it is handed to a process of this machine that has ended.
        execute("UPDATE rasterdesk_parse SET pid = " + endedProcess() + " WHERE id = " + parse);
        List<Integer> interrupted = runs.recoverInterrupted();
        assertEquals(true, interrupted.contains(layer));
        assertEquals(1, tiles(layer));
        assertEquals(0, queryInt("SELECT count(*) FROM rasterdesk_pendingtile WHERE parse_id = " + parse));
    }

    private static long endedProcess() {
        try {
            Process process = new ProcessBuilder("true").start();
            process.waitFor();
            return process.pid();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int newLayer() throws SQLException {
        return queryInt("INSERT INTO raster_rasterlayer (name, datatype, source_url, build_pyramid, next_higher,"
                + " store_reprojected, modified) VALUES ('t', 'co', '', true, true, true, now()) RETURNING id");
    }

    private void attachTiles(int layer, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            execute("INSERT INTO raster_rastertile (rast, tilex, tiley, tilez, rasterlayer_id) VALUES ("
                    + "ST_AddBand(ST_MakeEmptyRaster(256, 256, 0, 0, 1, -1, 0, 0, 3857), '8BUI'::text, 1::float8, 0::float8), "
                    + i + ", 0, 1, " + layer + ")");
        }
    }

    /** PostGIS's own WKB of a tile of one value, made on a connection of its own (the writer's is busy copying). */
    private byte[] wkbOfValue(int z, int x, int y, int value) throws SQLException {
        double span = 2 * Math.PI * 6378137 / (1 << z);
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(ST_AddBand(ST_MakeEmptyRaster(256, 256, "
                + "?, ?, ?, ?, 0, 0, 3857), '8BUI'::text, ?::float8, 0::float8))")) {
            ps.setDouble(1, x * span - Math.PI * 6378137);
            ps.setDouble(2, Math.PI * 6378137 - y * span);
            ps.setDouble(3, span / 256);
            ps.setDouble(4, -span / 256);
            ps.setInt(5, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private int tiles(int layer) throws SQLException {
        return queryInt("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id = " + layer);
    }

    private int queryInt(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
