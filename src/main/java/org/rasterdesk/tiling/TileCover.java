package org.rasterdesk.tiling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tiles of one zoom level that a raster covers: one rectangle, or two for a raster across the antimeridian
 * (one at each edge of the world). Rows are handed out west to east, so the pyramid gets them in row-major order.
 */
public record TileCover(int z, List<TileRange> parts) {

    public TileCover {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a tile cover needs at least one range");
        }
    }

    /** The tiles covering the extents at zoom {@code z}; ranges that meet or overlap become one. Null if none. */
    public static TileCover of(int z, List<Extent> extents) {
        List<TileRange> ranges = new ArrayList<>();
        for (Extent e : extents) {
            TileRange r = e == null ? null : WebMercator.tilesCovering(z, e);
            if (r != null) {
                ranges.add(r);
            }
        }
        if (ranges.isEmpty()) {
            return null;
        }
        return merged(z, ranges);
    }

    /** The tiles of a coarser (or the same) zoom that hold this cover's tiles: their parents, grandparents... */
    public TileCover atZoom(int coarser) {
        List<TileRange> ranges = new ArrayList<>();
        for (TileRange part : parts) {
            ranges.add(part.atZoom(coarser));
        }
        return merged(coarser, ranges);
    }

    /** Whether a tile of this cover's zoom is in it. */
    public boolean contains(TileKey key) {
        for (TileRange part : parts) {
            if (part.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** Ranges that meet or overlap in x become one, so that no tile is in two parts. */
    private static TileCover merged(int z, List<TileRange> unsorted) {
        List<TileRange> ranges = new ArrayList<>(unsorted);
        ranges.sort(Comparator.comparingInt(TileRange::minX));
        List<TileRange> merged = new ArrayList<>();
        TileRange current = ranges.get(0);
        for (TileRange next : ranges.subList(1, ranges.size())) {
            if (next.minX() <= current.maxX() + 1) {
                current = new TileRange(z, current.minX(), Math.min(current.minY(), next.minY()),
                        Math.max(current.maxX(), next.maxX()), Math.max(current.maxY(), next.maxY()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return new TileCover(z, merged);
    }

    /** The single range of a cover of one part (most rasters), else null. */
    public TileRange single() {
        return parts.size() == 1 ? parts.get(0) : null;
    }

    public long count() {
        return parts.stream().mapToLong(TileRange::count).sum();
    }

    public int minY() {
        return parts.stream().mapToInt(TileRange::minY).min().orElseThrow();
    }

    public int maxY() {
        return parts.stream().mapToInt(TileRange::maxY).max().orElseThrow();
    }

    /** Tiles across, over all parts. */
    public int columns() {
        return parts.stream().mapToInt(TileRange::columns).sum();
    }

    public int rows() {
        return maxY() - minY() + 1;
    }

    /** The pieces of row {@code y}, west to east. */
    public List<TileRange> row(int y) {
        List<TileRange> row = new ArrayList<>(parts.size());
        for (TileRange part : parts) {
            if (y >= part.minY() && y <= part.maxY()) {
                row.add(part.row(y));
            }
        }
        return row;
    }
}
