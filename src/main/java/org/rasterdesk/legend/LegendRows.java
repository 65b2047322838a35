package org.rasterdesk.legend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The SQL both legend repositories need: entry rows with their semantics, and django-raster's json cache. */
final class LegendRows {

    static final String ENTRY_SELECT = "SELECT e.id, e.legend_id, e.expression, e.color, e.code, "
            + "s.id AS s_id, s.name AS s_name, s.description AS s_description, s.keyword AS s_keyword "
            + "FROM raster_legendentry e JOIN raster_legendsemantics s ON s.id = e.semantics_id ";

    private LegendRows() {
    }

    /** django-raster's update_json followed by Legend.save: new json, new modification time. */
    static void rebuildJson(Connection c, Set<Integer> legendIds) throws SQLException {
        for (int legendId : legendIds) {
            String json = LegendJson.of(entriesOf(c, legendId));
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE raster_legend SET json = ?, modified = now() WHERE id = ?")) {
                ps.setString(1, json);
                ps.setInt(2, legendId);
                ps.executeUpdate();
            }
        }
    }

    static List<LegendEntry> entriesOf(Connection c, int legendId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ENTRY_SELECT + "WHERE e.legend_id = ? ORDER BY e.id")) {
            ps.setInt(1, legendId);
            List<LegendEntry> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(readEntry(rs));
                }
            }
            return list;
        }
    }

    /** Runs a DELETE (or UPDATE) with one id parameter; whether it touched a row. */
    static boolean update(Connection c, String sql, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    static Set<Integer> ids(Connection c, String sql, int param) throws SQLException {
        Set<Integer> ids = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        return ids;
    }

    static LegendEntry readEntry(ResultSet rs) throws SQLException {
        return new LegendEntry(rs.getInt("id"), rs.getObject("legend_id", Integer.class), readSemantics(rs),
                rs.getString("expression"), rs.getString("color"), rs.getString("code"));
    }

    static LegendSemantics readSemantics(ResultSet rs) throws SQLException {
        return new LegendSemantics(rs.getInt("s_id"), rs.getString("s_name"), rs.getString("s_description"),
                rs.getString("s_keyword"));
    }
}
