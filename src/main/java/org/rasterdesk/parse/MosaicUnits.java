package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
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
     * The max-zoom tiles that files added to a mosaic (its parts from {@code before} on) touch, exactly: the union of
     * their covers, without the tiles between them that a cover of them all would take in. Null when there are none.
     */
    static TileCover addedCover(List<SourcePart> parts, int before, int z) {
        SortedMap<Integer, List<int[]>> rows = new TreeMap<>();
        for (int i = before; i < parts.size(); i++) {
            addRows(rows, coverOf(parts.get(i), z), Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return fromRows(z, rows);
    }

    /**
     * The tiles of one job of an addition: rows {@code minY} to {@code maxY} of the added file {@code part}'s tiles,
     * without those an added file before it has (their job makes them), so that no two jobs make the same tile. Null
     * when none are left.
     */
    static TileCover addedTiles(List<SourcePart> parts, int before, int part, int z, int minY, int maxY) {
        SortedMap<Integer, List<int[]>> own = new TreeMap<>();
        addRows(own, coverOf(parts.get(part), z), minY, maxY);
        SortedMap<Integer, List<int[]>> earlier = new TreeMap<>();
        for (int i = before; i < part; i++) {
            addRows(earlier, coverOf(parts.get(i), z), minY, maxY);
        }
        SortedMap<Integer, List<int[]>> left = new TreeMap<>();
        for (Map.Entry<Integer, List<int[]>> row : own.entrySet()) {
            List<int[]> rest = subtract(row.getValue(), earlier.getOrDefault(row.getKey(), List.of()));
            if (!rest.isEmpty()) {
                left.put(row.getKey(), rest);
            }
        }
        return fromRows(z, left);
    }

    /** Adds the cover's rows within {@code minY} to {@code maxY} to {@code rows} (x intervals, merged and sorted). */
    private static void addRows(SortedMap<Integer, List<int[]>> rows, TileCover cover, int minY, int maxY) {
        if (cover == null) {
            return;
        }
        for (int y = Math.max(minY, cover.minY()); y <= Math.min(maxY, cover.maxY()); y++) {
            List<int[]> row = new ArrayList<>(rows.getOrDefault(y, List.of()));
            for (TileRange piece : cover.row(y)) {
                row.add(new int[] {piece.minX(), piece.maxX()});
            }
            rows.put(y, merge(row));
        }
    }

    private static List<int[]> merge(List<int[]> intervals) {
        List<int[]> sorted = new ArrayList<>(intervals);
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] next : sorted) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], next[1]);
            } else {
                merged.add(new int[] {next[0], next[1]});
            }
        }
        return merged;
    }

    /** The x intervals of {@code from} outside those of {@code away} (both merged and sorted). */
    private static List<int[]> subtract(List<int[]> from, List<int[]> away) {
        List<int[]> rest = new ArrayList<>();
        for (int[] interval : from) {
            int start = interval[0];
            for (int[] cut : away) {
                if (cut[1] < start || cut[0] > interval[1]) {
                    continue;
                }
                if (cut[0] > start) {
                    rest.add(new int[] {start, cut[0] - 1});
                }
                start = Math.max(start, cut[1] + 1);
            }
            if (start <= interval[1]) {
                rest.add(new int[] {start, interval[1]});
            }
        }
        return rest;
    }

    /**
     * Rows of x intervals as rectangles: rows in a row that have the same intervals share them. Within a row the
     * pieces run west to east, as the warp hands rows out.
     */
    private static TileCover fromRows(int z, SortedMap<Integer, List<int[]>> rows) {
        List<TileRange> pieces = new ArrayList<>();
        Integer startY = null;
        Integer lastY = null;
        List<int[]> current = null;
        for (Map.Entry<Integer, List<int[]>> row : rows.entrySet()) {
            boolean continues = current != null && row.getKey() == lastY + 1 && same(current, row.getValue());
            if (!continues) {
                if (current != null) {
                    addPieces(pieces, z, current, startY, lastY);
                }
                current = row.getValue();
                startY = row.getKey();
            }
            lastY = row.getKey();
        }
        if (current != null) {
            addPieces(pieces, z, current, startY, lastY);
        }
        return pieces.isEmpty() ? null : new TileCover(z, pieces);
    }

    private static boolean same(List<int[]> a, List<int[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static void addPieces(List<TileRange> pieces, int z, List<int[]> intervals, int minY, int maxY) {
        for (int[] interval : intervals) {
            pieces.add(new TileRange(z, interval[0], minY, interval[1], maxY));
        }
    }

    /** A cover as text ("minX,minY,maxX,maxY" per piece, ";" between), to keep it between jobs. */
    static String toText(TileCover cover) {
        StringBuilder s = new StringBuilder();
        for (TileRange r : cover.parts()) {
            if (s.length() > 0) {
                s.append(';');
            }
            s.append(r.minX()).append(',').append(r.minY()).append(',').append(r.maxX()).append(',').append(r.maxY());
        }
        return s.toString();
    }

    /** The cover {@link #toText} wrote, at zoom {@code z}. */
    static TileCover fromText(int z, String text) {
        List<TileRange> pieces = new ArrayList<>();
        for (String piece : text.split(";")) {
            String[] n = piece.split(",");
            pieces.add(new TileRange(z, Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]),
                    Integer.parseInt(n[3])));
        }
        return new TileCover(z, pieces);
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
