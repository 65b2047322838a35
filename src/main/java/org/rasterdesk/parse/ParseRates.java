package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * How fast parses go and how big their tiles are, measured over the last finished parses of the database (whole
 * parse time per tile, stored bytes per tile); assumed figures while none has finished.
 *
 * @param measuredRuns how many parses the figures come from; 0 when they are assumed
 */
public record ParseRates(double tilesPerSecond, double bytesPerTile, int measuredRuns) {

    /** Figures of a busy two-core machine, for a database that has not finished a parse yet. */
    static final ParseRates ASSUMED = new ParseRates(100, 40_000, 0);

    private static final int RUNS = 20;

    /** The rates of the database's last finished parses, or {@link #ASSUMED} when there are none. */
    public static ParseRates measured(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), sum(tiles), sum(bytes), "
                     + "sum(extract(epoch FROM finished - started)) FROM (SELECT tiles, bytes, started, finished "
                     + "FROM rasterdesk_parse WHERE outcome = 'finished' AND tiles > 0 AND bytes IS NOT NULL "
                     + "ORDER BY finished DESC LIMIT " + RUNS + ") last")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int runs = rs.getInt(1);
                double tiles = rs.getDouble(2);
                double seconds = rs.getDouble(4);
                if (runs == 0 || tiles <= 0 || seconds <= 0) {
                    return ASSUMED;
                }
                return new ParseRates(tiles / seconds, rs.getDouble(3) / tiles, runs);
            }
        } catch (SQLException e) {
            return ASSUMED;
        }
    }

    /** "at 240 tiles/s and 38 KB per tile, measured over the last 12 parses". */
    public String describe() {
        String figures = String.format(Locale.ROOT, "%.0f tiles/s and %.0f KB per tile", tilesPerSecond,
                bytesPerTile / 1000);
        return measuredRuns == 0 ? figures + " (assumed: no parse has finished in this database yet)"
                : figures + ", measured over the last " + (measuredRuns == 1 ? "parse" : measuredRuns + " parses");
    }
}
