package org.rasterdesk.render;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;

/**
 * Three bands of a layer drawn as the red, green and blue of the image, as django-raster's rgb tiles do (its
 * algebra endpoint with layers {@code r:0=ID,g:1=ID,b:2=ID} and {@code scale=MIN,MAX}): each band's value clipped to
 * [min, max], rescaled to 0..255 and cut to 8 bits toward zero (numpy's {@code astype('uint8')}).
 *
 * <p>Differences from django-raster, on purpose: the rescale is {@code 255 (v − min) / (max − min)} (django-raster
 * divides by max alone, which agrees only when min is 0); without a scale django-raster casts raw values to 8 bits
 * (wrapping values past 255), here the default scale is 0–255 for Byte bands (the same pixels) and the three bands'
 * common range from their statistics for other types (one scale for all three keeps the colours' balance); pixels
 * where all three bands hold no data are transparent (django-raster paints them opaque, black when nodata is 0)
 * while one channel at its nodata value is a colour like any other (pure red has blue 0).
 *
 * @param red   0-based band drawn as red
 * @param green 0-based band drawn as green
 * @param blue  0-based band drawn as blue
 */
public record RgbComposite(int red, int green, int blue, double min, double max) {

    public RgbComposite {
        if (red < 0 || green < 0 || blue < 0) {
            throw new IllegalArgumentException("bands are counted from 0");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException("the scale [" + min + ", " + max + "] is empty");
        }
    }

    /**
     * The composite of three bands with the default scale: 0–255 when the bands are Byte, else from the lowest
     * minimum to the highest maximum of the three bands' statistics (0–255 when they are unknown or flat).
     *
     * @param types the layer's band pixel types (empty when unknown)
     * @param bands the layer's band statistics, by band
     */
    public static RgbComposite of(int red, int green, int blue, List<PixelType> types, List<BandMetadata> bands) {
        boolean bytes = !types.isEmpty() && types.stream().allMatch(t -> t == PixelType.BYTE);
        Optional<BandMetadata> r = band(bands, red);
        Optional<BandMetadata> g = band(bands, green);
        Optional<BandMetadata> b = band(bands, blue);
        if (bytes || r.isEmpty() || g.isEmpty() || b.isEmpty()) {
            return new RgbComposite(red, green, blue, 0, 255);
        }
        double min = Math.min(r.get().min(), Math.min(g.get().min(), b.get().min()));
        double max = Math.max(r.get().max(), Math.max(g.get().max(), b.get().max()));
        return min < max ? new RgbComposite(red, green, blue, min, max) : new RgbComposite(red, green, blue, 0, 255);
    }

    private static Optional<BandMetadata> band(List<BandMetadata> bands, int index) {
        return bands.stream().filter(m -> m.band() == index).findFirst();
    }

    /** The bands named in the layer's terms: "bands 1, 2, 3 as red, green, blue, scaled 0–255". */
    public String describe() {
        return "bands " + (red + 1) + ", " + (green + 1) + ", " + (blue + 1) + " as red, green, blue, scaled "
                + number(min) + "–" + number(max);
    }

    /** The composite's image of a tile. */
    public TileImage paint(TileData tile) {
        int bands = tile.bandCount();
        if (red >= bands || green >= bands || blue >= bands) {
            throw new IllegalArgumentException("tile " + tile.key() + " has " + bands + " bands, not the "
                    + (Math.max(red, Math.max(green, blue)) + 1) + " an RGB composite of " + describe() + " needs");
        }
        double[] r = tile.bands()[red];
        double[] g = tile.bands()[green];
        double[] b = tile.bands()[blue];
        int[] argb = new int[TileImage.SIZE * TileImage.SIZE];
        for (int i = 0; i < argb.length; i++) {
            double rv = r[i];
            double gv = g[i];
            double bv = b[i];
            if (tile.isNodata(red, rv) && tile.isNodata(green, gv) && tile.isNodata(blue, bv)) {
                continue;
            }
            argb[i] = 0xFF000000 | channel(rv) << 16 | channel(gv) << 8 | channel(bv);
        }
        return new TileImage(argb, Map.of());
    }

    private int channel(double v) {
        if (!(v > min)) {
            // At or below the scale's floor, and NaN (a float band's no data among channels with data).
            return 0;
        }
        if (v >= max) {
            return 255;
        }
        // Written as django-raster computes it, so that the cut to 8 bits agrees at whole values.
        return (int) (255 * (v - min) / (max - min));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
