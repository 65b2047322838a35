package org.rasterdesk.layer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;

/**
 * Reads and writes what is known of a layer's source raster: raster_rasterlayermetadata and its band rows.
 * Thread safe: every call takes its own connection from the pool.
 */
public final class LayerMetadataRepository {

    private static final String META_COLUMNS = "uperleftx, uperlefty, width, height, scalex, scaley, skewx, skewy, "
            + "numbands, srs_wkt, srid, max_zoom";
    private static final String BAND_COLUMNS = "band, nodata_value, min, max, mean, std, hist_values, hist_bins";

    private final DataSource dataSource;

    public LayerMetadataRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<LayerMetadata> find(int layerId) {
        return Transactions.read(dataSource, "reading the metadata of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + META_COLUMNS
                    + " FROM raster_rasterlayermetadata WHERE rasterlayer_id = ?")) {
                ps.setInt(1, layerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new LayerMetadata(layerId, dbl(rs, "uperleftx"), dbl(rs, "uperlefty"),
                            integer(rs, "width"), integer(rs, "height"), dbl(rs, "scalex"), dbl(rs, "scaley"),
                            dbl(rs, "skewx"), dbl(rs, "skewy"), integer(rs, "numbands"), rs.getString("srs_wkt"),
                            integer(rs, "srid"), integer(rs, "max_zoom")));
                }
            }
        });
    }

    /** Stores the metadata of a layer, replacing what was there. */
    public void save(LayerMetadata m) {
        Transactions.inTransaction(dataSource, "saving the metadata of layer " + m.layerId(), c -> {
            save(c, m);
            return null;
        });
    }

    /** Stores the metadata of a layer inside the caller's transaction. */
    public void save(Connection c, LayerMetadata m) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayermetadata (" + META_COLUMNS
                + ", rasterlayer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (rasterlayer_id) DO UPDATE SET uperleftx = EXCLUDED.uperleftx, "
                + "uperlefty = EXCLUDED.uperlefty, width = EXCLUDED.width, height = EXCLUDED.height, "
                + "scalex = EXCLUDED.scalex, scaley = EXCLUDED.scaley, skewx = EXCLUDED.skewx, "
                + "skewy = EXCLUDED.skewy, numbands = EXCLUDED.numbands, srs_wkt = EXCLUDED.srs_wkt, "
                + "srid = EXCLUDED.srid, max_zoom = EXCLUDED.max_zoom")) {
            ps.setObject(1, m.upperLeftX(), Types.DOUBLE);
            ps.setObject(2, m.upperLeftY(), Types.DOUBLE);
            ps.setObject(3, m.width(), Types.INTEGER);
            ps.setObject(4, m.height(), Types.INTEGER);
            ps.setObject(5, m.scaleX(), Types.DOUBLE);
            ps.setObject(6, m.scaleY(), Types.DOUBLE);
            ps.setObject(7, m.skewX(), Types.DOUBLE);
            ps.setObject(8, m.skewY(), Types.DOUBLE);
            ps.setObject(9, m.numBands(), Types.INTEGER);
            ps.setString(10, m.srsWkt());
            ps.setObject(11, m.srid(), Types.SMALLINT);
            ps.setObject(12, m.maxZoom(), Types.SMALLINT);
            ps.setInt(13, m.layerId());
            ps.executeUpdate();
        }
    }

    /** The band statistics of a layer, by band index. */
    public List<BandMetadata> bands(int layerId) {
        return Transactions.read(dataSource, "reading the band metadata of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + BAND_COLUMNS
                    + " FROM raster_rasterlayerbandmetadata WHERE rasterlayer_id = ? ORDER BY band")) {
                ps.setInt(1, layerId);
                return readBands(ps, layerId);
            }
        });
    }

    public Optional<BandMetadata> band(int layerId, int band) {
        return Transactions.read(dataSource, "reading band " + band + " of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + BAND_COLUMNS
                    + " FROM raster_rasterlayerbandmetadata WHERE rasterlayer_id = ? AND band = ?")) {
                ps.setInt(1, layerId);
                ps.setInt(2, band);
                return readBands(ps, layerId).stream().findFirst();
            }
        });
    }

    /** Stores the statistics of one band, replacing those of the same band. */
    public void saveBand(BandMetadata band) {
        Transactions.inTransaction(dataSource, "saving band " + band.band() + " of layer " + band.layerId(), c -> {
            upsertBand(c, band);
            return null;
        });
    }

    /**
     * Replaces the band statistics of a layer with the given bands: bands beyond them (left from a previous file
     * with more bands) are deleted. One transaction.
     */
    public void replaceBands(int layerId, List<BandMetadata> bands) {
        Transactions.inTransaction(dataSource, "saving the band metadata of layer " + layerId, c -> {
            replaceBands(c, layerId, bands);
            return null;
        });
    }

    /** Replaces the band statistics of a layer inside the caller's transaction. */
    public void replaceBands(Connection c, int layerId, List<BandMetadata> bands) throws SQLException {
        for (BandMetadata band : bands) {
            if (band.layerId() != layerId) {
                throw new IllegalArgumentException("band of layer " + band.layerId() + " given for " + layerId);
            }
            upsertBand(c, band);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM raster_rasterlayerbandmetadata "
                + "WHERE rasterlayer_id = ? AND NOT (band = ANY(?))")) {
            ps.setInt(1, layerId);
            ps.setArray(2, c.createArrayOf("integer",
                    bands.stream().map(BandMetadata::band).toArray(Integer[]::new)));
            ps.executeUpdate();
        }
    }

    /** Sets the histogram of a band (computed from the max-zoom tiles at the end of a parse). */
    public void updateHistogram(int layerId, int band, long[] values, double[] bins) {
        Transactions.inTransaction(dataSource, "saving the histogram of band " + band + " of layer " + layerId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE raster_rasterlayerbandmetadata "
                    + "SET hist_values = ?, hist_bins = ? WHERE rasterlayer_id = ? AND band = ?")) {
                ps.setArray(1, c.createArrayOf("bigint", boxed(values)));
                ps.setArray(2, c.createArrayOf("float8", boxed(bins)));
                ps.setInt(3, layerId);
                ps.setInt(4, band);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("layer " + layerId + " has no band " + band);
                }
            }
            return null;
        });
    }

    private static void upsertBand(Connection c, BandMetadata b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayerbandmetadata (" + BAND_COLUMNS
                + ", rasterlayer_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rasterlayer_id, band) "
                + "DO UPDATE SET nodata_value = EXCLUDED.nodata_value, min = EXCLUDED.min, max = EXCLUDED.max, "
                + "mean = EXCLUDED.mean, std = EXCLUDED.std, hist_values = EXCLUDED.hist_values, "
                + "hist_bins = EXCLUDED.hist_bins")) {
            ps.setInt(1, b.band());
            ps.setObject(2, b.nodataValue(), Types.DOUBLE);
            ps.setDouble(3, b.min());
            ps.setDouble(4, b.max());
            ps.setObject(5, b.mean(), Types.DOUBLE);
            ps.setObject(6, b.std(), Types.DOUBLE);
            ps.setArray(7, c.createArrayOf("bigint", boxed(b.histValues())));
            ps.setArray(8, c.createArrayOf("float8", boxed(b.histBins())));
            ps.setInt(9, b.layerId());
            ps.executeUpdate();
        }
    }

    private static List<BandMetadata> readBands(PreparedStatement ps, int layerId) throws SQLException {
        List<BandMetadata> list = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Object[] values = (Object[]) rs.getArray("hist_values").getArray();
                Object[] bins = (Object[]) rs.getArray("hist_bins").getArray();
                long[] v = new long[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = ((Number) values[i]).longValue();
                }
                double[] e = new double[bins.length];
                for (int i = 0; i < e.length; i++) {
                    e[i] = ((Number) bins[i]).doubleValue();
                }
                list.add(new BandMetadata(layerId, rs.getInt("band"), dbl(rs, "nodata_value"), rs.getDouble("min"),
                        rs.getDouble("max"), dbl(rs, "mean"), dbl(rs, "std"), v, e));
            }
        }
        return list;
    }

    private static Long[] boxed(long[] values) {
        Long[] out = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static Double[] boxed(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Double.class);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, Integer.class);
    }
}
