package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.wkb.RasterWkb;

/**
 * The writer of a parse's tiles on the real PostGIS: every tile queued is stored once, in the order queued, with its
 * bytes; tiles taken along in a batch that a database restart cut off are sent again, none twice.
 */
class TileWriteQueueTest {

    private final DataSource dataSource = TestDatabase.shared().dataSource();
    private final List<Long> parses = new ArrayList<>();

    /** The tiles written stay pending under their parse: dropped again, so that other tests count none of them. */
    @AfterEach
    void discardParses() throws Exception {
        for (long parseId : parses) {
            new ParseRuns(dataSource).discard(parseId, "test");
        }
    }

    @Test
    void everyTileIsStoredOnceInTheOrderQueuedWithItsBytes() throws Exception {
        long parseId = newParse("write queue");
        List<TileWriteQueue.EncodedTile> tiles = tiles(0, 100);
        try (TileWriteQueue writer = new TileWriteQueue(dataSource, parseId, retry())) {
            for (TileWriteQueue.EncodedTile tile : tiles) {
                writer.put(tile);
            }
            writer.finish();
            assertEquals(100, writer.written());
        }
        List<Stored> stored = stored(parseId);
        assertEquals(tiles.size(), stored.size(), "one row per tile");
        for (int i = 0; i < tiles.size(); i++) {
            assertEquals(tiles.get(i).key(), stored.get(i).key(), "row " + i + " in the order queued");
            assertArrayEquals(tiles.get(i).wkb(), stored.get(i).wkb(), "the bytes of " + tiles.get(i).key());
        }
    }

    @Test
    @Tag("slow")
    void aBatchCutOffByADatabaseRestartIsSentAgainAndNoTileTwice() throws Exception {
        long parseId = newParse("write queue restart");
        // 40 tiles: one batch of 32 is sent, 8 wait in the next batch when the database goes away.
        List<TileWriteQueue.EncodedTile> before = tiles(0, 40);
        List<TileWriteQueue.EncodedTile> after = tiles(40, 40);
        try (TileWriteQueue writer = new TileWriteQueue(dataSource, parseId, retry())) {
            for (TileWriteQueue.EncodedTile tile : before) {
                writer.put(tile);
            }
            TestDatabase.cluster().restart();
            for (TileWriteQueue.EncodedTile tile : after) {
                writer.put(tile);
            }
            writer.finish();
        }
        List<TileWriteQueue.EncodedTile> all = new ArrayList<>(before);
        all.addAll(after);
        List<Stored> stored = stored(parseId);
        assertEquals(all.stream().map(TileWriteQueue.EncodedTile::key).toList(),
                stored.stream().map(Stored::key).toList(), "every tile once, in order");
        for (int i = 0; i < all.size(); i++) {
            assertArrayEquals(all.get(i).wkb(), stored.get(i).wkb(), "the bytes of " + all.get(i).key());
        }
    }

    private long newParse(String name) throws Exception {
        RasterLayer layer = new RasterLayerRepository(dataSource).create(RasterLayer.create(name));
        long parseId = new ParseRuns(dataSource).begin(layer.id());
        parses.add(parseId);
        return parseId;
    }

    private DatabaseRetry retry() {
        return new DatabaseRetry(dataSource, Duration.ofMinutes(2), new DatabaseRetry.Listener() {
            @Override
            public void unavailable(String reason, Duration patience) {
            }

            @Override
            public void back(Duration after) {
            }
        });
    }

    /** Tiles of a row at zoom 12, each with values of its own. */
    private static List<TileWriteQueue.EncodedTile> tiles(int first, int count) {
        List<TileWriteQueue.EncodedTile> tiles = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            double[] band = new double[TileData.SIZE * TileData.SIZE];
            for (int p = 0; p < band.length; p++) {
                band[p] = (p * 31 + i * 7) % 251;
            }
            TileData tile = new TileData(new TileKey(12, 1000 + i, 1500), PixelType.BYTE, new double[] {255},
                    new double[][] {band});
            tiles.add(new TileWriteQueue.EncodedTile(tile.key(), RasterWkb.encode(tile)));
        }
        return tiles;
    }

    private record Stored(TileKey key, byte[] wkb) {
    }

    private List<Stored> stored(long parseId) throws Exception {
        List<Stored> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT t.tilez, t.tilex, t.tiley, ST_AsBinary(t.rast) "
                     + "FROM rasterdesk_pendingtile p JOIN raster_rastertile t ON t.rid = p.rid "
                     + "WHERE p.parse_id = ? ORDER BY t.rid")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Stored(new TileKey(rs.getInt(1), rs.getInt(2), rs.getInt(3)), rs.getBytes(4)));
                }
            }
        }
        return rows;
    }
}
