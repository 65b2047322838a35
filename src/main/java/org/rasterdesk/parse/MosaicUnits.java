package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.SourceFootprint;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;

/**
 * The units of work of a mosaic's max zoom on workers: each file alone, warped onto the tiles its footprint touches, a
 * large file cut into blocks of tile rows. Each unit's tiles go to a run of their own; {@link PendingPyramid} paints
 * them where files overlap. A local parse warps the files tile by tile instead and paints them as it goes
 * ({@link org.rasterdesk.tiling.MosaicWarper}), the same rule, so both make the same tiles.
 */
final class MosaicUnits {

    /** One unit: rows {@code minY} to {@code maxY} of the max-zoom tiles of the mosaic's file {@code part}. */
    record Unit(int part, int minY, int maxY) {
    }

    private MosaicUnits() {
    }

    /** The max-zoom tiles a file touches, or null when it lies outside web mercator's world. */
    static TileCover coverOf(SourcePart part, int z) {
        return TileCover.of(z, SourceFootprint.parts(part.projection()));
    }

    /**
     * Every file's tiles, in the list's order, cut into blocks of about {@code blockTiles} tiles (whole rows; a file
     * of fewer tiles is one unit).
     */
    static List<Unit> plan(List<SourcePart> parts, int z, int blockTiles) {
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            TileCover cover = coverOf(parts.get(i), z);
            if (cover == null) {
                continue;
            }
            int rowCount = cover.maxY() - cover.minY() + 1;
            int rows = Math.max(1, Math.min(rowCount, blockTiles / cover.columns()));
            for (int y = cover.minY(); y <= cover.maxY(); y += rows) {
                units.add(new Unit(i, y, Math.min(cover.maxY(), y + rows - 1)));
            }
        }
        return units;
    }

    /** The unit's tiles: its file's cover within its rows, or null when there are none. */
    static TileCover tilesOf(SourcePart part, int z, int minY, int maxY) {
        TileCover cover = coverOf(part, z);
        if (cover == null) {
            return null;
        }
        return within(cover, minY, maxY);
    }

    /** The cover's pieces within rows {@code minY} to {@code maxY}, or null when there are none. */
    static TileCover within(TileCover cover, int minY, int maxY) {
        List<TileRange> pieces = new ArrayList<>();
        for (TileRange piece : cover.parts()) {
            int y0 = Math.max(minY, piece.minY());
            int y1 = Math.min(maxY, piece.maxY());
            if (y0 <= y1) {
                pieces.add(new TileRange(piece.z(), piece.minX(), y0, piece.maxX(), y1));
            }
        }
        return pieces.isEmpty() ? null : new TileCover(cover.z(), pieces);
    }

    /**
     * Makes a unit's max-zoom tiles with the production given (its run, threads and cancel), the file warped alone.
     */
    static TileProduction.Counts make(TileProduction production, SourcePart part, int z, int minY, int maxY,
                                      Resampling resampling, Reduction reduction, double[] tileNodata)
            throws IOException, SQLException, ParseCancelledException {
        TileCover tiles = tilesOf(part, z, minY, maxY);
        if (tiles == null) {
            return new TileProduction.Counts(new TreeMap<>(Map.of(z, 0L)), new TreeMap<>(Map.of(z, 0L)));
        }
        return production.run(List.of(part), false, tiles, z, resampling, reduction, tileNodata);
    }

    /**
     * For the log: "file 3 of 12 (scene_03.tif, 212 tiles, 4.1 s)", with the rows when the file was cut
     * ("file 3 of 12 rows 40–47 (…)").
     *
     * @param whole whether the unit is the file's only one
     */
    static String describe(int part, int files, boolean whole, int minY, int maxY, String name, long tiles,
                           double seconds) {
        return String.format(Locale.ROOT, "file %d of %d%s (%s, %s, %.1f s)", part + 1, files,
                whole ? "" : " rows " + minY + "–" + maxY, name, Counted.of(tiles, "tile"), seconds);
    }
}
