package org.rasterdesk.layer;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * The layer list as a window polls it: each layer with its tile count, where a count is taken again only for a
 * layer whose record or parse changed since the last call. Counting every layer's tiles took 0.25–0.3 s a call on
 * two million tiles (and grows with them), every few seconds; tiles only change with a parse, and a parse always
 * changes the layer's parse status or log. Thread safe.
 */
public final class LayerSummaries {

    /** What a layer looked like when its tiles were counted. */
    private record Counted(ParseStatus status, OffsetDateTime modified, String log, long tiles) {
    }

    private final DataSource dataSource;
    private Map<Integer, Counted> counted = Map.of();

    public LayerSummaries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The layers by id, tile counts included. */
    public synchronized List<LayerSummary> list() {
        return Transactions.read(dataSource, "listing raster layers", c -> {
            record Row(int id, String name, DataType datatype, ParseStatus status, OffsetDateTime modified,
                       String log) {
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT l.id, l.name, l.datatype, s.status, l.modified, "
                    + "md5(s.log) AS log FROM raster_rasterlayer l LEFT JOIN raster_rasterlayerparsestatus s "
                    + "ON s.rasterlayer_id = l.id ORDER BY l.id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer status = rs.getObject("status", Integer.class);
                    rows.add(new Row(rs.getInt("id"), rs.getString("name"), DataType.fromCode(rs.getString("datatype")),
                            status == null ? ParseStatus.UNPARSED : ParseStatus.fromCode(status),
                            rs.getObject("modified", OffsetDateTime.class), rs.getString("log")));
                }
            }
            java.util.Set<Integer> stale = new java.util.HashSet<>();
            for (Row r : rows) {
                Counted before = counted.get(r.id());
                if (before == null || before.status() != r.status() || !before.modified().equals(r.modified())
                        || !java.util.Objects.equals(before.log(), r.log())) {
                    stale.add(r.id());
                }
            }
            Map<Integer, Long> fresh = new HashMap<>();
            if (!stale.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT rasterlayer_id, count(*) FROM raster_rastertile "
                        + "WHERE rasterlayer_id = ANY(?) GROUP BY rasterlayer_id")) {
                    Array ids = c.createArrayOf("integer", stale.toArray());
                    ps.setArray(1, ids);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            fresh.put(rs.getInt(1), rs.getLong(2));
                        }
                    }
                }
            }
            Map<Integer, Counted> now = new HashMap<>();
            List<LayerSummary> list = new ArrayList<>(rows.size());
            for (Row r : rows) {
                long tiles = stale.contains(r.id()) ? fresh.getOrDefault(r.id(), 0L) : counted.get(r.id()).tiles();
                now.put(r.id(), new Counted(r.status(), r.modified(), r.log(), tiles));
                list.add(new LayerSummary(r.id(), r.name(), r.datatype(), r.status(), tiles, r.modified().toInstant()));
            }
            counted = now;
            return list;
        });
    }

    /** Counts every layer's tiles again at the next call: tiles may have been written by other means. */
    public synchronized void forget() {
        counted = Map.of();
    }
}
