package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.rasterdesk.db.ConnectionSettings;

/**
 * Holds back every write of a parse's tiles (each goes in as a pending tile) while it is open; reads go on. A parse
 * that gets to its tiles waits there, under way, for as long as a test needs it to: an in-between state held, not
 * hoped to be caught. The session is one of its own, outside any pool, so that a restart may end it.
 */
public final class TileWritesHeld implements AutoCloseable {

    /** First key of the test's advisory locks ("TEST"), apart from the program's own. */
    private static final int LOCK_KEY = 0x54455354;

    private final ConnectionSettings database;
    private final Connection connection;
    /** The layer whose tiles past a count wait, or 0 when every tile write waits. */
    private final int layerId;

    /** Every tile write of the database waits, from the first. */
    public TileWritesHeld(ConnectionSettings database) throws SQLException {
        this(database, 0, null);
    }

    /**
     * @param when a condition on the database, in SQL: a tile the layer's parses write while it holds waits
     */
    private TileWritesHeld(ConnectionSettings database, int layerId, String when) throws SQLException {
        this.layerId = layerId;
        this.database = database;
        connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        try (Statement st = connection.createStatement()) {
            if (layerId == 0) {
                connection.setAutoCommit(false);
                st.execute("LOCK TABLE rasterdesk_pendingtile IN EXCLUSIVE MODE");
            } else {
                // Such a write's transaction asks, in a trigger, for a lock this session holds: the tiles before it
                // are written and counted, and the parse waits in the middle of its work.
                st.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ", " + layerId + ")");
                st.execute("CREATE OR REPLACE FUNCTION " + trigger() + "() RETURNS trigger AS $$ BEGIN "
                        + "IF NEW.parse_id IN (SELECT id FROM rasterdesk_parse WHERE rasterlayer_id = " + layerId
                        + ") AND (" + when + ") THEN "
                        + "PERFORM pg_advisory_xact_lock_shared(" + LOCK_KEY + ", " + layerId + "); END IF; "
                        + "RETURN NULL; END $$ LANGUAGE plpgsql");
                st.execute("CREATE TRIGGER " + trigger() + " AFTER INSERT ON rasterdesk_pendingtile "
                        + "FOR EACH ROW EXECUTE FUNCTION " + trigger() + "()");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The layer's parses write {@code tiles} tiles (each counted by the window's progress once its batch is in), and
     * the next waits: the parse is held in the middle, with tiles made and tiles still to make.
     */
    public static TileWritesHeld after(ConnectionSettings database, int layerId, int tiles) throws SQLException {
        return new TileWritesHeld(database, layerId, "(SELECT count(*) FROM rasterdesk_pendingtile p "
                + "JOIN rasterdesk_parse r ON r.id = p.parse_id WHERE r.rasterlayer_id = " + layerId + ") > " + tiles);
    }

    /**
     * Once {@code blocks} blocks of the layer's parse on workers are done, the tiles of the others wait: the parse
     * is held with progress made and blocks still to make, whatever the workers' pace.
     */
    public static TileWritesHeld afterBlocks(ConnectionSettings database, int layerId, int blocks)
            throws SQLException {
        return new TileWritesHeld(database, layerId, "(SELECT count(*) FROM rasterdesk_parseblock b "
                + "JOIN rasterdesk_queuedparse q ON q.parse_id = b.parse_id WHERE q.rasterlayer_id = " + layerId
                + " AND b.done) >= " + blocks);
    }

    private String trigger() {
        return "test_tiles_held_" + layerId;
    }

    /** How many tile writers of this database wait for the hold now. */
    public int waitingWriters() throws SQLException {
        try (Statement st = connection.createStatement()) {
            // Inside a transaction the server answers from the sessions it saw at its first look, not the ones now.
            st.execute("SELECT pg_stat_clear_snapshot()");
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(DISTINCT a.pid) FROM pg_locks l "
                + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database() "
                + "AND a.application_name = ?")) {
            ps.setString(1, PendingTileWriter.APPLICATION_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Lets the writes go; a hold whose session the database ended (a restart) has let them go already, and its
     * trigger, which then waits for nobody, is dropped through a session of its own.
     */
    @Override
    public void close() {
        try {
            if (layerId == 0) {
                connection.commit();
            } else {
                try (Statement st = connection.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ", " + layerId + ")");
                }
            }
        } catch (SQLException ended) {
            // The session is gone, and its lock with it.
        } finally {
            try {
                connection.close();
            } catch (SQLException ended) {
                // As above.
            }
        }
        if (layerId != 0) {
            try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                 Statement st = c.createStatement()) {
                st.execute("DROP TRIGGER IF EXISTS " + trigger() + " ON rasterdesk_pendingtile");
                st.execute("DROP FUNCTION IF EXISTS " + trigger() + "()");
            } catch (SQLException e) {
                throw new IllegalStateException("The trigger " + trigger() + " stays: " + e.getMessage(), e);
            }
        }
    }
}
