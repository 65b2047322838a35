package org.rasterdesk.raster.tiff;

import java.io.IOException;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * The sample type of a TIFF image from its BitsPerSample and SampleFormat tags, as GDAL maps it: 8, 16, 32 and
 * 64-bit integers and floats; unsigned integers of 1 to 31 bits packed tightly (1, 2 and 4-bit masks and palette
 * images, GDAL's NBITS) read as the smallest type that holds them; 16-bit floats read as Float32. Types a PostGIS
 * raster cannot hold — complex numbers, 64-bit integers — are refused with a sentence saying so.
 *
 * @param pixelType  the type the samples are read as
 * @param storedBits the bits one sample takes in the file
 */
record TiffSampleType(PixelType pixelType, int storedBits, int format) {

    static final int UNSIGNED = 1;
    static final int SIGNED = 2;
    static final int FLOAT = 3;

    /** Whether samples are packed below a byte boundary or in unusual widths, to be unpacked bit by bit. */
    boolean packed() {
        return format != FLOAT && storedBits != pixelType.bytes() * 8;
    }

    /** Whether the samples are IEEE half-precision floats, widened to Float32. */
    boolean half() {
        return format == FLOAT && storedBits == 16;
    }

    static TiffSampleType read(Ifd ifd, String name) throws IOException {
        long[] bits = ifd.longs(258);
        long[] formats = ifd.longs(339);
        int storedBits = bits == null || bits.length == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, bits[0]);
        int format = formats == null || formats.length == 0 ? UNSIGNED : (int) formats[0];
        for (int i = 1; bits != null && i < bits.length; i++) {
            if (bits[i] != storedBits || (formats != null && i < formats.length && formats[i] != format)) {
                throw new IOException(name + " has bands of different sample types, which is not supported");
            }
        }
        return of(name, format, storedBits);
    }

    static TiffSampleType of(String name, int format, int bits) throws IOException {
        if (format == 5 || format == 6) {
            throw new IOException(name + " holds complex numbers (" + (format == 5 ? "CInt" : "CFloat") + bits
                    + "), which a PostGIS raster cannot hold; convert them to real values first (e.g. their "
                    + "amplitude with gdal_translate or gdal_calc)");
        }
        if (bits == 64 && (format == UNSIGNED || format == SIGNED)) {
            throw new IOException(name + " holds 64-bit integers (" + (format == SIGNED ? "Int64" : "UInt64")
                    + "), which a PostGIS raster cannot hold (its largest integers have 32 bits); convert them "
                    + "with gdal_translate -ot Float64 or Int32 first");
        }
        PixelType type = switch (format * 100 + bits) {
            case 108 -> PixelType.BYTE;
            case 208 -> PixelType.INT8;
            case 116 -> PixelType.UINT16;
            case 216 -> PixelType.INT16;
            case 132 -> PixelType.UINT32;
            case 232 -> PixelType.INT32;
            case 316, 332 -> PixelType.FLOAT32;
            case 364 -> PixelType.FLOAT64;
            default -> null;
        };
        if (type == null && format == UNSIGNED && bits >= 1 && bits < 32) {
            type = bits <= 8 ? PixelType.BYTE : bits <= 16 ? PixelType.UINT16 : PixelType.UINT32;
        }
        if (type == null) {
            throw new IOException(name + " has " + bits + "-bit samples of format " + format
                    + ", which is not supported (1 to 32-bit unsigned, 8 to 32-bit signed integers and 16, 32 or "
                    + "64-bit floats are)");
        }
        return new TiffSampleType(type, bits, format);
    }
}
