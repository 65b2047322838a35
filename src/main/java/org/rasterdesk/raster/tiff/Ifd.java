package org.rasterdesk.raster.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One TIFF image file directory: its tags, whose values are loaded from the file on demand. */
public final class Ifd {

    private record Entry(int type, long count, long valueOffset, ByteBuffer inline) { }

    /**
     * The most values of one tag read: tags hold offsets, counts, tables and text, at most as many as an image has
     * blocks ({@link TiffLayout#MAX_BLOCKS}); a damaged count must not make us allocate the file's size several
     * times over (a long per byte).
     */
    private static final long MAX_VALUES = TiffLayout.MAX_BLOCKS;

    private final TiffInput input;
    private final Map<Integer, Entry> entries = new HashMap<>();
    private final long nextIfdOffset;

    private Ifd(TiffInput input, long nextIfdOffset) {
        this.input = input;
        this.nextIfdOffset = nextIfdOffset;
    }

    /** Parses the directory at {@code offset}; values that fit in an entry are kept, the others read later. */
    static Ifd read(TiffInput input, long offset, boolean bigTiff) throws IOException {
        int countSize = bigTiff ? 8 : 2;
        int entrySize = bigTiff ? 20 : 12;
        int inlineSize = bigTiff ? 8 : 4;
        ByteBuffer head = input.read(offset, countSize);
        long count = bigTiff ? head.getLong() : Short.toUnsignedInt(head.getShort());
        if (count <= 0 || count > 10_000) {
            throw new IOException(input.file().getFileName() + " has a damaged image directory (" + count + " tags)");
        }
        ByteBuffer body = input.read(offset + countSize, (int) count * entrySize + (bigTiff ? 8 : 4));
        Map<Integer, Entry> parsed = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int tag = Short.toUnsignedInt(body.getShort());
            int type = Short.toUnsignedInt(body.getShort());
            long n = bigTiff ? body.getLong() : Integer.toUnsignedLong(body.getInt());
            ByteBuffer inline = body.slice(body.position(), inlineSize).order(body.order());
            long valueOffset = bigTiff ? inline.getLong(0) : Integer.toUnsignedLong(inline.getInt(0));
            body.position(body.position() + inlineSize);
            if (typeSize(type) > 0) {
                boolean fits = n >= 0 && n <= inlineSize && typeSize(type) * n <= inlineSize;
                parsed.put(tag, new Entry(type, n, valueOffset, fits ? inline : null));
            }
        }
        long next = bigTiff ? body.getLong() : Integer.toUnsignedLong(body.getInt());
        Ifd ifd = new Ifd(input, next);
        ifd.entries.putAll(parsed);
        return ifd;
    }

    static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    public long nextIfdOffset() {
        return nextIfdOffset;
    }

    public boolean has(int tag) {
        return entries.containsKey(tag);
    }

    public long count(int tag) {
        Entry e = entries.get(tag);
        return e == null ? 0 : e.count;
    }

    private ByteBuffer values(int tag, Entry e) throws IOException {
        return values(tag, e, e.count);
    }

    private ByteBuffer values(int tag, Entry e, long count) throws IOException {
        if (count < 0 || count > MAX_VALUES) {
            throw new IOException(input.file().getFileName() + " is damaged: tag " + tag + " declares "
                    + Long.toUnsignedString(e.count) + " values");
        }
        long bytes = typeSize(e.type) * count;
        if (e.inline != null) {
            return e.inline.duplicate().order(e.inline.order()).limit((int) bytes);
        }
        // A declared count can be absurd; a value array can never be larger than the file holding it.
        if (bytes > input.length()) {
            throw new IOException(input.file().getFileName() + " is damaged: tag " + tag + " declares "
                    + e.count + " values, more than the file can hold");
        }
        return input.read(e.valueOffset, (int) bytes);
    }

    /** The tag's values as integers (for BYTE, SHORT, LONG, LONG8 and their signed forms). */
    public long[] longs(int tag) throws IOException {
        return longs(tag, Integer.MAX_VALUE);
    }

    /** The first {@code max} values of the tag (all when it has fewer), so that a damaged count costs nothing. */
    public long[] longs(int tag, int max) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        long n = Math.min(e.count, max);
        ByteBuffer b = values(tag, e, n);
        long[] out = new long[(int) n];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (e.type) {
                case 1, 2, 7 -> Byte.toUnsignedLong(b.get());
                case 6 -> b.get();
                case 3 -> Short.toUnsignedLong(b.getShort());
                case 8 -> b.getShort();
                case 4, 13 -> Integer.toUnsignedLong(b.getInt());
                case 9 -> b.getInt();
                case 16, 17, 18 -> b.getLong();
                default -> throw new IOException(input.file().getFileName() + ": tag " + tag
                        + " has type " + e.type + " where integers were expected");
            };
        }
        return out;
    }

    /** The tag's values as doubles (for DOUBLE, FLOAT, RATIONAL and integer types). */
    public double[] doubles(int tag) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        if (e.type != 5 && e.type != 10 && e.type != 11 && e.type != 12) {
            long[] l = longs(tag);
            double[] d = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                d[i] = l[i];
            }
            return d;
        }
        ByteBuffer b = values(tag, e);
        double[] out = new double[(int) e.count];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (e.type) {
                case 11 -> b.getFloat();
                case 12 -> b.getDouble();
                case 5 -> (double) Integer.toUnsignedLong(b.getInt()) / Integer.toUnsignedLong(b.getInt());
                default -> (double) b.getInt() / b.getInt();
            };
        }
        return out;
    }

    public long longValue(int tag, long defaultValue) throws IOException {
        long[] v = has(tag) && count(tag) > 0 ? longs(tag, 1) : null;
        return v == null ? defaultValue : v[0];
    }

    /** The tag's ASCII value without its trailing NUL, or null when absent. */
    public String string(int tag) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        ByteBuffer b = values(tag, e);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** The raw bytes of an UNDEFINED or BYTE tag such as JPEGTables. */
    public byte[] bytes(int tag) throws IOException {
        Entry e = entries.get(tag);
        if (e == null) {
            return null;
        }
        ByteBuffer b = values(tag, e);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
