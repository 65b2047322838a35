package org.rasterdesk.tiling.wkb;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileSamples;

/**
 * Encodes and decodes PostGIS raster WKB (PostGIS raster/doc/RFC2-WellKnownBinaryFormat), the form in which
 * tiles travel to and from the database ({@code ST_RastFromWKB}, {@code ST_AsBinary}).
 *
 * <p>Written little endian, read in both byte orders. In-database bands only: an offline band (a path to a file)
 * is refused. PostGIS's sub-byte types (1BB, 2BUI, 4BUI) and 16BF have no {@link PixelType} and are refused too.
 *
 * <p>The encoder sets a band's "isNodataValue" flag when every pixel equals its nodata value, as PostGIS does
 * after checking a band: {@code ST_BandIsNoData} then answers without a scan, and PostGIS still reads the pixels
 * (the flag is a hint, they are written in full).
 *
 * <p>This is on the tile-writing hot path: samples go straight into one heap buffer with absolute puts, no
 * boxing and no intermediate arrays.
 */
public final class RasterWkb {

    /** Bytes of the raster header: endianness, version, bands, 6 doubles, srid, width, height. */
    public static final int HEADER_SIZE = 1 + 2 + 2 + 6 * 8 + 4 + 2 + 2;

    private static final int FLAG_OFFLINE = 0x80;
    private static final int FLAG_HAS_NODATA = 0x40;
    private static final int FLAG_IS_NODATA = 0x20;
    private static final int PIXTYPE_MASK = 0x0F;

    private RasterWkb() {
    }

    /**
     * The WKB of a tile: EPSG:3857, 256×256, georeferenced on the tile's bounds. A band held in its own pixel type
     * goes in with bulk copies; the bytes are those {@link #encode(WkbRaster)} makes of the same tile as doubles.
     */
    public static byte[] encode(TileData tile) {
        return encode(tile, byte[]::new);
    }

