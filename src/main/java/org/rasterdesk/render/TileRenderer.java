package org.rasterdesk.render;

import java.util.Map;
import org.rasterdesk.tiling.TileData;

/** Draws one band of a tile through a colormap. Stateless and thread safe. */
public final class TileRenderer {

    private TileRenderer() {
    }

    /** Band 0 of the tile, as django-raster draws. */
    public static TileImage render(TileData tile, Colormap colormap) {
        return render(tile, colormap, 0);
    }

    public static TileImage render(TileData tile, Colormap colormap, int band) {
        if (band < 0 || band >= tile.bandCount()) {
            throw new IllegalArgumentException("tile " + tile.key() + " has no band " + band);
        }
        double[] values = valuesOf(tile, band);
        int[] argb = new int[TileImage.SIZE * TileImage.SIZE];
        Map<String, Integer> counts = colormap.paint(values, argb);
        return new TileImage(argb, counts);
    }

    /** The band's samples with no data as NaN, the form colormaps and formulas expect. */
    static double[] valuesOf(TileData tile, int band) {
        double[] samples = tile.bands()[band];
        double nodata = tile.nodata()[band];
        double[] values = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            double v = samples[i];
            values[i] = v == nodata ? Double.NaN : v;
        }
        return values;
    }
}
