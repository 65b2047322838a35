package org.rasterdesk.raster.tiff;

import java.io.IOException;

/**
 * The TIFF compressions RasterDesk reads, as libtiff (and so GDAL) writes them, and the checks of what each can hold.
 * Every decoder fills a buffer of the block's declared size and never writes past it, so a stream that would
 * decode to more (a decompression bomb) is cut off, and a shorter one is reported as damage.
 */
final class TiffCodecs {

    static final int NONE = 1;
    static final int LZW = 5;
    static final int OJPEG = 6;
    static final int JPEG = 7;
    static final int ADOBE_DEFLATE = 8;
    static final int PACKBITS = 32773;
    static final int DEFLATE = 32946;
    static final int LERC = 34887;
    static final int LZMA = 34925;
    static final int ZSTD = 50000;
    static final int WEBP = 50001;

    /** The names users know them by, in the order the refusal sentence lists them. */
    static final String SUPPORTED = "none, LZW, DEFLATE, PackBits, JPEG, ZSTD, LZMA, WebP and LERC (also with "
            + "DEFLATE or ZSTD)";

    private TiffCodecs() {
    }

    static String name(int code) {
        return switch (code) {
            case NONE -> "none";
            case LZW -> "LZW";
            case OJPEG -> "old-style JPEG";
            case JPEG -> "JPEG";
            case ADOBE_DEFLATE, DEFLATE -> "DEFLATE";
            case PACKBITS -> "PackBits";
            case LERC -> "LERC";
            case LZMA -> "LZMA";
            case ZSTD -> "ZSTD";
            case WEBP -> "WebP";
            case 34712 -> "JPEG 2000";
            case 50002 -> "JPEG XL";
            default -> "code " + code;
        };
    }

    /** Refuses a compression, predictor or sample type combination that cannot be read, with one sentence. */
    static void check(String file, int compression, int predictor, int photometric, TiffSampleType type,
                      int samplesPerPixel) throws IOException {
        switch (compression) {
            case NONE, LZW, ADOBE_DEFLATE, DEFLATE, PACKBITS, LZMA, ZSTD, LERC -> { }
            case JPEG -> {
                if (type.storedBits() != 8 || type.format() != TiffSampleType.UNSIGNED) {
                    throw new IOException(file + " uses JPEG compression with " + type.storedBits()
                            + "-bit samples, which is not supported (8-bit JPEG is)");
                }
            }
            case WEBP -> {
                if (type.pixelType() != org.rasterdesk.raster.pixel.PixelType.BYTE || type.packed()
                        || (samplesPerPixel != 3 && samplesPerPixel != 4)) {
                    throw new IOException(file + " uses WebP compression for other than 3 or 4 bands of 8-bit "
                            + "samples, which WebP cannot hold");
                }
            }
            default -> throw new IOException(file + " uses TIFF compression " + name(compression)
                    + ", which is not supported (supported: " + SUPPORTED + ")");
        }
        if (photometric == 6 && compression != JPEG) {
            throw new IOException(file + " stores YCbCr samples without JPEG compression, which is not supported");
        }
        if (predictor != 1 && predictor != 2 && predictor != 3) {
            throw new IOException(file + " uses an unknown predictor " + predictor);
        }
        if (predictor == 3 && !type.pixelType().isFloatingPoint()) {
            throw new IOException(file + " uses the floating point predictor on integer samples");
        }
        if (predictor != 1 && type.packed()) {
            throw new IOException(file + " uses a predictor on " + type.storedBits() + "-bit samples, which TIFF "
                    + "does not allow");
        }
    }

    /**
     * Whether {@link #decompress} reports the bytes it really wrote, so that a block shorter than declared is caught
     * and a reused array holds nothing of the block before. JPEG, WebP and LERC decode into the array as far as
     * their image goes and report the whole array.
     */
    static boolean countsWrittenBytes(int compression) {
        return switch (compression) {
            case NONE, LZW, ADOBE_DEFLATE, DEFLATE, PACKBITS, ZSTD, LZMA -> true;
            default -> false;
        };
    }

    /**
     * Decodes one block's stored bytes into {@code raw}.
     *
     * @return the number of bytes produced
     */
    static int decompress(TiffLayout layout, byte[] data, byte[] raw, int width, int rows, int bands,
                          java.nio.ByteOrder order) throws IOException {
        try {
            return switch (layout.compression) {
                case NONE -> {
                    int len = Math.min(data.length, raw.length);
                    System.arraycopy(data, 0, raw, 0, len);
                    yield len;
                }
                case LZW -> Decompressors.lzw(data, raw);
                case ADOBE_DEFLATE, DEFLATE -> Decompressors.inflate(data, raw);
                case PACKBITS -> Decompressors.packBits(data, raw);
                case ZSTD -> Decompressors.zstd(data, raw);
                case LZMA -> Decompressors.lzma(data, raw);
                case JPEG -> {
                    JpegBlocks.decode(data, layout.jpegTables, width, rows, bands, layout.photometric == 6, raw);
                    yield raw.length;
                }
                case WEBP -> {
                    WebpBlocks.decode(data, width, rows, bands, raw);
                    yield raw.length;
                }
                case LERC -> Lerc2.decodeBlock(data, layout.lercParameters, layout.sampleType, width, rows, bands,
                        raw, order);
                default -> throw new IOException("unsupported compression " + name(layout.compression));
            };
        } catch (RuntimeException e) {
            // Decoders of damaged streams fail in many ways; each is one sentence about the damage.
            throw new IOException("damaged " + name(layout.compression) + " data (" + e + ")", e);
        }
    }
}
