package org.rasterdesk.parse;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.util.ByteBufferByteStreamWriter;
import org.rasterdesk.tiling.TileKey;

/**
 * Writes a parse's tiles into raster_rastertile, recorded in rasterdesk_pendingtile: without attaching them to the
 * layer yet (rasterlayer_id NULL), so that the layer's previous tiles stay until the final swap, or, for a layer that
 * has no tiles to keep, attached from the start (see {@link ParseRuns#keepTiles}).
 *
 * <p>The raster type has no binary COPY input. Each tile goes in one INSERT … ST_RastFromWKB with the WKB as a
 * binary parameter, sent in batches. Measured on 1,000 z17 tiles of the Lisbon benchmark raster (256² Float32): the
 * server spent 0.9–1.25 ms per tile this way, and 1.7–1.9 ms with a binary COPY into a bytea staging table followed
 * by one INSERT … SELECT per batch, which writes every tile's bytes once more.
 */
public final class PendingTileWriter implements AutoCloseable {

    /** Tiles per round trip: enough to keep the server busy, few enough to hold only a few MB of WKB. */
    private static final int MAX_BATCH_TILES = 32;
    private static final long MAX_BATCH_BYTES = 16L << 20;
    /**
     * A tile goes in only while its run is unfinished, under a share lock of the run's row: a run discarded while
     * its tiles are still being written (a cancel of a parse on workers reaches the worker only at the end of its
     * block, and the worker may be stopped before that) must not be left with pending tiles nobody will delete.
     * ParseRuns.discard ends the run before it deletes, so it waits for a batch under way and sees its tiles.
     */
    private static final String INSERT_SQL = "WITH run AS (SELECT id FROM rasterdesk_parse WHERE id = ? "
            + "AND finished IS NULL FOR SHARE), ins AS (INSERT INTO raster_rastertile "
            + "(rast, tilex, tiley, tilez, rasterlayer_id) SELECT ST_RastFromWKB(?), ?, ?, ?, ?::integer FROM run "
            + "RETURNING rid) INSERT INTO rasterdesk_pendingtile (parse_id, rid) SELECT ?, rid FROM ins";

    static final String APPLICATION_NAME = "RasterDesk tile writer";

    private final Connection connection;
    private final PreparedStatement insert;
    private long batchBytes;
    private int batchTiles;
    private long written;

    /** @param connection a connection of its own, in auto-commit mode, used by this writer alone */
    public PendingTileWriter(Connection connection, long parseId) throws SQLException {
        this(connection, parseId, null);
    }

    /** @param layerId the layer the tiles belong to as they are written, or null to leave them unattached */
    public PendingTileWriter(Connection connection, long parseId, Integer layerId) throws SQLException {
        this.connection = connection;
        try (Statement st = connection.createStatement()) {
            // Named, so that an administrator (and a test) can tell the writer from the pool's other sessions.
            st.execute("SET application_name = '" + APPLICATION_NAME + "'");
            // Pending tiles count only once the final swap commits (durably): a batch need not wait for the disk.
            st.execute("SET synchronous_commit = off");
        }
        this.insert = connection.prepareStatement(INSERT_SQL);
        insert.setLong(1, parseId);
        insert.setObject(6, layerId, java.sql.Types.INTEGER);
        insert.setLong(7, parseId);
    }

    /** Adds the tile to the current batch; a full batch is sent at once. */
    public void add(TileKey key, byte[] wkb) throws SQLException {
        // Handed to the driver as a writer of the caller's array, which it writes to the socket in one call: setBytes
        // would copy every tile first (1 GB of copies on the Lisbon benchmark raster, a sixth of the parse's
        // allocation), and setBinaryStream passes the bytes through the driver's 8 KB buffer, one socket write of
        // 8 KB at a time (128,000 writes a GB, each through the loopback's TCP stack): the writer thread's CPU for
        // the Lisbon benchmark raster went from 0.79-0.97 s to 0.47-0.78 s this way.
        insert.setObject(2, new ByteBufferByteStreamWriter(ByteBuffer.wrap(wkb)));
        insert.setInt(3, key.x());
        insert.setInt(4, key.y());
        insert.setInt(5, key.z());
        insert.addBatch();
        batchTiles++;
        batchBytes += wkb.length;
        if (batchTiles >= MAX_BATCH_TILES || batchBytes >= MAX_BATCH_BYTES) {
            flush();
        }
    }

    /** Sends the current batch. */
    public void flush() throws SQLException {
        if (batchTiles == 0) {
            return;
        }
        try {
            insert.executeBatch();
        } catch (AssertionError e) {
            // The JDBC driver reports a connection that died during a batch as an AssertionError ("getAutoCommit()
            // should not throw", which only a closed connection does): the caller must see the lost connection
            // (08003), so that a database restart is ridden out.
            if (String.valueOf(e.getMessage()).contains("getAutoCommit()")) {
                throw new SQLException("The connection closed during a batch of tiles", "08003", e);
            }
            throw e;
        }
        written += batchTiles;
        batchTiles = 0;
        batchBytes = 0;
    }

    /** Tiles sent to the database so far. */
    public long written() {
        return written;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            try {
                insert.close();
            } finally {
                try (Statement st = connection.createStatement()) {
                    st.execute("RESET synchronous_commit");
                    st.execute("RESET application_name");
                }
            }
        }
    }
}
