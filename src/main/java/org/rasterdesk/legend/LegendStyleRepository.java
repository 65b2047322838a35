package org.rasterdesk.legend;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * Stores the continuous style of legends (rasterdesk_legend_style). A legend with a style is drawn as a ramp by
 * RasterDesk; django-raster still sees a legend with its discrete entries, if any.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class LegendStyleRepository {

    private final DataSource dataSource;

    public LegendStyleRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The continuous style of a legend, or empty when the legend is drawn from its entries. */
    public Optional<ContinuousStyle> find(int legendId) {
        return Transactions.read(dataSource, "reading the style of legend " + legendId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT colormap FROM rasterdesk_legend_style WHERE legend_id = ?")) {
                ps.setInt(1, legendId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ContinuousStyle.fromJson(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** The continuous styles of all legends that have one, by legend id (one query). */
    public Map<Integer, ContinuousStyle> findAll() {
        return Transactions.read(dataSource, "reading the styles of legends", c -> {
            Map<Integer, ContinuousStyle> all = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT legend_id, colormap FROM rasterdesk_legend_style");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getInt(1), ContinuousStyle.fromJson(rs.getString(2)));
                }
            }
            return all;
        });
    }

    /**
     * Makes a stored legend continuous. A legend without entries gets the json "[]": django-raster reads a null
     * json with json.loads and fails on every tile of a layer using the legend, while "[]" makes it draw its
     * default grey ramp.
     */
    public void save(int legendId, ContinuousStyle style) {
        Transactions.inTransaction(dataSource, "saving the style of legend " + legendId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE raster_legend SET json = COALESCE(json, '[]'), "
                    + "modified = now() WHERE id = ?")) {
                ps.setInt(1, legendId);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("legend " + legendId + " does not exist");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_legend_style (legend_id, colormap) "
                    + "VALUES (?, ?) ON CONFLICT (legend_id) DO UPDATE SET colormap = EXCLUDED.colormap")) {
                ps.setInt(1, legendId);
                ps.setString(2, style.toJson());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Makes a legend discrete again (drawn from its entries). */
    public boolean delete(int legendId) {
        return Transactions.inTransaction(dataSource, "removing the style of legend " + legendId, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rasterdesk_legend_style WHERE legend_id = ?")) {
                ps.setInt(1, legendId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
