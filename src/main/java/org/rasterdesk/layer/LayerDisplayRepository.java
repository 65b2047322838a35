package org.rasterdesk.layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.db.Transactions;

/**
 * What RasterDesk shows of a layer beyond django-raster's fields (rasterdesk_layer_display,
 * rasterdesk_band_palette): the band the map draws, and the colour map of a palette image by value.
 */
public final class LayerDisplayRepository {

    private final DataSource dataSource;

    public LayerDisplayRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The 0-based band the map draws: django-raster's band 0 unless the user chose another. */
    public int band(int layerId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT band FROM rasterdesk_layer_display WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new DataAccessException("Reading the band shown of layer " + layerId + " failed: "
                    + e.getMessage(), e);
        }
    }

    public void setBand(int layerId, int band) {
        if (band < 0) {
            throw new IllegalArgumentException("band must be >= 0: " + band);
        }
        Transactions.inTransaction(dataSource, "saving the band shown of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_layer_display (rasterlayer_id, "
                    + "band) VALUES (?, ?) ON CONFLICT (rasterlayer_id) DO UPDATE SET band = EXCLUDED.band")) {
                ps.setInt(1, layerId);
                ps.setInt(2, band);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The colours of a palette band by value (ARGB), in value order; empty when the band has no palette. */
    public SortedMap<Integer, Integer> palette(int layerId, int band) {
        SortedMap<Integer, Integer> colors = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT value, argb FROM rasterdesk_band_palette "
                     + "WHERE rasterlayer_id = ? AND band = ? ORDER BY value")) {
            ps.setInt(1, layerId);
            ps.setInt(2, band);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    colors.put(rs.getInt(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("Reading the palette of layer " + layerId + " failed: " + e.getMessage(),
                    e);
        }
        return colors;
    }

    /** Replaces the layer's palettes, inside the caller's transaction (the parse's final one). */
    public void replacePalettes(Connection tx, int layerId, Map<Integer, ? extends Map<Integer, Integer>> byBand)
            throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement(
                "DELETE FROM rasterdesk_band_palette WHERE rasterlayer_id = ?");
             PreparedStatement insert = tx.prepareStatement(
                     "INSERT INTO rasterdesk_band_palette (rasterlayer_id, band, value, argb) VALUES (?, ?, ?, ?)")) {
            delete.setInt(1, layerId);
            delete.executeUpdate();
            for (var band : byBand.entrySet()) {
                for (var entry : band.getValue().entrySet()) {
                    insert.setInt(1, layerId);
                    insert.setInt(2, band.getKey());
                    insert.setInt(3, entry.getKey());
                    insert.setInt(4, entry.getValue());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }
}
