package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;
import org.rasterdesk.tiling.wkb.RasterWkb;
import org.rasterdesk.tiling.wkb.WkbBand;
import org.rasterdesk.tiling.wkb.WkbRaster;

/**
 * A layer's reprojected copy kept as tiles (the layer's own at the copy's zoom, or the ones a re-parse kept aside),
 * read as one EPSG:3857 raster on the pixel grid of that zoom: its upper left pixel is the upper left pixel of the
 * first tile of the range, and missing tiles read as nodata. The tiles of a window are fetched in one query; the
 * last decoded ones are kept, bounded in bytes, for the neighbouring windows.
 */
final class StoredCopyReader implements RasterReader {

    /** Decoded tiles kept at most: three rows of a 40-tile-wide copy of one band. */
    private static final long CACHE_BYTES = 64L << 20;

    private final DataSource dataSource;
    private final String table;
    private final int layerId;
    private final TileRange range;
    private final RasterInfo info;
    private final double[] nodata;
    private final LinkedHashMap<TileKey, double[][]> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    private StoredCopyReader(DataSource dataSource, String table, int layerId, TileRange range, RasterInfo info,
                             double[] nodata) {
        this.dataSource = dataSource;
        this.table = table;
        this.layerId = layerId;
        this.range = range;
        this.info = info;
        this.nodata = nodata;
    }

