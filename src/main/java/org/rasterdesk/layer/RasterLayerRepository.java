package org.rasterdesk.layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * Stores raster layers in raster_rasterlayer, with the rows django-raster keeps beside each layer: metadata and
 * parse status are created with it, and every dependent row goes with it on delete.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class RasterLayerRepository {

    /** The outcome of an update: the stored layer, and whether its parse was reset because its inputs changed. */
    public record Update(RasterLayer layer, boolean parseReset) {
    }

    private static final String COLUMNS = "id, name, description, datatype, rasterfile, source_url, nodata, srid, "
            + "max_zoom, build_pyramid, next_higher, store_reprojected, legend_id, modified";

    /** Tables that reference a layer, in the order they must be emptied (tiles first: the bulk of the work). */
    private static final List<String> DEPENDENT_TABLES = List.of("raster_rastertile",
            "raster_rasterlayerbandmetadata", "raster_rasterlayermetadata", "raster_rasterlayerparsestatus",
            "raster_rasterlayerreprojected", "rasterdesk_parsedstate");

    private final DataSource dataSource;

    public RasterLayerRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new layer together with its empty metadata and its UNPARSED parse status, as django-raster's
     * post_save does, in one transaction.
     *
     * @return the layer with its id and modification time
     */
    public RasterLayer create(RasterLayer layer) {
        if (layer.isStored()) {
            throw new IllegalArgumentException("layer " + layer.id() + " is already stored");
        }
        return Transactions.inTransaction(dataSource, "creating a raster layer", c -> {
            RasterLayer stored;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayer (name, description, "
                    + "datatype, rasterfile, source_url, nodata, srid, max_zoom, build_pyramid, next_higher, "
                    + "store_reprojected, legend_id, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now()) "
                    + "RETURNING " + COLUMNS)) {
                setFields(ps, layer);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stored = read(rs);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO raster_rasterlayermetadata (rasterlayer_id) VALUES (?)")) {
                ps.setInt(1, stored.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayerparsestatus "
                    + "(status, log, tile_levels, rasterlayer_id) VALUES (?, '', '{}', ?)")) {
                ps.setInt(1, ParseStatus.UNPARSED.code());
                ps.setInt(2, stored.id());
                ps.executeUpdate();
            }
            return stored;
        });
    }

    public Optional<RasterLayer> find(int id) {
        return Transactions.read(dataSource, "reading raster layer " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM raster_rasterlayer WHERE id = ?")) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Every layer, by id. */
    public List<RasterLayer> findAll() {
        return Transactions.read(dataSource, "reading raster layers", c -> {
            List<RasterLayer> layers = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM raster_rasterlayer ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    layers.add(read(rs));
                }
            }
            return layers;
        });
    }

    /**
     * One line per layer, by id: name, datatype, parse status (UNPARSED when the layer has no status row) and its
     * number of tiles, counted on the rasterlayer_id index.
     */
    public List<LayerSummary> listSummaries() {
        return new LayerSummaries(dataSource).list();
    }

    /**
     * Saves the fields of a stored layer and sets its modification time. When what makes its tiles changed
     * ({@link RasterLayer#parseInputsDiffer}), the parse status is reset to UNPARSED (empty log, no tile levels)
     * and the reprojected copy's row is deleted, as django-raster's pre_save does; the tiles stay until the next
     * parse replaces them.
     *
     * @throws IllegalArgumentException when the layer does not exist
     */
    public Update update(RasterLayer layer) {
        if (!layer.isStored()) {
            throw new IllegalArgumentException("layer is not stored yet");
        }
        return Transactions.inTransaction(dataSource, "saving raster layer " + layer.id(), c -> {
            RasterLayer previous;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM raster_rasterlayer WHERE id = ? FOR UPDATE")) {
                ps.setInt(1, layer.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("raster layer " + layer.id() + " does not exist");
                    }
                    previous = read(rs);
                }
            }
            RasterLayer stored;
            try (PreparedStatement ps = c.prepareStatement("UPDATE raster_rasterlayer SET name = ?, "
                    + "description = ?, datatype = ?, rasterfile = ?, source_url = ?, nodata = ?, srid = ?, "
                    + "max_zoom = ?, build_pyramid = ?, next_higher = ?, store_reprojected = ?, legend_id = ?, "
                    + "modified = now() WHERE id = ? RETURNING " + COLUMNS)) {
                setFields(ps, layer);
                ps.setInt(13, layer.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stored = read(rs);
                }
            }
            boolean reset = previous.parseInputsDiffer(layer);
            if (reset) {
                deleteRows(c, "raster_rasterlayerreprojected", layer.id());
                ParsedStateRepository.keep(c, previous);
                ParseStatusRepository.reset(c, layer.id());
            }
            return new Update(stored, reset);
        });
    }

    /**
     * Deletes a layer and everything made from it (tiles, metadata, band metadata, parse status, reprojected
     * copy) in one transaction. The schema's foreign keys have no ON DELETE action, so each table is emptied
     * explicitly, tiles first with one indexed DELETE.
     *
     * @return whether the layer existed
     */
    public boolean delete(int id) {
        return Transactions.inTransaction(dataSource, "deleting raster layer " + id, c -> {
            for (String table : DEPENDENT_TABLES) {
                deleteRows(c, table, id);
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM raster_rasterlayer WHERE id = ?")) {
                ps.setInt(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The names of the layers drawn with a legend (raster_rasterlayer.legend_id), by name. */
    public List<String> namesUsingLegend(int legendId) {
        return Transactions.read(dataSource, "reading the layers of legend " + legendId, c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name FROM raster_rasterlayer WHERE legend_id = ? ORDER BY name, id")) {
                ps.setInt(1, legendId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            return names;
        });
    }

    /**
     * The Django file path of the layer's stored reprojected copy (raster_rasterlayerreprojected), empty when there
     * is no row or no file.
     */
    public Optional<String> reprojectedFile(int layerId) {
        return Transactions.read(dataSource, "reading the reprojected copy of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT rasterfile FROM raster_rasterlayerreprojected WHERE rasterlayer_id = ?")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Records the Django file path of the layer's reprojected copy, replacing the previous one. */
    public void setReprojectedFile(int layerId, String rasterfile) {
        Transactions.inTransaction(dataSource, "recording the reprojected copy of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayerreprojected "
                    + "(rasterfile, rasterlayer_id) VALUES (?, ?) "
                    + "ON CONFLICT (rasterlayer_id) DO UPDATE SET rasterfile = EXCLUDED.rasterfile")) {
                ps.setString(1, rasterfile);
                ps.setInt(2, layerId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void deleteRows(Connection c, String table, int layerId) throws SQLException {
        // The table name comes from the constant list above, never from input.
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            ps.executeUpdate();
        }
    }

    private static void setFields(PreparedStatement ps, RasterLayer layer) throws SQLException {
        ps.setString(1, layer.name());
        ps.setString(2, layer.description());
        ps.setString(3, layer.datatype().code());
        ps.setString(4, layer.rasterfile());
        ps.setString(5, layer.sourceUrl());
        ps.setString(6, layer.nodata());
        ps.setObject(7, layer.srid(), Types.INTEGER);
        ps.setObject(8, layer.maxZoom(), Types.INTEGER);
        ps.setBoolean(9, layer.buildPyramid());
        ps.setBoolean(10, layer.nextHigher());
        ps.setBoolean(11, layer.storeReprojected());
        ps.setObject(12, layer.legendId(), Types.INTEGER);
    }

    /** The columns {@link #read} reads, each prefixed with a table alias. */
    static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    static RasterLayer read(ResultSet rs) throws SQLException {
        return new RasterLayer(rs.getInt("id"), rs.getString("name"), rs.getString("description"),
                DataType.fromCode(rs.getString("datatype")), rs.getString("rasterfile"), rs.getString("source_url"),
                rs.getString("nodata"), rs.getObject("srid", Integer.class), rs.getObject("max_zoom", Integer.class),
                rs.getBoolean("build_pyramid"), rs.getBoolean("next_higher"), rs.getBoolean("store_reprojected"),
                rs.getObject("legend_id", Integer.class), rs.getObject("modified", OffsetDateTime.class).toInstant());
    }
}
