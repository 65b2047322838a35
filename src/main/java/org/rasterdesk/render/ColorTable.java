package org.rasterdesk.render;

import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;

/**
 * A colormap's colour for every value an 8- or 16-bit integer band can hold, computed once, so that a tile of such
 * a band is coloured by lookup. Colormaps colour each pixel from its value alone, so the lookup gives the very
 * colours {@link TileRenderer} gives; it only skips the per-pixel arithmetic (a continuous ramp's four channels, a
 * legend's formulas), which was most of the time a map view took to draw its tiles. It gives no per-entry counts.
 * Immutable and thread safe.
 */
final class ColorTable {

    private final PixelType type;
    private final int offset;
    private final int[] colors;
    private final int noData;

    private ColorTable(PixelType type, int[] colors, int noData) {
        this.type = type;
        this.offset = (int) type.min();
        this.colors = colors;
        this.noData = noData;
    }

    /** Whether a pixel type has few enough values (at most 65,536) for a table. */
    static boolean fits(PixelType type) {
        return !type.isFloatingPoint() && type.bytes() <= 2;
    }

    /** The colours of every value of the type through the colormap, and the colour of no data. */
    static ColorTable of(Colormap colormap, PixelType type) {
        if (!fits(type)) {
            throw new IllegalArgumentException("no colour table for " + type);
        }
        int count = (int) (type.max() - type.min()) + 1;
        double[] values = new double[count + 1];
        for (int i = 0; i < count; i++) {
            values[i] = type.min() + i;
        }
        values[count] = Double.NaN;
        int[] argb = new int[count + 1];
        colormap.paint(values, argb);
        int[] colors = new int[count];
        System.arraycopy(argb, 0, colors, 0, count);
        return new ColorTable(type, colors, argb[count]);
    }

    PixelType type() {
        return type;
    }

    /** A band of a tile of this table's pixel type, coloured. */
    TileImage paint(TileData tile, int band) {
        double[] samples = tile.bands()[band];
        double nodata = tile.nodata()[band];
        int[] argb = new int[samples.length];
        for (int i = 0; i < samples.length; i++) {
            double v = samples[i];
            argb[i] = v == nodata ? noData : colors[(int) v - offset];
        }
        return new TileImage(argb, java.util.Map.of());
    }
}
