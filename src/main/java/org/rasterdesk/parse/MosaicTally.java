package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.raster.HiddenSamples;
import org.rasterdesk.raster.RasterReader;

/**
 * The statistics of a mosaic of 8- or 16-bit integer files as a tally of the values that show (see
 * {@link MosaicOverlaps}), kept in the database with the tiles, so that files added to the mosaic are counted
 * without reading its other files whole: the added files' visible pixels are added, and the older pixels they now
 * cover (read only where an added file reaches) are taken away.
 */
final class MosaicTally {

    private MosaicTally() {
    }

    /** The tally of every file's visible pixels. */
    static long[][] whole(List<RasterReader> readers, List<List<Double>> nodata, boolean firstWins,
                          BooleanSupplier cancelled) throws IOException {
        return BandStatistics.tally(readers, nodata, MosaicOverlaps.of(readers, firstWins), cancelled);
    }

    /**
     * The tally after files are added to a mosaic whose tally was {@code before}.
     *
     * @param readers every file, the {@code old} ones of the mosaic first, then the added ones
     */
    static long[][] afterAddition(long[][] before, List<RasterReader> readers, List<List<Double>> nodata,
                                  boolean firstWins, int old, BooleanSupplier cancelled) throws IOException {
        List<RasterReader> olderFiles = readers.subList(0, old);
        HiddenSamples byAdded = MosaicOverlaps.hidingFrom(readers, firstWins, old);
        HiddenSamples amongOlder = MosaicOverlaps.of(olderFiles, firstWins);
        // Counted are the older pixels that showed and an added file now covers: all others are left unread.
        HiddenSamples notNewlyCovered = (part, x, y, width, height) -> {
            boolean[][] covered = byAdded.hidden(part, x, y, width, height);
            if (covered == null) {
                return HiddenSamples.EVERY;
            }
            boolean[][] hiddenBefore = amongOlder.hidden(part, x, y, width, height);
            boolean[][] skip = new boolean[covered.length][];
            for (int b = 0; b < covered.length; b++) {
                skip[b] = new boolean[covered[b].length];
                for (int k = 0; k < skip[b].length; k++) {
                    skip[b][k] = !covered[b][k] || hiddenBefore != null && hiddenBefore[b][k];
                }
            }
            return skip;
        };
        long[][] covered = BandStatistics.tally(olderFiles, nodata.subList(0, old), notNewlyCovered, cancelled);
        HiddenSamples all = MosaicOverlaps.of(readers, firstWins);
        long[][] added = BandStatistics.tally(readers.subList(old, readers.size()),
                nodata.subList(old, readers.size()), (part, x, y, width, height) ->
                        all.hidden(part + old, x, y, width, height), cancelled);
        long[][] after = new long[before.length][];
        for (int b = 0; b < before.length; b++) {
            after[b] = new long[before[b].length];
            for (int v = 0; v < after[b].length; v++) {
                after[b][v] = before[b][v] - covered[b][v] + added[b][v];
            }
        }
        return after;
    }

    /** What a tally is of: the layer's SRID and nodata, the overlap rule and the number of files. */
    static String inputs(RasterLayer layer, boolean firstWins, int files) {
        return String.format(Locale.ROOT, "srid=%s;nodata=%s;%s;files=%d", layer.srid(), layer.nodata(),
                firstWins ? "first-wins" : "last-wins", files);
    }

    /**
     * The tally a mosaic of {@code before} files was counted in, for files added after them, when its files are 8-
     * or 16-bit integers and the tally is stored for them as they are; otherwise null, and every file is read.
     */
    static SourcePlan.Prior prior(DataSource dataSource, RasterLayer layer, boolean firstWins,
                                  org.rasterdesk.raster.RasterInfo info, int before) throws SQLException {
        if (!BandStatistics.tallied(info.pixelType(), info.bandCount())) {
            return null;
        }
        int values = (int) (info.pixelType().max() - info.pixelType().min() + 1);
        return find(dataSource, layer.id(), inputs(layer, firstWins, before), info.bandCount(), values)
                .map(t -> new SourcePlan.Prior(t, before)).orElse(null);
    }

    /** What the log says of a {@link #prior} tally, found or not. */
    static String priorLine(boolean found) {
        return found ? "Statistics: the added files are counted onto the mosaic's stored tally; its other files are "
                + "read only where the added ones cover them."
                : "Statistics: the mosaic has no stored tally of its files as they are; every file is read.";
    }

    /** A tally as text, to keep it between the jobs of a parse on workers; null for none. */
    static String toText(long[][] tally) {
        if (tally == null) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (long[] band : tally) {
            if (s.length() > 0) {
                s.append(';');
            }
            for (int v = 0; v < band.length; v++) {
                if (v > 0) {
                    s.append(',');
                }
                s.append(band[v]);
            }
        }
        return s.toString();
    }

    /** The tally {@link #toText} wrote; null for none. */
    static long[][] fromText(String text) {
        if (text == null) {
            return null;
        }
        String[] bands = text.split(";", -1);
        long[][] tally = new long[bands.length][];
        for (int b = 0; b < bands.length; b++) {
            String[] counts = bands[b].split(",", -1);
            tally[b] = new long[counts.length];
            for (int v = 0; v < counts.length; v++) {
                tally[b][v] = Long.parseLong(counts[v]);
            }
        }
        return tally;
    }

    /** The layer's stored tally when it is of these inputs and bands, else empty. */
    static Optional<long[][]> find(DataSource dataSource, int layerId, String inputs, int bands, int values)
            throws SQLException {
        long[][] tally = new long[bands][];
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT band, counts FROM rasterdesk_bandtally "
                     + "WHERE rasterlayer_id = ? AND inputs = ? ORDER BY band")) {
            ps.setInt(1, layerId);
            ps.setString(2, inputs);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int band = rs.getInt(1);
                    Long[] counts = (Long[]) rs.getArray(2).getArray();
                    if (band < 0 || band >= bands || counts.length != values) {
                        return Optional.empty();
                    }
                    tally[band] = new long[values];
                    for (int v = 0; v < values; v++) {
                        tally[band][v] = counts[v];
                    }
                }
            }
        }
        for (long[] band : tally) {
            if (band == null) {
                return Optional.empty();
            }
        }
        return Optional.of(tally);
    }

    /** Within the transaction that swaps the tiles: the layer's tally is this one, or none. */
    static void replace(Connection tx, int layerId, String inputs, long[][] tally) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("DELETE FROM rasterdesk_bandtally WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            ps.executeUpdate();
        }
        if (tally == null) {
            return;
        }
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO rasterdesk_bandtally "
                + "(rasterlayer_id, band, inputs, counts) VALUES (?, ?, ?, ?)")) {
            for (int b = 0; b < tally.length; b++) {
                Long[] boxed = new Long[tally[b].length];
                for (int v = 0; v < boxed.length; v++) {
                    boxed[v] = tally[b][v];
                }
                Array counts = tx.createArrayOf("bigint", boxed);
                ps.setInt(1, layerId);
                ps.setInt(2, b);
                ps.setString(3, inputs);
                ps.setArray(4, counts);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
