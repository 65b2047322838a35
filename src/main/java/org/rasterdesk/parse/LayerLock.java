package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The advisory lock that lets only one parse of a layer run at a time, across every client of the database. It
 * lives as long as the connection that holds it, so a killed process releases it.
 */
public final class LayerLock implements AutoCloseable {

    /** First key of RasterDesk's advisory locks ("RDsk"), so that other applications' locks do not collide. */
    static final int NAMESPACE = 0x5244736B;

    private final DataSource dataSource;
    private final int layerId;
    private Connection connection;

    private LayerLock(DataSource dataSource, Connection connection, int layerId) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.layerId = layerId;
    }

    /** @return the lock, or null when another parse of the layer holds it */
    public static LayerLock tryAcquire(DataSource dataSource, int layerId) throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new LayerLock(dataSource, c, layerId);
                }
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        c.close();
        return null;
    }

    /**
     * Takes the lock again after the database came back, when the session that held it is gone (a restart ends
     * every session, and their advisory locks with them); a session still alive keeps it.
     *
     * @throws SQLException when another client took the layer's lock meanwhile
     */
    synchronized void retake() throws SQLException {
        if (connection.isValid(5)) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The old session is gone already.
        }
        LayerLock again = tryAcquire(dataSource, layerId);
        if (again == null) {
            throw new SQLException("Another client began parsing layer " + layerId + " while the database was "
                    + "unavailable.", "55P03");
        }
        connection = again.connection;
    }

    /** Whether some session holds the lock of the layer now. */
    public static boolean isHeld(int layerId, DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                     + "AND classid = ? AND objid = ? AND granted "
                     + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            ps.setLong(1, Integer.toUnsignedLong(NAMESPACE));
            ps.setLong(2, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, NAMESPACE);
            ps.setInt(2, layerId);
            ps.execute();
        } catch (SQLException e) {
            // A database restart ended the session, and the lock with it: nothing is left to release.
            if (!org.rasterdesk.db.DatabaseRetry.isConnectionLoss(e)) {
                throw e;
            }
        } finally {
            connection.close();
        }
    }
}
