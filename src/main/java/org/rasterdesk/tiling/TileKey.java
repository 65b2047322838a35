package org.rasterdesk.tiling;

/** The address of a tile in the XYZ scheme (y = 0 at the north edge). */
public record TileKey(int z, int x, int y) {

    public TileKey {
        if (z < 0 || z > 30) {
            throw new IllegalArgumentException("zoom out of range: " + z);
        }
        int n = 1 << z;
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException("tile " + z + "/" + x + "/" + y + " is outside the grid");
        }
    }

    public TileKey parent() {
        return new TileKey(z - 1, x >> 1, y >> 1);
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