    /**
     * The copy in {@code table} (raster_rastertile or rasterdesk_reprojectedtile) at {@code zoom}, or empty when it
     * holds no tile there.
     *
     * @param mercator EPSG:3857, the copy's CRS
     */
    static Optional<StoredCopyReader> open(DataSource dataSource, boolean kept, int layerId, int zoom,
                                           org.opengis.referencing.crs.CoordinateReferenceSystem mercator)
            throws SQLException {
        String table = kept ? "rasterdesk_reprojectedtile" : "raster_rastertile";
        String zoomClause = kept ? "" : " AND tilez = " + zoom;
        try (Connection c = dataSource.getConnection();
             PreparedStatement bounds = c.prepareStatement("SELECT min(tilex), min(tiley), max(tilex), max(tiley) "
                     + "FROM " + table + " WHERE rasterlayer_id = ?" + zoomClause);
             PreparedStatement first = c.prepareStatement("SELECT ST_AsBinary(rast) FROM " + table
                     + " WHERE rasterlayer_id = ?" + zoomClause + " LIMIT 1")) {
            bounds.setInt(1, layerId);
            first.setInt(1, layerId);
            TileRange range;
            try (ResultSet rs = bounds.executeQuery()) {
                rs.next();
                rs.getInt(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                range = new TileRange(zoom, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
            }
            WkbRaster sample;
            try (ResultSet rs = first.executeQuery()) {
                rs.next();
                sample = RasterWkb.decode(rs.getBytes(1));
            }
            PixelType type = sample.band(0).pixelType();
            double[] nodata = new double[sample.bandCount()];
            List<Double> bandNodata = new ArrayList<>();
            for (int b = 0; b < nodata.length; b++) {
                WkbBand band = sample.band(b);
                nodata[b] = band.hasNodata() ? band.nodata() : Double.NaN;
                bandNodata.add(band.hasNodata() ? band.nodata() : null);
            }
            Extent extent = range.bounds();
            double pixel = WebMercator.pixelSize(zoom);
            RasterInfo info = new RasterInfo(range.columns() * TileData.SIZE, range.rows() * TileData.SIZE,
                    nodata.length, type, GeoTransform.northUp(extent.minX(), extent.maxY(), pixel, pixel), mercator,
                    3857, null, bandNodata, TileData.SIZE, TileData.SIZE);
            return Optional.of(new StoredCopyReader(dataSource, table, layerId, range, info, nodata));
        }
    }

    @Override
    public RasterInfo info() {
        return info;
    }

    @Override
    public synchronized double[][] read(int x, int y, int width, int height) throws IOException {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > info.width() || y + height > info.height()) {
            throw new IllegalArgumentException("window " + x + "," + y + " " + width + "×" + height
                    + " is not inside the copy of " + info.width() + "×" + info.height());
        }
        int c0 = x / TileData.SIZE;
        int c1 = (x + width - 1) / TileData.SIZE;
        int r0 = y / TileData.SIZE;
        int r1 = (y + height - 1) / TileData.SIZE;
        Map<TileKey, double[][]> tiles = tiles(c0, r0, c1, r1);
        double[][] out = new double[nodata.length][width * height];
        for (int b = 0; b < out.length; b++) {
            Arrays.fill(out[b], nodata[b]);
        }
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                double[][] tile = tiles.get(new TileKey(range.z(), range.minX() + c, range.minY() + r));
                if (tile == null) {
                    continue;
                }
                int tx0 = c * TileData.SIZE;
                int ty0 = r * TileData.SIZE;
                int fromX = Math.max(x, tx0);
                int toX = Math.min(x + width, tx0 + TileData.SIZE);
                for (int row = Math.max(y, ty0); row < Math.min(y + height, ty0 + TileData.SIZE); row++) {
                    for (int b = 0; b < out.length; b++) {
                        System.arraycopy(tile[b], (row - ty0) * TileData.SIZE + fromX - tx0, out[b],
                                (row - y) * width + fromX - x, toX - fromX);
                    }
                }
            }
        }
        return out;
    }

    /** The tiles of a block of the copy's columns and rows (0-based), from the cache or fetched in one query. */
    private Map<TileKey, double[][]> tiles(int c0, int r0, int c1, int r1) throws IOException {
        Map<TileKey, double[][]> found = new java.util.HashMap<>();
        boolean missing = false;
        for (int r = r0; r <= r1 && !missing; r++) {
            for (int c = c0; c <= c1; c++) {
                TileKey key = new TileKey(range.z(), range.minX() + c, range.minY() + r);
                double[][] tile = cache.get(key);
                if (tile == null && !cache.containsKey(key)) {
                    missing = true;
                    break;
                }
                found.put(key, tile);
            }
        }
        if (!missing) {
            return found;
        }
        String zoomClause = table.equals("raster_rastertile") ? " AND tilez = " + range.z() : "";
        Map<TileKey, double[][]> fetched = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tilex, tiley, ST_AsBinary(rast) FROM " + table
                     + " WHERE rasterlayer_id = ?" + zoomClause + " AND tilex BETWEEN ? AND ? AND tiley BETWEEN ? AND ?")) {
            ps.setInt(1, layerId);
            ps.setInt(2, range.minX() + c0);
            ps.setInt(3, range.minX() + c1);
            ps.setInt(4, range.minY() + r0);
            ps.setInt(5, range.minY() + r1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TileKey key = new TileKey(range.z(), rs.getInt(1), rs.getInt(2));
                    WkbRaster raster = RasterWkb.decode(rs.getBytes(3));
                    double[][] bands = new double[raster.bandCount()][];
                    for (int b = 0; b < bands.length; b++) {
                        bands[b] = raster.band(b).samples();
                    }
                    fetched.put(key, bands);
                }
            }
        } catch (SQLException e) {
            throw new IOException("Reading the stored reprojected raster failed: " + e.getMessage(), e);
        }
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                TileKey key = new TileKey(range.z(), range.minX() + c, range.minY() + r);
                double[][] tile = fetched.get(key);
                remember(key, tile);
                found.put(key, tile);
            }
        }
        return found;
    }

    /** Keeps a tile (null: known to be missing) in the cache, forgetting the least recently used beyond its budget. */
    private void remember(TileKey key, double[][] tile) {
        if (cache.containsKey(key)) {
            cachedBytes -= bytes(cache.get(key));
        }
        cache.put(key, tile);
        cachedBytes += bytes(tile);
        Iterator<Map.Entry<TileKey, double[][]>> it = cache.entrySet().iterator();
        while (cachedBytes > CACHE_BYTES && it.hasNext()) {
            Map.Entry<TileKey, double[][]> eldest = it.next();
            if (eldest.getKey().equals(key)) {
                continue;
            }
            cachedBytes -= bytes(eldest.getValue());
            it.remove();
        }
    }

    private static long bytes(double[][] tile) {
        return tile == null ? 64 : (long) tile.length * TileData.SIZE * TileData.SIZE * Double.BYTES;
    }

    @Override
    public boolean isThreadSafe() {
        return true;
    }

    @Override
    public synchronized void close() {
        cache.clear();
        cachedBytes = 0;
    }
}
