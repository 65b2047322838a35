package org.rasterdesk.parse;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.rasterdesk.tiling.TileKey;

/**
 * Writes a parse's tiles into raster_rastertile without attaching them to the layer yet (rasterlayer_id NULL,
 * recorded in rasterdesk_pendingtile), so that the layer's previous tiles stay until the final swap.
 *
 * <p>The raster type has no binary COPY input, and one INSERT per tile is slow; the fastest path measured is a
 * binary COPY of the WKB into a bytea staging table and one INSERT … SELECT ST_RastFromWKB per batch.
 */
public final class PendingTileWriter implements AutoCloseable {

    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    private static final int MAX_BATCH_TILES = 256;
    private static final long MAX_BATCH_BYTES = 64L << 20;
    private static final String COPY_SQL =
            "COPY rasterdesk_tilestage (tilex, tiley, tilez, wkb) FROM STDIN (FORMAT binary)";

    static final String APPLICATION_NAME = "RasterDesk tile writer";

    private final Connection connection;
    private final long parseId;
    private final CopyManager copy;
    private final ByteBuffer rowHeader = ByteBuffer.allocate(2 + 3 * 8 + 4);
    private CopyIn batch;
    private long batchBytes;
    private int batchTiles;
    private long written;

    /** @param connection a connection of its own, in auto-commit mode, used by this writer alone */
    public PendingTileWriter(Connection connection, long parseId) throws SQLException {
        this.connection = connection;
        this.parseId = parseId;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement st = connection.createStatement()) {
            // Named, so that an administrator (and a test) can tell the writer from the pool's other sessions.
            st.execute("SET application_name = '" + APPLICATION_NAME + "'");
            st.execute("CREATE TEMP TABLE IF NOT EXISTS rasterdesk_tilestage "
                    + "(tilex integer, tiley integer, tilez integer, wkb bytea) ON COMMIT PRESERVE ROWS");
            // The staged bytes live for one batch: compressing them (pglz by default) only to decompress them in
            // the INSERT cost more than all the rest of the write.
            st.execute("ALTER TABLE rasterdesk_tilestage ALTER COLUMN wkb SET STORAGE EXTERNAL");
            st.execute("TRUNCATE rasterdesk_tilestage");
        }
    }

    /** Streams the tile into the current batch's COPY: nothing is buffered beyond the tile itself. */
    public void add(TileKey key, byte[] wkb) throws SQLException {
        if (batch == null) {
            batch = copy.copyIn(COPY_SQL);
            batch.writeToCopy(COPY_HEADER, 0, COPY_HEADER.length);
        }
        rowHeader.clear();
        rowHeader.putShort((short) 4).putInt(4).putInt(key.x()).putInt(4).putInt(key.y()).putInt(4).putInt(key.z())
                .putInt(wkb.length);
        batch.writeToCopy(rowHeader.array(), 0, rowHeader.position());
        batch.writeToCopy(wkb, 0, wkb.length);
        batchTiles++;
        batchBytes += wkb.length;
        if (batchTiles >= MAX_BATCH_TILES || batchBytes >= MAX_BATCH_BYTES) {
            flush();
        }
    }

    /** Ends the current batch's COPY and turns its tiles into rasters. */
    public void flush() throws SQLException {
        if (batch == null) {
            return;
        }
        byte[] trailer = {(byte) 0xFF, (byte) 0xFF};
        batch.writeToCopy(trailer, 0, 2);
        batch.endCopy();
        batch = null;
        try (PreparedStatement ps = connection.prepareStatement(
                "WITH ins AS (INSERT INTO raster_rastertile (rast, tilex, tiley, tilez, rasterlayer_id) "
                        + "SELECT ST_RastFromWKB(wkb), tilex, tiley, tilez, NULL FROM rasterdesk_tilestage "
                        + "RETURNING rid) "
                        + "INSERT INTO rasterdesk_pendingtile (parse_id, rid) SELECT ?, rid FROM ins");
             Statement st = connection.createStatement()) {
            ps.setLong(1, parseId);
            ps.executeUpdate();
            st.execute("TRUNCATE rasterdesk_tilestage");
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
            if (batch != null && batch.isActive()) {
                batch.cancelCopy();
            }
            try (Statement st = connection.createStatement()) {
                st.execute("RESET application_name");
            }
        }
    }
}
