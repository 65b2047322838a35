package org.rasterdesk.legend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * Stores the semantics of legend entries (raster_legendsemantics): the named classes legends share. Like
 * django-raster, a change of a semantics rebuilds the json cache of the legends that use it, in the same transaction.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class LegendSemanticsRepository {

    private final DataSource dataSource;

    public LegendSemanticsRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stores a new semantics, or saves a stored one and rebuilds the json of the legends that use it. */
    public LegendSemantics saveSemantics(LegendSemantics semantics) {
        return Transactions.inTransaction(dataSource, "saving legend semantics " + semantics.name(), c -> {
            if (semantics.id() == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_legendsemantics "
                        + "(name, description, keyword) VALUES (?, ?, ?) RETURNING id")) {
                    setSemantics(ps, semantics);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return semantics.withId(rs.getInt(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE raster_legendsemantics "
                    + "SET name = ?, description = ?, keyword = ? WHERE id = ?")) {
                setSemantics(ps, semantics);
                ps.setInt(4, semantics.id());
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("legend semantics " + semantics.id() + " does not exist");
                }
            }
            LegendRows.rebuildJson(c, legendsOfSemantics(c, semantics.id()));
            return semantics;
        });
    }

    public Optional<LegendSemantics> findSemantics(int id) {
        return Transactions.read(dataSource, "reading legend semantics " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id AS s_id, name AS s_name, "
                    + "description AS s_description, keyword AS s_keyword FROM raster_legendsemantics WHERE id = ?")) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(LegendRows.readSemantics(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every semantics, by id. */
    public List<LegendSemantics> allSemantics() {
        return Transactions.read(dataSource, "reading legend semantics", c -> {
            List<LegendSemantics> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id AS s_id, name AS s_name, "
                    + "description AS s_description, keyword AS s_keyword FROM raster_legendsemantics ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(LegendRows.readSemantics(rs));
                }
            }
            return list;
        });
    }

    /**
     * Deletes a semantics and, as Django's cascade does, the entries that use it; the json of their legends is
     * rebuilt.
     *
     * @return whether the semantics existed
     */
    public boolean deleteSemantics(int id) {
        return Transactions.inTransaction(dataSource, "deleting legend semantics " + id, c -> {
            Set<Integer> legends = legendsOfSemantics(c, id);
            LegendRows.update(c, "DELETE FROM raster_legendentry WHERE semantics_id = ?", id);
            boolean existed = LegendRows.update(c, "DELETE FROM raster_legendsemantics WHERE id = ?", id);
            LegendRows.rebuildJson(c, legends);
            return existed;
        });
    }

    private static void setSemantics(PreparedStatement ps, LegendSemantics s) throws SQLException {
        ps.setString(1, s.name());
        ps.setString(2, s.description());
        ps.setString(3, s.keyword());
    }

    private static Set<Integer> legendsOfSemantics(Connection c, int semanticsId) throws SQLException {
        return LegendRows.ids(c, "SELECT DISTINCT legend_id FROM raster_legendentry "
                + "WHERE semantics_id = ? AND legend_id IS NOT NULL", semanticsId);
    }
}
