package org.rasterdesk.layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * Keeps what a layer's tiles were made from (rasterdesk_parsedstate) while a save has reset its parse, and gives it
 * back when the new parse is cancelled: status, log, tile levels and the settings that make tiles then describe the
 * tiles that still exist, instead of "not yet parsed" and settings that were never parsed.
 */
public final class ParsedStateRepository {

    /** What was given back: the settings the tiles were made with, and the tile levels. */
    public record Restored(RasterLayer layer, List<Integer> tileLevels) {
    }

    private final DataSource dataSource;

    public ParsedStateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inside the save that resets the parse: keeps the status row as it is now and the settings of {@code made},
     * when the layer has tiles. A row kept by an earlier reset stays: no parse has replaced its tiles since.
     */
    static void keep(Connection c, RasterLayer made) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_parsedstate (rasterlayer_id, status, "
                + "log, tile_levels, rasterfile, source_url, nodata, srid, max_zoom, build_pyramid, next_higher) "
                + "SELECT s.rasterlayer_id, s.status, s.log, s.tile_levels, ?, ?, ?, ?, ?, ?, ? "
                + "FROM raster_rasterlayerparsestatus s WHERE s.rasterlayer_id = ? "
                + "AND EXISTS (SELECT 1 FROM raster_rastertile t WHERE t.rasterlayer_id = s.rasterlayer_id) "
                + "ON CONFLICT (rasterlayer_id) DO NOTHING")) {
            ps.setString(1, made.rasterfile());
            ps.setString(2, made.sourceUrl());
            ps.setString(3, made.nodata());
            ps.setObject(4, made.srid(), Types.INTEGER);
            ps.setObject(5, made.maxZoom(), Types.INTEGER);
            ps.setBoolean(6, made.buildPyramid());
            ps.setBoolean(7, made.nextHigher());
            ps.setInt(8, made.id());
            ps.executeUpdate();
        }
    }

    /** Forgets the kept state, inside the transaction that gives the layer new tiles (or deletes it). */
    public static void forget(Connection c, int layerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rasterdesk_parsedstate WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            ps.executeUpdate();
        }
    }

    /** The tile levels of the kept state, empty when nothing is kept. */
    public Optional<List<Integer>> keptTileLevels(int layerId) {
        return Transactions.read(dataSource, "reading the kept parse state of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT tile_levels FROM rasterdesk_parsedstate WHERE rasterlayer_id = ?")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(ParseStatusRepository.integers(rs.getArray(1))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Gives the layer back the kept status, log (with {@code message} added as its last line), tile levels and
     * settings, in one transaction, and forgets them. Nothing happens when nothing is kept or the layer no longer
     * has tiles.
     *
     * @return what was given back, empty when nothing was
     */
    public Optional<Restored> restore(int layerId, String message) {
        return Transactions.inTransaction(dataSource, "restoring the parse state of layer " + layerId, c -> {
            LayerParseStatus kept;
            try (PreparedStatement ps = c.prepareStatement("SELECT p.status, p.log, p.tile_levels "
                    + "FROM rasterdesk_parsedstate p WHERE p.rasterlayer_id = ? AND EXISTS "
                    + "(SELECT 1 FROM raster_rastertile t WHERE t.rasterlayer_id = p.rasterlayer_id) FOR UPDATE")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Restored>empty();
                    }
                    String log = rs.getString(2);
                    String line = ParseStatusRepository.logLine(LocalDateTime.now(), message);
                    kept = new LayerParseStatus(layerId, ParseStatus.fromCode(rs.getInt(1)),
                            log.isEmpty() ? line : log + "\n" + line, ParseStatusRepository.integers(rs.getArray(3)));
                }
            }
            RasterLayer settings;
            try (PreparedStatement ps = c.prepareStatement("UPDATE raster_rasterlayer l SET rasterfile = p.rasterfile, "
                    + "source_url = p.source_url, nodata = p.nodata, srid = p.srid, max_zoom = p.max_zoom, "
                    + "build_pyramid = p.build_pyramid, next_higher = p.next_higher, modified = now() "
                    + "FROM rasterdesk_parsedstate p WHERE l.id = p.rasterlayer_id AND l.id = ? RETURNING "
                    + RasterLayerRepository.prefixed("l"))) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Restored>empty();
                    }
                    settings = RasterLayerRepository.read(rs);
                }
            }
            new ParseStatusRepository(dataSource).save(c, kept);
            forget(c, layerId);
            return Optional.of(new Restored(settings, kept.tileLevels()));
        });
    }
}
