package org.rasterdesk.ui.map;

/**
 * What a layer's bands show on the map: one band through the layer's colormap, or three bands as the red, green and
 * blue of an RGB composite. Bands are 0-based.
 *
 * @param red   the band shown alone, or the red band of a composite
 * @param green the composite's green band, -1 for one band
 * @param blue  the composite's blue band, -1 for one band
 */
public record BandDisplay(int red, int green, int blue) {

    public BandDisplay {
        if (red < 0 || (green < 0) != (blue < 0) || green < -1 || blue < -1) {
            throw new IllegalArgumentException("not a band display: " + red + "," + green + "," + blue);
        }
    }

    /** One band with the layer's colormap. */
    public static BandDisplay band(int band) {
        return new BandDisplay(band, -1, -1);
    }

    public static BandDisplay rgb(int red, int green, int blue) {
        if (green < 0 || blue < 0) {
            throw new IllegalArgumentException("an RGB composite needs three bands");
        }
        return new BandDisplay(red, green, blue);
    }

    public boolean isRgb() {
        return green >= 0;
    }

    /** The band shown alone (the red band of a composite). */
    public int band() {
        return red;
    }

    /** Whether a layer of this many bands has the bands shown. */
    public boolean fits(int bandCount) {
        return red < bandCount && green < bandCount && blue < bandCount;
    }

    /** "band 2", "RGB 1·2·3": 1-based, as users count bands. */
    @Override
    public String toString() {
        return isRgb() ? "RGB " + (red + 1) + "·" + (green + 1) + "·" + (blue + 1) : "band " + (red + 1);
    }
}
