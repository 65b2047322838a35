package org.rasterdesk.render;

import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** Cuts the part of an ancestor tile that covers a descendant and blows it up by nearest neighbour. */
public final class TileUpsampler {

    private static final int SIZE = TileData.SIZE;

    private TileUpsampler() {
    }

    /**
     * The descendant's 256×256 samples taken from its ancestor (the tile itself when the keys are equal).
     *
     * @throws IllegalArgumentException when {@code ancestor} does not cover {@code target}
     */
    public static TileData crop(TileData ancestor, TileKey target) {
        TileKey a = ancestor.key();
        int dz = target.z() - a.z();
        if (dz < 0 || (target.x() >> dz) != a.x() || (target.y() >> dz) != a.y()) {
            throw new IllegalArgumentException("tile " + a + " is not an ancestor of " + target);
        }
        if (dz == 0) {
            return ancestor;
        }
        long scale = 1L << dz;
        // A child pixel's centre (k + 0.5) / scale in ancestor pixels floors to k / scale, as scale is even.
        long offsetX = (target.x() - ((long) a.x() << dz)) * SIZE;
        long offsetY = (target.y() - ((long) a.y() << dz)) * SIZE;
        int[] cols = new int[SIZE];
        for (int c = 0; c < SIZE; c++) {
            cols[c] = (int) ((offsetX + c) / scale);
        }
        double[][] bands = new double[ancestor.bandCount()][];
        for (int b = 0; b < bands.length; b++) {
            double[] from = ancestor.bands()[b];
            double[] to = new double[SIZE * SIZE];
            for (int r = 0; r < SIZE; r++) {
                int srcRow = (int) ((offsetY + r) / scale) * SIZE;
                int dst = r * SIZE;
                for (int c = 0; c < SIZE; c++) {
                    to[dst + c] = from[srcRow + cols[c]];
                }
            }
            bands[b] = to;
        }
        return new TileData(target, ancestor.pixelType(), ancestor.nodata().clone(), bands);
    }
}
