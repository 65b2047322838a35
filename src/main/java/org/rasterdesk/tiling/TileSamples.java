package org.rasterdesk.tiling;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * One band of a tile, held in the band's own pixel type: a Byte band takes 64 KB instead of the 512 KB of doubles,
 * a Float32 band 256 KB. Tiles wait in queues on the warp threads, the pyramid's rows and the writer; holding them
 * as doubles made a parse of the Lisbon benchmark raster peak at 477 MiB. Values go in and out as doubles with the
 * same narrowing casts the WKB encoder uses, so a tile reads back exactly the values it was given, provided they
 * are values of the type (the sampler and reducer fit them; see {@link #holds}).
 */
public abstract sealed class TileSamples {

    static final int PIXELS = TileData.SIZE * TileData.SIZE;

    /**
     * Whether a band of this type with this nodata value can be held in its own type: the nodata value must be
     * one of the type's values (NaN only for floating point, where it is one). Otherwise the band stays in doubles,
     * which keep the value apart from every sample as they always did.
     */
    public static boolean holds(PixelType type, double nodata) {
        if (Double.isNaN(nodata)) {
            return type.isFloatingPoint();
        }
        return switch (type) {
            case FLOAT32 -> (double) (float) nodata == nodata;
            case FLOAT64 -> true;
            default -> type.canHold(nodata) && nodata == Math.rint(nodata);
        };
    }

    /** A band of the type filled with a value. */
    static TileSamples filled(PixelType type, double nodata, double value) {
        TileSamples s = holds(type, nodata) ? allocate(type) : new Doubles(new double[PIXELS]);
        s.fill(value);
        return s;
    }

    /** A copy of samples computed as doubles, in the type when it {@link #holds} the nodata value. */
    static TileSamples of(PixelType type, double nodata, double[] values) {
        return of(type, nodata, values, null);
    }

    /** As {@link #of(PixelType, double, double[])}, in samples given back to {@code recycled} when it has some. */
    static TileSamples of(PixelType type, double nodata, double[] values, RecycledSamples recycled) {
        if (!holds(type, nodata)) {
            return new Doubles(values.clone());
        }
        TileSamples s = recycled == null ? null : recycled.take(type);
        if (s == null) {
            s = allocate(type);
        }
        // Every sample is set: a recycled band keeps nothing of its last tile.
        s.set(values);
        return s;
    }

    /** A Float32 band for a sampler to fill whole, recycled when {@code recycled} has one (as {@link #of} does). */
    static Floats floats(RecycledSamples recycled) {
        TileSamples s = recycled == null ? null : recycled.take(PixelType.FLOAT32);
        return s instanceof Floats f ? f : (Floats) allocate(PixelType.FLOAT32);
    }

    /** Samples made by {@link #allocate}: held in their own array, which no caller gave. */
    boolean ownArray() {
        return owned;
    }

    private boolean owned;

    /** Samples held as the doubles given (not copied), as tiles were before. */
    static TileSamples wrap(double[] values) {
        return new Doubles(values);
    }

    private static TileSamples allocate(PixelType type) {
        TileSamples s = switch (type) {
            case BYTE -> new Bytes(true);
            case INT8 -> new Bytes(false);
            case UINT16 -> new Shorts(true);
            case INT16 -> new Shorts(false);
            case UINT32 -> new Ints(true);
            case INT32 -> new Ints(false);
            case FLOAT32 -> new Floats();
            case FLOAT64 -> new Doubles(new double[PIXELS]);
        };
        s.owned = true;
        return s;
    }

    public abstract int length();

    public abstract double get(int i);

    abstract void set(int i, double v);

    /** Sets every sample from doubles of the same length. */
    abstract void set(double[] values);

    abstract void fill(double v);

    /** Copies the samples as doubles into {@code out}. */
    public void copyTo(double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = get(i);
        }
    }

    /** The samples as doubles: the array itself when held as doubles, else a new one. */
    double[] doubles() {
        double[] out = new double[length()];
        copyTo(out);
        return out;
    }

    /** The array of doubles the samples are held in, or null when they are held in their own type. */
    public double[] heldDoubles() {
        return null;
    }

    /** Whether every sample is nodata: NaN, or the nodata value as stored in the type. */
    abstract boolean allNodata(double nodata);

    /**
     * Writes the samples little endian at {@code at} (the caller made room) as the WKB encoder's casts would, and
     * tells whether every written sample equals {@code nodata} written the same way (NaN equal to NaN for floats).
     */
    public abstract boolean write(ByteBuffer buf, int at, double nodata);

    /** A little-endian view of the buffer from a position, for bulk puts. */
    private static ByteBuffer at(ByteBuffer buf, int at) {
        return buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(at);
    }

    static final class Bytes extends TileSamples {
        private final byte[] a = new byte[PIXELS];
        private final boolean unsigned;

        Bytes(boolean unsigned) {
            this.unsigned = unsigned;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        public double get(int i) {
            return unsigned ? a[i] & 0xFF : a[i];
        }

        @Override
        void set(int i, double v) {
            a[i] = (byte) (long) v;
        }

        @Override
        void set(double[] values) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) (long) values[i];
            }
        }

        @Override
        void fill(double v) {
            Arrays.fill(a, (byte) (long) v);
        }

        @Override
        public void copyTo(double[] out) {
            if (unsigned) {
                for (int i = 0; i < a.length; i++) {
                    out[i] = a[i] & 0xFF;
                }
            } else {
                for (int i = 0; i < a.length; i++) {
                    out[i] = a[i];
                }
            }
        }

        @Override
        boolean allNodata(double nodata) {
            return write(null, 0, nodata);
        }

        @Override
        public boolean write(ByteBuffer buf, int at, double nodata) {
            if (buf != null) {
                at(buf, at).put(a);
            }
            byte nd = (byte) (long) nodata;
            for (byte v : a) {
                if (v != nd) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Shorts extends TileSamples {
        private final short[] a = new short[PIXELS];
        private final boolean unsigned;

        Shorts(boolean unsigned) {
            this.unsigned = unsigned;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        public double get(int i) {
            return unsigned ? a[i] & 0xFFFF : a[i];
        }

        @Override
        void set(int i, double v) {
            a[i] = (short) (long) v;
        }

        @Override
        void set(double[] values) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (short) (long) values[i];
            }
        }

        @Override
        void fill(double v) {
            Arrays.fill(a, (short) (long) v);
        }

        @Override
        boolean allNodata(double nodata) {
            return write(null, 0, nodata);
        }

        @Override
        public boolean write(ByteBuffer buf, int at, double nodata) {
            if (buf != null) {
                at(buf, at).asShortBuffer().put(a);
            }
            short nd = (short) (long) nodata;
            for (short v : a) {
                if (v != nd) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Ints extends TileSamples {
        private final int[] a = new int[PIXELS];
        private final boolean unsigned;

        Ints(boolean unsigned) {
            this.unsigned = unsigned;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        public double get(int i) {
            return unsigned ? Integer.toUnsignedLong(a[i]) : a[i];
        }

        @Override
        void set(int i, double v) {
            a[i] = (int) (long) v;
        }

        @Override
        void set(double[] values) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (int) (long) values[i];
            }
        }

        @Override
        void fill(double v) {
            Arrays.fill(a, (int) (long) v);
        }

        @Override
        boolean allNodata(double nodata) {
            return write(null, 0, nodata);
        }

        @Override
        public boolean write(ByteBuffer buf, int at, double nodata) {
            if (buf != null) {
                at(buf, at).asIntBuffer().put(a);
            }
            int nd = (int) (long) nodata;
            for (int v : a) {
                if (v != nd) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Floats extends TileSamples {
        private final float[] a = new float[PIXELS];

        /** The samples themselves, for a sampler to write. */
        float[] array() {
            return a;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        public double get(int i) {
            return a[i];
        }

        @Override
        void set(int i, double v) {
            a[i] = (float) v;
        }

        @Override
        void set(double[] values) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) values[i];
            }
        }

        @Override
        void fill(double v) {
            Arrays.fill(a, (float) v);
        }

        @Override
        public void copyTo(double[] out) {
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
        }

        @Override
        boolean allNodata(double nodata) {
            float nd = (float) nodata;
            for (float v : a) {
                if (!(v != v || v == nd)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean write(ByteBuffer buf, int at, double nodata) {
            at(buf, at).asFloatBuffer().put(a);
            float nd = (float) nodata;
            boolean ndNaN = nd != nd;
            for (float v : a) {
                if (!(v == nd || (ndNaN && v != v))) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Doubles extends TileSamples {
        private final double[] a;

        Doubles(double[] a) {
            this.a = a;
        }

        @Override
        public int length() {
            return a.length;
        }

        @Override
        public double get(int i) {
            return a[i];
        }

        @Override
        void set(int i, double v) {
            a[i] = v;
        }

        @Override
        void set(double[] values) {
            System.arraycopy(values, 0, a, 0, a.length);
        }

        @Override
        void fill(double v) {
            Arrays.fill(a, v);
        }

        @Override
        public void copyTo(double[] out) {
            System.arraycopy(a, 0, out, 0, a.length);
        }

        @Override
        double[] doubles() {
            return a;
        }

        @Override
        public double[] heldDoubles() {
            return a;
        }

        @Override
        boolean allNodata(double nodata) {
            for (double v : a) {
                if (!(Double.isNaN(v) || v == nodata)) {
                    return false;
                }
            }
            return true;
        }

        /** As Float64; a band of another type held as doubles is written by the encoder's own casts instead. */
        @Override
        public boolean write(ByteBuffer buf, int at, double nodata) {
            at(buf, at).asDoubleBuffer().put(a);
            boolean ndNaN = Double.isNaN(nodata);
            for (double v : a) {
                if (!(v == nodata || (ndNaN && v != v))) {
                    return false;
                }
            }
            return true;
        }
    }
}