    /**
     * As {@link #encode(TileData)}, into an array the caller gives for the size asked (a recycled one may hold old
     * bytes: every byte of the WKB is written).
     */
    public static byte[] encode(TileData tile, java.util.function.IntFunction<byte[]> buffers) {
        int pixels = TileData.SIZE * TileData.SIZE;
        PixelType type = tile.pixelType();
        int size = HEADER_SIZE + tile.bandCount() * (1 + type.bytes() * (1 + pixels));
        byte[] array = buffers.apply(size);
        if (array.length != size) {
            throw new IllegalArgumentException("a WKB buffer of " + size + " bytes was asked for, not " + array.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(array).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(buf, WebMercatorTiles.transform(tile.key()), WebMercatorTiles.SRID, tile.bandCount(),
                TileData.SIZE, TileData.SIZE);
        for (int b = 0; b < tile.bandCount(); b++) {
            TileSamples samples = tile.samples(b);
            double[] doubles = samples.heldDoubles();
            writeBand(buf, type, WkbRaster.nodataOf(tile, b), pixels, doubles != null
                    ? (nodataAt, at, nodata) -> writeSamples(buf, type, nodata, nodataAt, at, doubles)
                    : (nodataAt, at, nodata) -> {
                        writeValue(buf, type, nodataAt, nodata);
                        return samples.write(buf, at, nodata);
                    });
        }
        return buf.array();
    }

    /** Writes a nodata value as {@link #writeSamples} does. */
    private static void writeValue(ByteBuffer buf, PixelType type, int at, double value) {
        switch (type) {
            case BYTE, INT8 -> buf.put(at, (byte) (long) value);
            case UINT16, INT16 -> buf.putShort(at, (short) (long) value);
            case UINT32, INT32 -> buf.putInt(at, (int) (long) value);
            case FLOAT32 -> buf.putFloat(at, (float) value);
            case FLOAT64 -> buf.putDouble(at, value);
            default -> throw new IllegalArgumentException("unsupported pixel type " + type);
        }
    }

    /** The WKB of a raster with any georeference. */
    public static byte[] encode(WkbRaster raster) {
        int pixels = raster.width() * raster.height();
        int size = HEADER_SIZE;
        for (WkbBand band : raster.bands()) {
            size += 1 + band.pixelType().bytes() * (1 + pixels);
        }
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        writeHeader(buf, raster.geoTransform(), raster.srid(), raster.bandCount(), raster.width(), raster.height());
        for (WkbBand band : raster.bands()) {
            writeBand(buf, band);
        }
        return buf.array();
    }

    private static void writeHeader(ByteBuffer buf, GeoTransform t, int srid, int bandCount, int width, int height) {
        buf.put((byte) 1);
        buf.putShort((short) 0);
        buf.putShort((short) bandCount);
        buf.putDouble(t.scaleX());
        buf.putDouble(t.scaleY());
        buf.putDouble(t.originX());
        buf.putDouble(t.originY());
        buf.putDouble(t.skewX());
        buf.putDouble(t.skewY());
        buf.putInt(srid);
        buf.putShort((short) width);
        buf.putShort((short) height);
    }

    /** The WKB as PostGIS prints a raster in text form (upper-case hex). */
    public static String encodeHex(WkbRaster raster) {
        return toHex(encode(raster));
    }

    /** Writes a band's samples and nodata value; tells whether every sample equals the nodata value as written. */
    @FunctionalInterface
    private interface SampleWriter {
        boolean write(int nodataAt, int at, double nodata);
    }

    private static void writeBand(ByteBuffer buf, WkbBand band) {
        double[] s = band.samples();
        writeBand(buf, band.pixelType(), band.hasNodata() ? band.nodata() : null, s.length,
                (nodataAt, at, nodata) -> writeSamples(buf, band.pixelType(), nodata, nodataAt, at, s));
    }

    /** Writes a band: its flags, nodata value (0 without one) and samples. */
    private static void writeBand(ByteBuffer buf, PixelType type, Double bandNodata, int pixels, SampleWriter samples) {
        int flagsAt = buf.position();
        int flags = type.postgisCode();
        double nodata = 0;
        if (bandNodata != null) {
            nodata = bandNodata;
            if (!type.canHold(nodata)) {
                throw new IllegalArgumentException("nodata " + nodata + " does not fit pixel type " + type);
            }
            flags |= FLAG_HAS_NODATA;
        }
        buf.put((byte) 0);
        int nodataAt = buf.position();
        int pixelsAt = nodataAt + type.bytes();
        if (samples.write(nodataAt, pixelsAt, nodata) && bandNodata != null) {
            flags |= FLAG_IS_NODATA;
        }
        buf.put(flagsAt, (byte) flags);
        buf.position(pixelsAt + pixels * type.bytes());
    }

    /**
     * Writes the nodata value at {@code nodataAt} and the samples from {@code at}, converted by Java's narrowing
     * casts (samples are expected to be representable in the type), and tells whether every stored sample equals
     * the stored nodata value.
     */
    private static boolean writeSamples(ByteBuffer buf, PixelType type, double nodata, int nodataAt, int at,
                                        double[] s) {
        boolean all = true;
        switch (type) {
            case BYTE, INT8 -> {
                byte nd = (byte) (long) nodata;
                buf.put(nodataAt, nd);
                byte[] a = buf.array();
                int offset = buf.arrayOffset() + at;
                for (int i = 0; i < s.length; i++) {
                    byte v = (byte) (long) s[i];
                    a[offset + i] = v;
                    all &= v == nd;
                }
            }
            case UINT16, INT16 -> {
                short nd = (short) (long) nodata;
                buf.putShort(nodataAt, nd);
                for (int i = 0; i < s.length; i++) {
                    short v = (short) (long) s[i];
                    buf.putShort(at + 2 * i, v);
                    all &= v == nd;
                }
            }
            case UINT32, INT32 -> {
                int nd = (int) (long) nodata;
                buf.putInt(nodataAt, nd);
                for (int i = 0; i < s.length; i++) {
                    int v = (int) (long) s[i];
                    buf.putInt(at + 4 * i, v);
                    all &= v == nd;
                }
            }
            case FLOAT32 -> {
                float nd = (float) nodata;
                boolean ndNaN = Float.isNaN(nd);
                buf.putFloat(nodataAt, nd);
                for (int i = 0; i < s.length; i++) {
                    float v = (float) s[i];
                    buf.putFloat(at + 4 * i, v);
                    all &= v == nd || (ndNaN && v != v);
                }
            }
            case FLOAT64 -> {
                boolean ndNaN = Double.isNaN(nodata);
                buf.putDouble(nodataAt, nodata);
                for (int i = 0; i < s.length; i++) {
                    double v = s[i];
                    buf.putDouble(at + 8 * i, v);
                    all &= v == nodata || (ndNaN && v != v);
                }
            }
            default -> throw new IllegalArgumentException("unsupported pixel type " + type);
        }
        return all;
    }

    /** Decodes raster WKB in either byte order. */
    public static WkbRaster decode(byte[] wkb) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(wkb);
            int endian = buf.get();
            if (endian == 0) {
                buf.order(ByteOrder.BIG_ENDIAN);
            } else if (endian == 1) {
                buf.order(ByteOrder.LITTLE_ENDIAN);
            } else {
                throw new IllegalArgumentException("not raster WKB: endianness byte " + endian);
            }
            int version = Short.toUnsignedInt(buf.getShort());
            if (version != 0) {
                throw new IllegalArgumentException("unsupported raster WKB version " + version);
            }
            int bandCount = Short.toUnsignedInt(buf.getShort());
            double scaleX = buf.getDouble();
            double scaleY = buf.getDouble();
            double ipX = buf.getDouble();
            double ipY = buf.getDouble();
            double skewX = buf.getDouble();
            double skewY = buf.getDouble();
            int srid = buf.getInt();
            int width = Short.toUnsignedInt(buf.getShort());
            int height = Short.toUnsignedInt(buf.getShort());
            List<WkbBand> bands = new ArrayList<>(bandCount);
            for (int b = 0; b < bandCount; b++) {
                bands.add(readBand(buf, b, width * height));
            }
            if (buf.hasRemaining()) {
                throw new IllegalArgumentException("raster WKB has " + buf.remaining() + " trailing bytes");
            }
            return new WkbRaster(new GeoTransform(ipX, scaleX, skewX, ipY, skewY, scaleY), srid, width, height,
                    bands);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("raster WKB is truncated (" + wkb.length + " bytes)", e);
        }
    }

