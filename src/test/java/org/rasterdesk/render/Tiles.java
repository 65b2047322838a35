package org.rasterdesk.render;

import java.util.Arrays;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** Test tiles. */
final class Tiles {

    static final int N = TileData.SIZE * TileData.SIZE;

    private Tiles() {
    }

    /** A Float32 tile whose first pixels hold the values, the rest nodata. */
    static TileData of(TileKey key, double nodata, double... values) {
        double[] samples = new double[N];
        Arrays.fill(samples, nodata);
        System.arraycopy(values, 0, samples, 0, values.length);
        return new TileData(key, PixelType.FLOAT32, new double[] {nodata}, new double[][] {samples});
    }

    static TileData of(double nodata, double... values) {
        return of(new TileKey(0, 0, 0), nodata, values);
    }

    /** A tile whose every pixel holds a value from its column and row, to see where pixels go. */
    static TileData pattern(TileKey key) {
        double[] samples = new double[N];
        for (int i = 0; i < N; i++) {
            samples[i] = i;
        }
        return new TileData(key, PixelType.FLOAT64, new double[] {-1}, new double[][] {samples});
    }
}
