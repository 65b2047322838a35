package org.rasterdesk.tiling;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * Writes tiles of one zoom level into a tiled, DEFLATE-compressed BigTIFF GeoTIFF in EPSG:3857 (the tile server's
 * .tif values) as they stream by, in any order, without holding the image. (The reprojected copy is no longer
 * such a file: it is the layer's top-zoom tiles, see ReprojectedCopies.)
 * Tiles never written (empty ones) stay sparse: GDAL and RasterDesk's reader fill them with the nodata value.
 */
public final class MercatorTiffWriter implements AutoCloseable {

    private static final int TILE = TileData.SIZE;

    private final FileChannel out;
    private final TileRange range;
    private final PixelType type;
    private final int bands;
    private final double nodata;
    private final long[] offsets;
    private final long[] counts;
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final ByteBuffer raw;
    private byte[] packed = new byte[TILE * TILE * 8 + 1024];
    private long position;
    private boolean closed;

    /** @param nodata the nodata value of the bands (GeoTIFF has one for all bands) */
    public MercatorTiffWriter(Path file, TileRange range, PixelType type, int bands, double nodata)
            throws IOException {
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        this.range = range;
        this.type = type;
        this.bands = bands;
        this.nodata = nodata;
        int blocks = Math.toIntExact(range.count() * bands);
        this.offsets = new long[blocks];
        this.counts = new long[blocks];
        this.raw = ByteBuffer.allocate(TILE * TILE * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 'I').put((byte) 'I').putShort((short) 43).putShort((short) 8).putShort((short) 0)
                .putLong(0);
        header.flip();
        out.write(header);
        position = 16;
    }

    public void write(TileData tile) throws IOException {
        TileKey key = tile.key();
        if (!range.contains(key)) {
            throw new IllegalArgumentException(key + " is outside " + range);
        }
        int index = (key.y() - range.minY()) * range.columns() + (key.x() - range.minX());
        for (int b = 0; b < bands; b++) {
            raw.clear();
            TileSamples samples = tile.samples(b);
            if (samples.heldDoubles() != null || tile.pixelType() != type) {
                putSamples(tile.bands()[b]);
            } else {
                samples.write(raw, 0, 0);
                raw.position(TILE * TILE * type.bytes());
            }
            deflater.reset();
            deflater.setInput(raw.array(), 0, raw.position());
            deflater.finish();
            int length = 0;
            while (!deflater.finished()) {
                if (length == packed.length) {
                    packed = java.util.Arrays.copyOf(packed, packed.length * 2);
                }
                length += deflater.deflate(packed, length, packed.length - length);
            }
            int block = b * (int) range.count() + index;
            offsets[block] = position;
            counts[block] = length;
            position += out.write(ByteBuffer.wrap(packed, 0, length), position);
        }
    }

    private void putSamples(double[] samples) {
        switch (type) {
            case BYTE, INT8 -> {
                for (double v : samples) {
                    raw.put((byte) (long) v);
                }
            }
            case UINT16, INT16 -> {
                for (double v : samples) {
                    raw.putShort((short) (long) v);
                }
            }
            case UINT32, INT32 -> {
                for (double v : samples) {
                    raw.putInt((int) (long) v);
                }
            }
            case FLOAT32 -> {
                for (double v : samples) {
                    raw.putFloat((float) v);
                }
            }
            case FLOAT64 -> {
                for (double v : samples) {
                    raw.putDouble(v);
                }
            }
            default -> throw new IllegalStateException(type.toString());
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writeDirectory();
        } finally {
            deflater.end();
            out.close();
        }
    }

    private void writeDirectory() throws IOException {
        Extent bounds = range.bounds();
        double pixel = WebMercator.pixelSize(range.z());
        short[] bits = new short[bands];
        short[] format = new short[bands];
        java.util.Arrays.fill(bits, (short) (type.bytes() * 8));
        java.util.Arrays.fill(format, (short) (type.isFloatingPoint() ? 3 : type.isSigned() ? 2 : 1));
        // GeoKeys: version 1.1.0, four keys: projected model, pixel-is-area, EPSG:3857, linear unit metre.
        short[] geoKeys = {1, 1, 0, 4, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, 3857, 3076, 0, 1, 9001};
        TiffDirectory dir = new TiffDirectory();
        dir.longValue(256, (long) range.columns() * TILE);
        dir.longValue(257, (long) range.rows() * TILE);
        dir.shorts(258, bits);
        dir.shorts(259, new short[] {8});
        dir.shorts(262, new short[] {1});
        dir.shorts(277, new short[] {(short) bands});
        dir.shorts(284, new short[] {2});
        dir.shorts(322, new short[] {TILE});
        dir.shorts(323, new short[] {TILE});
        dir.longs8(324, offsets);
        dir.longs8(325, counts);
        if (bands > 1) {
            // Bands beyond the first are unspecified extra samples of a grey image, as GDAL writes them.
            dir.shorts(338, new short[bands - 1]);
        }
        dir.shorts(339, format);
        dir.doubles(33550, new double[] {pixel, pixel, 0});
        dir.doubles(33922, new double[] {0, 0, 0, bounds.minX(), bounds.maxY(), 0});
        dir.shorts(34735, geoKeys);
        dir.ascii(42113, formatNodata(nodata));
        long start = position + (position & 1);
        ByteBuffer bytes = dir.encode(start);
        out.write(bytes, start);
        ByteBuffer first = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(start);
        first.flip();
        out.write(first, 8);
    }

    private static String formatNodata(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A BigTIFF image file directory: entries sorted by tag, values inline when they fit in 8 bytes. */
    private static final class TiffDirectory {
        private final java.util.TreeMap<Integer, Object[]> entries = new java.util.TreeMap<>();

        void longValue(int tag, long v) {
            entries.put(tag, new Object[] {16, new long[] {v}});
        }

        void longs8(int tag, long[] v) {
            entries.put(tag, new Object[] {16, v});
        }

        void shorts(int tag, short[] v) {
            entries.put(tag, new Object[] {3, v});
        }

        void doubles(int tag, double[] v) {
            entries.put(tag, new Object[] {12, v});
        }

        void ascii(int tag, String s) {
            entries.put(tag, new Object[] {2, (s + "\0").getBytes(StandardCharsets.US_ASCII)});
        }

        ByteBuffer encode(long start) {
            int head = 8 + entries.size() * 20 + 8;
            long extra = 0;
            for (Object[] e : entries.values()) {
                int size = payload(e).length;
                if (size > 8) {
                    extra += size + (size & 1);
                }
            }
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(head + extra)).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(entries.size());
            long next = start + head;
            java.util.List<byte[]> outside = new java.util.ArrayList<>();
            for (var entry : entries.entrySet()) {
                Object[] e = entry.getValue();
                byte[] payload = payload(e);
                buf.putShort((short) (int) entry.getKey()).putShort((short) (int) e[0]).putLong(count(e));
                if (payload.length <= 8) {
                    buf.put(payload).put(new byte[8 - payload.length]);
                } else {
                    buf.putLong(next);
                    outside.add(payload);
                    next += payload.length + (payload.length & 1);
                }
            }
            buf.putLong(0);
            for (byte[] p : outside) {
                buf.put(p);
                if ((p.length & 1) == 1) {
                    buf.put((byte) 0);
                }
            }
            buf.flip();
            return buf;
        }

        private static long count(Object[] e) {
            Object v = e[1];
            if (v instanceof long[] a) {
                return a.length;
            }
            if (v instanceof short[] a) {
                return a.length;
            }
            if (v instanceof double[] a) {
                return a.length;
            }
            return ((byte[]) v).length;
        }

        private static byte[] payload(Object[] e) {
            Object v = e[1];
            ByteBuffer b;
            if (v instanceof long[] a) {
                b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (long x : a) {
                    b.putLong(x);
                }
            } else if (v instanceof short[] a) {
                b = ByteBuffer.allocate(a.length * 2).order(ByteOrder.LITTLE_ENDIAN);
                for (short x : a) {
                    b.putShort(x);
                }
            } else if (v instanceof double[] a) {
                b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (double x : a) {
                    b.putDouble(x);
                }
            } else {
                return (byte[]) v;
            }
            return b.array();
        }
    }
}