    /** Decodes the WKB of a tile to its samples, its tile key found from the georeference. */
    public static TileData decodeTile(byte[] wkb) {
        return decode(wkb).toTileData();
    }

    /** Decodes raster WKB written as hex, as PostGIS prints a raster in text form. */
    public static WkbRaster decodeHex(String hex) {
        return decode(fromHex(hex));
    }

    private static WkbBand readBand(ByteBuffer buf, int index, int pixels) {
        int flags = Byte.toUnsignedInt(buf.get());
        if ((flags & FLAG_OFFLINE) != 0) {
            throw new IllegalArgumentException("band " + (index + 1) + " is an offline band; not supported");
        }
        PixelType type = PixelType.fromPostgisCode(flags & PIXTYPE_MASK);
        double nodata = readValue(buf, type, buf.position());
        buf.position(buf.position() + type.bytes());
        double[] samples = new double[pixels];
        int at = buf.position();
        if (at + (long) pixels * type.bytes() > buf.limit()) {
            throw new BufferUnderflowException();
        }
        switch (type) {
            case BYTE -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = Byte.toUnsignedInt(buf.get(at + i));
                }
            }
            case INT8 -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = buf.get(at + i);
                }
            }
            case UINT16 -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = Short.toUnsignedInt(buf.getShort(at + 2 * i));
                }
            }
            case INT16 -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = buf.getShort(at + 2 * i);
                }
            }
            case UINT32 -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = Integer.toUnsignedLong(buf.getInt(at + 4 * i));
                }
            }
            case INT32 -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = buf.getInt(at + 4 * i);
                }
            }
            case FLOAT32 -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = buf.getFloat(at + 4 * i);
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < pixels; i++) {
                    samples[i] = buf.getDouble(at + 8 * i);
                }
            }
            default -> throw new IllegalArgumentException("unsupported pixel type " + type);
        }
        buf.position(at + pixels * type.bytes());
        boolean hasNodata = (flags & FLAG_HAS_NODATA) != 0;
        return new WkbBand(type, hasNodata ? nodata : null, (flags & FLAG_IS_NODATA) != 0, samples);
    }

    private static double readValue(ByteBuffer buf, PixelType type, int at) {
        return switch (type) {
            case BYTE -> Byte.toUnsignedInt(buf.get(at));
            case INT8 -> buf.get(at);
            case UINT16 -> Short.toUnsignedInt(buf.getShort(at));
            case INT16 -> buf.getShort(at);
            case UINT32 -> Integer.toUnsignedLong(buf.getInt(at));
            case INT32 -> buf.getInt(at);
            case FLOAT32 -> buf.getFloat(at);
            case FLOAT64 -> buf.getDouble(at);
        };
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static String toHex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    static byte[] fromHex(String hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex text of odd length");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not hex at " + 2 * i);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }
}
