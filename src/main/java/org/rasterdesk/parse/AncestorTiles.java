package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.PyramidReducer;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.wkb.RasterWkb;

/**
 * Makes again the lower zooms' tiles above some max-zoom tiles a run re-made (files added to a mosaic), by the same
 * 2×2 reduction a full parse uses, zoom by zoom: each parent from its four children, the run's new ones where it
 * re-made them and the layer's own elsewhere. Only the ancestors of the re-made tiles are read and written.
 */
final class AncestorTiles {

    /** Tiles made and found empty per zoom below the top, and every zoom's re-made tiles, the top's included. */
    record Result(SortedMap<Integer, Long> made, SortedMap<Integer, Long> empty, List<TileCover> remade) {
    }

    private final DataSource dataSource;
    private final int layerId;
    private final long parseId;
    /** The runs whose tiles are the re-made children: this one, and those that made the max zoom's. */
    private final Long[] runs;
    private final DatabaseRetry retry;

    AncestorTiles(DataSource dataSource, int layerId, long parseId, DatabaseRetry retry) {
        this(dataSource, layerId, parseId, new Long[0], retry);
    }

    /**
     * @param parseId   the run the ancestors are written for, whose tiles also count as re-made children
     * @param topRuns   more runs whose tiles are re-made children: the jobs of an addition on workers, which wrote
     *                  the max-zoom tiles apart (no two of them the same tile)
     */
    AncestorTiles(DataSource dataSource, int layerId, long parseId, Long[] topRuns, DatabaseRetry retry) {
        this.dataSource = dataSource;
        this.layerId = layerId;
        this.parseId = parseId;
        this.runs = java.util.Arrays.copyOf(topRuns, topRuns.length + 1);
        this.runs[topRuns.length] = parseId;
        this.retry = retry;
    }

    /** @param remadeTop the max-zoom tiles this run made again, written as its pending tiles (the empty ones not) */
    Result build(TileCover remadeTop, int minZoom, Reduction reduction, PixelType pixelType, double[] nodata,
                 BooleanSupplier cancelled) throws SQLException, ParseCancelledException {
        PyramidReducer reducer = new PyramidReducer(reduction, pixelType, nodata);
        SortedMap<Integer, Long> made = new TreeMap<>();
        SortedMap<Integer, Long> empty = new TreeMap<>();
        List<TileCover> remade = new ArrayList<>(List.of(remadeTop));
        TileCover children = remadeTop;
        for (int z = remadeTop.z() - 1; z >= minZoom; z--) {
            TileCover parents = children.atZoom(z);
            long[] counts = level(children, parents, reducer, cancelled);
            made.put(z, counts[0]);
            empty.put(z, counts[1]);
            remade.add(parents);
            children = parents;
        }
        return new Result(made, empty, remade);
    }

    /** Makes one zoom's parents; its writer has stored them all when it returns, for the next zoom to read. */
    private long[] level(TileCover children, TileCover parents, PyramidReducer reducer, BooleanSupplier cancelled)
            throws SQLException, ParseCancelledException {
        long made = 0;
        long empty = 0;
        try (TileWriteQueue writer = new TileWriteQueue(dataSource, parseId, retry);
             Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tilex, tiley, ST_AsBinary(rast), false "
                     + "FROM raster_rastertile WHERE rasterlayer_id = ? AND tilez = ? AND tiley BETWEEN ? AND ? "
                     + "AND tilex BETWEEN ? AND ? UNION ALL SELECT t.tilex, t.tiley, ST_AsBinary(t.rast), true "
                     + "FROM rasterdesk_pendingtile p JOIN raster_rastertile t ON t.rid = p.rid "
                     + "WHERE p.parse_id = ANY(?) AND t.tilez = ? AND t.tiley BETWEEN ? AND ? AND t.tilex BETWEEN ? AND ?")) {
            ps.unwrap(PGStatement.class).setPrepareThreshold(-1);
            for (TileRange range : parents.parts()) {
                for (int y = range.minY(); y <= range.maxY(); y++) {
                    if (cancelled.getAsBoolean()) {
                        throw new ParseCancelledException();
                    }
                    Map<Integer, List<TileData>> byParent = children(ps, children, range, y);
                    for (int x = range.minX(); x <= range.maxX(); x++) {
                        TileKey key = new TileKey(parents.z(), x, y);
                        List<TileData> four = byParent.getOrDefault(x, List.of());
                        TileData parent = reducer.parent(key, four.toArray(TileData[]::new));
                        if (four.isEmpty() || parent.isEmpty()) {
                            empty++;
                        } else {
                            writer.put(new TileWriteQueue.EncodedTile(key, RasterWkb.encode(parent)));
                            made++;
                        }
                    }
                }
            }
            writer.finish();
        }
        return new long[] {made, empty};
    }

    /**
     * The children of one row of parents, by parent x: the run's tile where it re-made the child (none if it came
     * out empty), else the layer's.
     */
    private Map<Integer, List<TileData>> children(PreparedStatement ps, TileCover remade, TileRange parents, int y)
            throws SQLException {
        int z = remade.z();
        Map<Integer, List<TileData>> byParent = new HashMap<>();
        ps.setInt(1, layerId);
        ps.setArray(7, ps.getConnection().createArrayOf("bigint", runs));
        for (int at : new int[] {2, 8}) {
            ps.setInt(at, z);
            ps.setInt(at + 1, 2 * y);
            ps.setInt(at + 2, 2 * y + 1);
            ps.setInt(at + 3, 2 * parents.minX());
            ps.setInt(at + 4, 2 * parents.maxX() + 1);
        }
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                TileKey key = new TileKey(z, rs.getInt(1), rs.getInt(2));
                boolean fromRun = rs.getBoolean(4);
                if (fromRun != remade.contains(key)) {
                    continue;
                }
                byParent.computeIfAbsent(key.x() >> 1, k -> new ArrayList<>(4))
                        .add(RasterWkb.decode(rs.getBytes(3)).toTileData(key));
            }
        }
        return byParent;
    }
}
