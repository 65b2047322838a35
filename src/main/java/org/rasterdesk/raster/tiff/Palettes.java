package org.rasterdesk.raster.tiff;

import java.io.IOException;

/** The colour map (tag 320) of a palette image: 16-bit red, green and blue per index, as ARGB. */
final class Palettes {

    private static final int COLOR_MAP = 320;

    private Palettes() {
    }

    /**
     * @return the colour of each index (2^bits of them), opaque; null when the file has no usable colour map
     */
    static int[] read(Ifd ifd, TiffSampleType type, String name) throws IOException {
        if (!ifd.has(COLOR_MAP) || type.storedBits() > 16 || type.format() != TiffSampleType.UNSIGNED) {
            return null;
        }
        int colors = 1 << type.storedBits();
        if (ifd.count(COLOR_MAP) != 3L * colors) {
            throw new IOException(name + " is damaged: its colour map has " + ifd.count(COLOR_MAP)
                    + " values where " + 3 * colors + " were expected");
        }
        long[] map = ifd.longs(COLOR_MAP);
        // Writers store 16-bit intensities (GDAL: 8-bit × 257); a map of 8-bit values is taken as it is.
        boolean eightBit = true;
        for (long v : map) {
            eightBit &= v <= 255;
        }
        int[] argb = new int[colors];
        for (int i = 0; i < colors; i++) {
            int r = channel(map[i], eightBit);
            int g = channel(map[colors + i], eightBit);
            int b = channel(map[2 * colors + i], eightBit);
            argb[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return argb;
    }

    private static int channel(long v, boolean eightBit) {
        return (int) (eightBit ? v : (v & 0xFFFF) / 256);
    }
}
