package org.rasterdesk.tiling;

import java.util.ArrayList;
import java.util.List;

/** A rectangle of tiles at one zoom level, bounds inclusive. */
public record TileRange(int z, int minX, int minY, int maxX, int maxY) {

    public TileRange {
        if (minX > maxX || minY > maxY) {
            throw new IllegalArgumentException("empty tile range");
        }
        new TileKey(z, minX, minY);
        new TileKey(z, maxX, maxY);
    }

    public int columns() {
        return maxX - minX + 1;
    }

    public int rows() {
        return maxY - minY + 1;
    }

    public long count() {
        return (long) columns() * rows();
    }

    /** One row of this range, as a range of its own. */
    public TileRange row(int y) {
        return new TileRange(z, minX, y, maxX, y);
    }

    public boolean contains(TileKey key) {
        return key.z() == z && key.x() >= minX && key.x() <= maxX && key.y() >= minY && key.y() <= maxY;
    }

    /** The tiles in row-major order (north to south, west to east). */
    public List<TileKey> keys() {
        List<TileKey> keys = new ArrayList<>((int) Math.min(count(), Integer.MAX_VALUE));
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                keys.add(new TileKey(z, x, y));
            }
        }
        return keys;
    }

    /** The tiles of a coarser (or the same) level that hold this range's tiles. */
    public TileRange atZoom(int coarser) {
        if (coarser > z || coarser < 0) {
            throw new IllegalArgumentException("level " + coarser + " is not coarser than " + z);
        }
        int shift = z - coarser;
        return new TileRange(coarser, minX >> shift, minY >> shift, maxX >> shift, maxY >> shift);
    }

    /** Whether a tile of any level lies within this range, compared at the coarser of the two levels. */
    public boolean covers(TileKey key) {
        if (key.z() >= z) {
            int shift = key.z() - z;
            return contains(new TileKey(z, key.x() >> shift, key.y() >> shift));
        }
        return atZoom(key.z()).contains(key);
    }

    /** The extent in EPSG:3857 metres. */
    public Extent bounds() {
        Extent nw = WebMercator.tileBounds(new TileKey(z, minX, minY));
        Extent se = WebMercator.tileBounds(new TileKey(z, maxX, maxY));
        return new Extent(nw.minX(), se.minY(), se.maxX(), nw.maxY());
    }

    @Override
    public String toString() {
        return "z" + z + " x " + minX + ".." + maxX + " y " + minY + ".." + maxY;
    }
}
