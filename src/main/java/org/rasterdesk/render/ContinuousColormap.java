package org.rasterdesk.render;

import java.util.Map;
import org.rasterdesk.legend.ContinuousStyle;

/**
 * A linear ramp from → (over →) to over a fixed value range, per channel (alpha included), computed as
 * django-raster's rescale_to_channel_range and cut to 8 bits the way numpy's astype('uint8') cuts (toward zero),
 * so that a tile matches django-raster's pixel for pixel. No data and values outside the range are transparent.
 * The range is the layer's, never the tile's own (django-raster's stretch per tile makes neighbours disagree).
 *
 * <p>Differences from django-raster: values equal to the range ends are drawn also in tiles without no data
 * (django-raster leaves them transparent there); with an empty range (min = max), pixels of that value get the
 * {@code to} colour and all others are transparent (django-raster paints them with {@code from}).
 */
public final class ContinuousColormap implements Colormap {

    private final int from;
    private final int to;
    private final Integer over;
    private final double min;
    private final double max;

    public ContinuousColormap(int from, int to, Integer over, double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("range [" + min + ", " + max + "] is empty");
        }
        this.from = from;
        this.to = to;
        this.over = over;
        this.min = min;
        this.max = max;
    }

    /** The style's colours over its own range, or the given one (the band's) when the style has none. */
    public static ContinuousColormap of(ContinuousStyle style, double bandMin, double bandMax) {
        double[] range = style.range();
        return range != null ? new ContinuousColormap(style.from(), style.to(), style.over(), range[0], range[1])
                : new ContinuousColormap(style.from(), style.to(), style.over(), bandMin, bandMax);
    }

    /** django-raster's default: black to white. */
    public static ContinuousColormap grey(double min, double max) {
        return new ContinuousColormap(0xFF000000, 0xFFFFFFFF, null, min, max);
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    @Override
    public Map<String, Integer> paint(double[] values, int[] argb) {
        double span = max - min;
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            double norm;
            if (span == 0) {
                norm = v == min ? 1 : Double.NaN;
            } else {
                norm = (v - min) / span;
            }
            // Written so that NaN (no data) fails the test.
            argb[i] = norm >= 0 && norm <= 1 ? color(norm) : 0;
        }
        return Map.of();
    }

    /** The colour at a position 0..1 of the ramp. */
    public int color(double norm) {
        int c = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int f = (from >>> shift) & 0xFF;
            int t = (to >>> shift) & 0xFF;
            double channel = over == null ? rescale(norm, f, t) : norm < 0.5
                    ? rescale(norm * 2, f, (over >>> shift) & 0xFF)
                    : rescale((norm - 0.5) * 2, (over >>> shift) & 0xFF, t);
            c |= ((int) channel & 0xFF) << shift;
        }
        return c;
    }

    /** django-raster's rescale_to_channel_range, step for step, so that rounding agrees. */
    private static double rescale(double norm, int from, int to) {
        if (from == to) {
            return from;
        }
        double data = to < from ? 1 - norm : norm;
        return data * Math.abs(to - from) + Math.min(to, from);
    }
}
