package org.rasterdesk.legend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * Stores legends and their entries (raster_legend, raster_legendentry); their semantics are stored by
 * {@link LegendSemanticsRepository}. Like django-raster, every change of an entry rebuilds the json cache of the
 * legends concerned and sets their modification time, in the same transaction.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class LegendRepository {

    private final DataSource dataSource;

    public LegendRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new legend with its entries (their semantics must be stored). As in django-raster, the json stays
     * null for a legend created without entries and is built as soon as it has some.
     *
     * @return the stored legend, with ids, json and modification time
     */
    public Legend create(Legend legend) {
        if (legend.id() != null) {
            throw new IllegalArgumentException("legend " + legend.id() + " is already stored");
        }
        int id = Transactions.inTransaction(dataSource, "creating legend " + legend.title(), c -> {
            int legendId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_legend "
                    + "(title, description, json, modified) VALUES (?, ?, NULL, now()) RETURNING id")) {
                ps.setString(1, legend.title());
                ps.setString(2, legend.description());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    legendId = rs.getInt(1);
                }
            }
            for (LegendEntry entry : legend.entries()) {
                insertEntry(c, entry.withId(null).withLegendId(legendId));
            }
            if (!legend.entries().isEmpty()) {
                LegendRows.rebuildJson(c, Set.of(legendId));
            }
            return legendId;
        });
        return find(id).orElseThrow();
    }

    /**
     * Saves a stored legend: title, description and its entries (entries without id are added, those with an id
     * saved, stored entries missing from the list deleted); the json is rebuilt, as django-raster's Legend.save does.
     *
     * @return the stored legend as read back
     */
    public Legend save(Legend legend) {
        if (legend.id() == null) {
            throw new IllegalArgumentException("legend is not stored yet");
        }
        int id = legend.id();
        Transactions.inTransaction(dataSource, "saving legend " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE raster_legend SET title = ?, description = ? WHERE id = ?")) {
                ps.setString(1, legend.title());
                ps.setString(2, legend.description());
                ps.setInt(3, id);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("legend " + id + " does not exist");
                }
            }
            Set<Integer> kept = new HashSet<>();
            for (LegendEntry entry : legend.entries()) {
                if (entry.id() == null) {
                    kept.add(insertEntry(c, entry.withLegendId(id)).id());
                } else {
                    updateEntry(c, entry.withLegendId(id));
                    kept.add(entry.id());
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM raster_legendentry WHERE legend_id = ? AND NOT (id = ANY(?))")) {
                ps.setInt(1, id);
                ps.setArray(2, c.createArrayOf("integer", kept.toArray(new Integer[0])));
                ps.executeUpdate();
            }
            LegendRows.rebuildJson(c, Set.of(id));
            return null;
        });
        return find(id).orElseThrow();
    }

    public Optional<Legend> find(int id) {
        return Transactions.read(dataSource, "reading legend " + id, c -> {
            List<Legend> found = readLegends(c, id);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    /** Every legend with its entries, by id. */
    public List<Legend> findAll() {
        return Transactions.read(dataSource, "reading legends", c -> readLegends(c, null));
    }

    /**
     * Deletes a legend and its entries. Layers that use it lose their legend (legend_id set to null); django-raster
     * would delete those layers with it, which loses far more than a colour scheme.
     *
     * @return whether the legend existed
     */
    public boolean delete(int id) {
        return Transactions.inTransaction(dataSource, "deleting legend " + id, c -> {
            LegendRows.update(c, "UPDATE raster_rasterlayer SET legend_id = NULL WHERE legend_id = ?", id);
            LegendRows.update(c, "DELETE FROM raster_legendentry WHERE legend_id = ?", id);
            return LegendRows.update(c, "DELETE FROM raster_legend WHERE id = ?", id);
        });
    }

    // ---- entries

    /** Stores a new entry or saves a stored one; the json of its legend (and of a legend it left) is rebuilt. */
    public LegendEntry saveEntry(LegendEntry entry) {
        return Transactions.inTransaction(dataSource, "saving a legend entry", c -> {
            Set<Integer> legends = new HashSet<>();
            LegendEntry stored;
            if (entry.id() == null) {
                stored = insertEntry(c, entry);
            } else {
                legends.addAll(legendsOfEntry(c, entry.id()));
                updateEntry(c, entry);
                stored = entry;
            }
            if (stored.legendId() != null) {
                legends.add(stored.legendId());
            }
            LegendRows.rebuildJson(c, legends);
            return stored;
        });
    }

    /** Deletes an entry and rebuilds the json of its legend. */
    public boolean deleteEntry(int id) {
        return Transactions.inTransaction(dataSource, "deleting legend entry " + id, c -> {
            Set<Integer> legends = legendsOfEntry(c, id);
            boolean existed = LegendRows.update(c, "DELETE FROM raster_legendentry WHERE id = ?", id);
            LegendRows.rebuildJson(c, legends);
            return existed;
        });
    }

    // ---- SQL

    private static LegendEntry insertEntry(Connection c, LegendEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_legendentry "
                + "(expression, color, code, legend_id, semantics_id) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            setEntry(ps, e);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return e.withId(rs.getInt(1));
            }
        }
    }

    private static void updateEntry(Connection c, LegendEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE raster_legendentry SET expression = ?, color = ?, "
                + "code = ?, legend_id = ?, semantics_id = ? WHERE id = ?")) {
            setEntry(ps, e);
            ps.setInt(6, e.id());
            if (ps.executeUpdate() == 0) {
                throw new IllegalArgumentException("legend entry " + e.id() + " does not exist");
            }
        }
    }

    private static void setEntry(PreparedStatement ps, LegendEntry e) throws SQLException {
        if (e.semantics().id() == null) {
            throw new IllegalArgumentException("the semantics '" + e.semantics().name() + "' is not stored yet");
        }
        if (!LegendEntry.isValidColor(e.color())) {
            throw new IllegalArgumentException("not a colour (#RRGGBB): " + e.color());
        }
        ps.setString(1, e.expression());
        ps.setString(2, e.color());
        ps.setString(3, e.code());
        ps.setObject(4, e.legendId(), Types.INTEGER);
        ps.setInt(5, e.semantics().id());
    }

    private static Set<Integer> legendsOfEntry(Connection c, int entryId) throws SQLException {
        return LegendRows.ids(c, "SELECT legend_id FROM raster_legendentry WHERE id = ? AND legend_id IS NOT NULL",
                entryId);
    }

    private static List<Legend> readLegends(Connection c, Integer onlyId) throws SQLException {
        Map<Integer, List<LegendEntry>> entries = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LegendRows.ENTRY_SELECT
                + "WHERE e.legend_id IS NOT NULL AND (?::integer IS NULL OR e.legend_id = ?) ORDER BY e.id")) {
            ps.setObject(1, onlyId, Types.INTEGER);
            ps.setObject(2, onlyId, Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LegendEntry entry = LegendRows.readEntry(rs);
                    entries.computeIfAbsent(entry.legendId(), k -> new ArrayList<>()).add(entry);
                }
            }
        }
        List<Legend> legends = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, description, json, modified "
                + "FROM raster_legend WHERE ?::integer IS NULL OR id = ? ORDER BY id")) {
            ps.setObject(1, onlyId, Types.INTEGER);
            ps.setObject(2, onlyId, Types.INTEGER);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int id = rs.getInt("id");
                    legends.add(new Legend(id, rs.getString("title"), rs.getString("description"),
                            entries.getOrDefault(id, List.of()), rs.getString("json"),
                            rs.getObject("modified", OffsetDateTime.class).toInstant()));
                }
            }
        }
        return legends;
    }
}
