package org.rasterdesk.parse;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
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
    private static final int MAX_BATCH_BYTES = 32 << 20;

    static final String APPLICATION_NAME = "RasterDesk tile writer";

    private final Connection connection;
    private final long parseId;
    private final CopyManager copy;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
    private final DataOutputStream rows = new DataOutputStream(buffer);
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
        startBatch();
    }

    public void add(TileKey key, byte[] wkb) throws SQLException {
        try {
            rows.writeShort(4);
            rows.writeInt(4);
            rows.writeInt(key.x());
            rows.writeInt(4);
            rows.writeInt(key.y());
            rows.writeInt(4);
            rows.writeInt(key.z());
            rows.writeInt(wkb.length);
            rows.write(wkb);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        batchTiles++;
        if (batchTiles >= MAX_BATCH_TILES || buffer.size() >= MAX_BATCH_BYTES) {
            flush();
        }
    }

    /** Sends the buffered tiles to the database. */
    public void flush() throws SQLException {
        if (batchTiles == 0) {
            return;
        }
        try {
            rows.writeShort(-1);
            rows.flush();
            copy.copyIn("COPY rasterdesk_tilestage (tilex, tiley, tilez, wkb) FROM STDIN (FORMAT binary)",
                    new java.io.ByteArrayInputStream(buffer.toByteArray()));
        } catch (IOException e) {
            throw new SQLException("Sending tiles to the database failed: " + e.getMessage(), e);
        }
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
        startBatch();
    }

    /** Tiles sent to the database so far. */
    public long written() {
        return written;
    }

    private void startBatch() {
        buffer.reset();
        buffer.writeBytes(COPY_HEADER);
        batchTiles = 0;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            try (Statement st = connection.createStatement()) {
                st.execute("RESET application_name");
            }
        }
    }
}
