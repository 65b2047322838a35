package org.rasterdesk.raster;

import java.io.IOException;

/** A raster held in memory, indexed [band][row * width + col]; for tests and for small derived rasters. */
public final class ArrayRasterReader implements RasterReader {

    private final RasterInfo info;
    private final double[][] bands;
    private long samplesRead;

    public ArrayRasterReader(RasterInfo info, double[][] bands) {
        if (bands.length != info.bandCount()) {
            throw new IllegalArgumentException("expected " + info.bandCount() + " bands, got " + bands.length);
        }
        for (double[] band : bands) {
            if (band.length != (long) info.width() * info.height()) {
                throw new IllegalArgumentException("a band must hold width * height samples");
            }
        }
        this.info = info;
        this.bands = bands;
    }

    @Override
    public RasterInfo info() {
        return info;
    }

    @Override
    public double[][] read(int x, int y, int width, int height) throws IOException {
        if (x < 0 || y < 0 || width < 0 || height < 0 || x + width > info.width() || y + height > info.height()) {
            throw new IOException("window " + x + "," + y + " " + width + "x" + height + " is outside the raster "
                    + info.width() + "x" + info.height());
        }
        double[][] out = new double[bands.length][width * height];
        for (int b = 0; b < bands.length; b++) {
            for (int row = 0; row < height; row++) {
                System.arraycopy(bands[b], (y + row) * info.width() + x, out[b], row * width, width);
            }
        }
        samplesRead += (long) width * height;
        return out;
    }

    /** How many pixels the windows read so far held, to check that callers read windows and not everything. */
    public long pixelsRead() {
        return samplesRead;
    }

    @Override
    public void close() {
    }
}
