package org.rasterdesk.tiling;

import org.rasterdesk.raster.pixel.PixelType;

/**
 * The samples of one 256×256 tile in EPSG:3857, every band, indexed [band][row * 256 + col].
 * Pixels outside the data hold the band's nodata value. The tiles a parse makes hold their samples in their own
 * pixel type ({@link #packed}, {@link TileSamples}); {@link #bands()} gives them as doubles to readers that want
 * those.
 */
public final class TileData {

    public static final int SIZE = 256;

    private final TileKey key;
    private final PixelType pixelType;
    private final double[] nodata;
    private final TileSamples[] samples;
    /** The samples as doubles, made on first demand for a tile held in its own type. */
    private volatile double[][] doubles;

    /**
     * A tile held as the given doubles (not copied; a change to them shows in the tile).
     *
     * @param nodata per band the nodata value written into the tile band (NaN allowed for floating point types)
     */
    public TileData(TileKey key, PixelType pixelType, double[] nodata, double[][] bands) {
        this.key = key;
        this.pixelType = pixelType;
        this.nodata = nodata;
        this.samples = new TileSamples[bands.length];
        for (int b = 0; b < bands.length; b++) {
            samples[b] = TileSamples.wrap(bands[b]);
        }
        this.doubles = bands;
    }

    TileData(TileKey key, PixelType pixelType, double[] nodata, TileSamples[] samples) {
        this.key = key;
        this.pixelType = pixelType;
        this.nodata = nodata;
        this.samples = samples;
    }

    /**
     * A tile of samples computed as doubles, copied into the pixel type (a band whose nodata value the type does not
     * hold is copied as doubles). The values must be values of the type, as fitted samples are.
     */
    public static TileData packed(TileKey key, PixelType pixelType, double[] nodata, double[][] bands) {
        return packed(key, pixelType, nodata, bands, null);
    }

    /** As {@link #packed(TileKey, PixelType, double[], double[][])}, in recycled bands when there are some. */
    static TileData packed(TileKey key, PixelType pixelType, double[] nodata, double[][] bands,
                           RecycledSamples recycled) {
        TileSamples[] samples = new TileSamples[bands.length];
        for (int b = 0; b < bands.length; b++) {
            samples[b] = TileSamples.of(pixelType, nodata[b], bands[b], recycled);
        }
        return new TileData(key, pixelType, nodata, samples);
    }

    public TileKey key() {
        return key;
    }

    public PixelType pixelType() {
        return pixelType;
    }

    public double[] nodata() {
        return nodata;
    }

    /** The samples as doubles, [band][row * 256 + col]; for a tile held in its own type, a copy made once. */
    public double[][] bands() {
        double[][] d = doubles;
        if (d == null) {
            d = new double[samples.length][];
            for (int b = 0; b < d.length; b++) {
                d[b] = samples[b].doubles();
            }
            doubles = d;
        }
        return d;
    }

    /** One band's samples as held. */
    public TileSamples samples(int band) {
        return samples[band];
    }

    public int bandCount() {
        return samples.length;
    }

    public boolean isNodata(int band, double value) {
        return Double.isNaN(value) ? true : value == nodata[band];
    }

    /** Whether every pixel of every band is nodata. */
    public boolean isEmpty() {
        for (int b = 0; b < samples.length; b++) {
            if (!samples[b].allNodata(nodata[b])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "TileData[" + key + ", " + pixelType + ", " + samples.length + " band(s)]";
    }
}
