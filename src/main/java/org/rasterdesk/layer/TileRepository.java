package org.rasterdesk.layer;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.rasterdesk.db.Transactions;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.wkb.RasterWkb;
import org.rasterdesk.tiling.wkb.WkbRaster;

/**
 * Reads the tiles of layers from raster_rastertile. Bulk writing belongs to the parse (binary COPY into a staging
 * table); {@link #insert} is the plain, one-row way.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class TileRepository {

    private final DataSource dataSource;

    public TileRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The samples of a tile, or empty when the layer has no tile there. */
    public Optional<TileData> read(int layerId, TileKey key) {
        return readRaster(layerId, key).map(raster -> raster.toTileData(key));
    }

    /** A tile as its raster (georeference and bands), or empty when the layer has no tile there. */
    public Optional<WkbRaster> readRaster(int layerId, TileKey key) {
        return Transactions.read(dataSource, "reading tile " + key + " of layer " + layerId, c -> {
            // No ORDER BY: django-raster's schema has no unique (layer, z, x, y) index, and sorting on rid could
            // make the planner walk the primary key instead of the rasterlayer_id / tilez indexes.
            try (PreparedStatement ps = c.prepareStatement("SELECT ST_AsBinary(rast) FROM raster_rastertile "
                    + "WHERE rasterlayer_id = ? AND tilez = ? AND tilex = ? AND tiley = ? LIMIT 1")) {
                ps.setInt(1, layerId);
                ps.setInt(2, key.z());
                ps.setInt(3, key.x());
                ps.setInt(4, key.y());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] wkb = rs.getBytes(1);
                    return wkb == null ? Optional.empty() : Optional.of(RasterWkb.decode(wkb));
                }
            }
        });
    }

    /**
     * The first of several addresses (a tile and its ancestors, say) where the layer has a tile, in one round trip;
     * empty when it has none of them. The candidates must be at different zoom levels, in the order of preference
     * deepest first.
     */
    public Optional<TileData> readDeepest(int layerId, List<TileKey> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        if (candidates.size() == 1) {
            return read(layerId, candidates.get(0));
        }
        return Transactions.read(dataSource, "reading tile " + candidates.get(0) + " or an ancestor of layer "
                + layerId, c -> {
            StringBuilder sql = new StringBuilder("SELECT tilez, tilex, tiley, ST_AsBinary(rast) FROM raster_rastertile "
                    + "WHERE rasterlayer_id = ? AND (");
            for (int i = 0; i < candidates.size(); i++) {
                sql.append(i == 0 ? "" : " OR ").append("(tilez = ? AND tilex = ? AND tiley = ?)");
            }
            sql.append(") ORDER BY tilez DESC LIMIT 1");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setInt(1, layerId);
                int p = 2;
                for (TileKey k : candidates) {
                    ps.setInt(p++, k.z());
                    ps.setInt(p++, k.x());
                    ps.setInt(p++, k.y());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<TileData>empty();
                    }
                    TileKey key = new TileKey(rs.getInt(1), rs.getInt(2), rs.getInt(3));
                    byte[] wkb = rs.getBytes(4);
                    return wkb == null ? Optional.<TileData>empty()
                            : Optional.of(RasterWkb.decode(wkb).toTileData(key));
                }
            }
        });
    }

    /** A stored tile as its raster WKB, to be decoded by whoever needs its samples (on another thread, say). */
    public record EncodedTile(TileKey key, byte[] wkb) {

        public TileData decode() {
            return RasterWkb.decode(wkb).toTileData(key);
        }
    }

    /**
     * The tiles a layer has at any of the addresses (of any levels), in one query, each handed on as its row
     * arrives and still encoded: the caller decodes them on other threads while the rest come in. Addresses
     * without a tile are not handed on; a duplicate row of an address (django-raster's schema allows them) is
     * handed on once.
     */
    public void readEach(int layerId, Collection<TileKey> keys, Consumer<EncodedTile> found) {
        if (keys.isEmpty()) {
            return;
        }
        Integer[] zs = new Integer[keys.size()];
        Integer[] xs = new Integer[keys.size()];
        Integer[] ys = new Integer[keys.size()];
        int i = 0;
        for (TileKey k : keys) {
            zs[i] = k.z();
            xs[i] = k.x();
            ys[i++] = k.y();
        }
        Transactions.read(dataSource, "reading " + keys.size() + " tiles of layer " + layerId, c -> {
            // The addresses as three arrays: one statement text for any number of them, joined on the
            // (rasterlayer_id, tilez, tilex, tiley) index.
            try (PreparedStatement ps = c.prepareStatement("SELECT t.tilez, t.tilex, t.tiley, ST_AsBinary(t.rast) "
                    + "FROM unnest(?::int[], ?::int[], ?::int[]) AS k(z, x, y) JOIN raster_rastertile t "
                    + "ON t.rasterlayer_id = ? AND t.tilez = k.z AND t.tilex = k.x AND t.tiley = k.y")) {
                // Binary results from the first execution: the WKB comes as its bytes, not as hex text twice
                // their size to parse.
                ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
                ps.setArray(1, c.createArrayOf("integer", zs));
                ps.setArray(2, c.createArrayOf("integer", xs));
                ps.setArray(3, c.createArrayOf("integer", ys));
                ps.setInt(4, layerId);
                java.util.Set<TileKey> seen = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        TileKey key = new TileKey(rs.getInt(1), rs.getInt(2), rs.getInt(3));
                        byte[] wkb = rs.getBytes(4);
                        if (wkb != null && seen.add(key)) {
                            found.accept(new EncodedTile(key, wkb));
                        }
                    }
                }
            }
            return null;
        });
    }

    /** The tiles a layer has at a zoom level, by column then row. */
    public List<TileKey> keys(int layerId, int zoom) {
        return Transactions.read(dataSource, "listing tiles of layer " + layerId + " at zoom " + zoom, c -> {
            List<TileKey> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tilex, tiley FROM raster_rastertile "
                    + "WHERE rasterlayer_id = ? AND tilez = ? ORDER BY tilex, tiley")) {
                ps.setInt(1, layerId);
                ps.setInt(2, zoom);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new TileKey(zoom, rs.getInt(1), rs.getInt(2)));
                    }
                }
            }
            return keys;
        });
    }

    /** The smallest rectangle holding a layer's tiles at a zoom level, or empty when it has none there. */
    public Optional<TileRange> range(int layerId, int zoom) {
        return Transactions.read(dataSource, "reading the tile range of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT min(tilex), min(tiley), max(tilex), max(tiley) "
                    + "FROM raster_rastertile WHERE rasterlayer_id = ? AND tilez = ?")) {
                ps.setInt(1, layerId);
                ps.setInt(2, zoom);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int minX = rs.getInt(1);
                    if (rs.wasNull()) {
                        return Optional.<TileRange>empty();
                    }
                    return Optional.of(new TileRange(zoom, minX, rs.getInt(2), rs.getInt(3), rs.getInt(4)));
                }
            }
        });
    }

    /** How many tiles a layer has per zoom level (levels without tiles are absent). */
    public SortedMap<Integer, Long> countByZoom(int layerId) {
        return Transactions.read(dataSource, "counting tiles of layer " + layerId, c -> {
            SortedMap<Integer, Long> counts = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT tilez, count(*) FROM raster_rastertile "
                    + "WHERE rasterlayer_id = ? GROUP BY tilez")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getInt(1), rs.getLong(2));
                    }
                }
            }
            return counts;
        });
    }

    /** How many tiles a layer has, counted on the rasterlayer_id index. */
    public long count(int layerId) {
        return Transactions.read(dataSource, "counting tiles of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id = ?")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * The pixel types of a layer's bands as its tiles store them (those of the source raster), read from any one
     * tile; empty when the layer has no tiles.
     */
    public List<PixelType> pixelTypes(int layerId) {
        return Transactions.read(dataSource, "reading the pixel types of layer " + layerId, c -> {
            List<PixelType> types = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ST_BandPixelType(t.rast, b) FROM "
                    + "(SELECT rast FROM raster_rastertile WHERE rasterlayer_id = ? LIMIT 1) t, "
                    + "generate_series(1, ST_NumBands(t.rast)) AS b ORDER BY b")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        types.add(PixelType.fromPostgisName(rs.getString(1)));
                    }
                }
            }
            return types;
        });
    }

    /** Stores one tile (one row, one round trip: for tests and small edits, not for a parse). */
    public void insert(int layerId, TileData tile) {
        insert(layerId, tile.key(), RasterWkb.encode(tile));
    }

    /** Stores one tile given as raster WKB. */
    public void insert(int layerId, TileKey key, byte[] wkb) {
        Transactions.inTransaction(dataSource, "storing tile " + key + " of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rastertile "
                    + "(rast, tilex, tiley, tilez, rasterlayer_id) VALUES (ST_RastFromWKB(?), ?, ?, ?, ?)")) {
                ps.setBytes(1, wkb);
                ps.setInt(2, key.x());
                ps.setInt(3, key.y());
                ps.setInt(4, key.z());
                ps.setInt(5, layerId);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
