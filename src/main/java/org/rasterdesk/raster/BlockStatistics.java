package org.rasterdesk.raster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.tiff.Block;

/**
 * The same {@link BandStats} as {@link BandStatistics}, gathered from the file's blocks so that the parse reads
 * the file once where it can: 8- and 16-bit integers need only a count per value, which the blocks the tiles decode
 * can give as they go by. Float32 and 32-bit integers are read once too: each block gives its min, max, count, sum
 * and squares about its own mean, and the samples are counted per hundredth ({@link Hundredths}), from which the
 * histogram over [floor(min), ceil(max)] follows exactly; only when the hundredths outgrow their cap or straddle an
 * edge are the samples read again after the tiles for the histogram and the deviations. Float64 needs min, max and
 * mean before those, so the first of its two reads is a pass of its own (on every core) and the second rides on the
 * tiles. Each block counts once, however often it is decoded; blocks the tiles never read are read at the end.
 * Sums are kept per block and added in block order, so that the figures do not depend on which thread saw which
 * block.
 */
public final class BlockStatistics {

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** A float's exponent bits: a magnitude above them is NaN. */
    private static final int EXPONENT_BITS = 0x7F800000;
    /** The bits of a NaN, which no sample tested against them has (NaN is skipped before). */
    private static final int NAN_BITS = 0x7FC00000;

    /** What one read of the blocks gathers. */
    private enum Stage {
        /** A count per value. */
        TALLY,
        /** Min, max, count and sum per block. */
        MOMENTS,
        /** The squares about the mean per block, and the histogram. */
        SPREAD,
        /** MOMENTS, the squares about each block's own mean, and a count per hundredth. */
        HUNDREDTHS
    }

    private final RasterBlocks blocks;
    private final PixelType type;
    private final int bands;
    private final List<Double> nodata;
    /** Per band the value skipped, NaN for none (v == NaN never holds, so the test stays one compare). */
    private final double[] skip;
    private final double storedNodata;
    private final double declaredNodata;
    private final List<Stage> stages = new ArrayList<>();
    private final AtomicLong gatherNanos = new AtomicLong();
    private int stage;
    private AtomicIntegerArray seen;

    // TALLY: a count per value, per thread
    private final ConcurrentLinkedQueue<long[][]> tallies = new ConcurrentLinkedQueue<>();
    private long[][] merged;
    private final ThreadLocal<long[][]> tally;
    private final int offset;
    // MOMENTS: per block and band
    private double[] blockMin;
    private double[] blockMax;
    private long[] blockCount;
    private double[] blockSum;
    // SPREAD: per block and band, and a histogram per thread
    private double[] mean;
    private double[] min;
    private double[] max;
    private long[] count;
    private double[] blockSquares;
    private final ConcurrentLinkedQueue<Histogram[]> histograms = new ConcurrentLinkedQueue<>();
    private ThreadLocal<Histogram[]> histogram;
    // HUNDREDTHS: per block and band the squares about the block's mean; per band the counts of every thread
    private double[] blockOwnSquares;
    private double[] std;
    private final List<ConcurrentLinkedQueue<Hundredths>> hundredths = new ArrayList<>();
    private final ThreadLocal<Hundredths[]> counting;
    private final int hundredthsCap;
    /** Set when a band's hundredths outgrew their cap: the histogram then needs a read of its own. */
    private volatile boolean uncounted;
    private Histogram[] binned;

    private BlockStatistics(RasterBlocks blocks, RasterInfo info, List<Double> nodata) {
        this.blocks = blocks;
        this.type = info.pixelType();
        this.bands = info.bandCount();
        this.nodata = nodata;
        this.skip = new double[bands];
        for (int b = 0; b < bands; b++) {
            skip[b] = nodata.get(b) == null ? Double.NaN : nodata.get(b);
        }
        this.storedNodata = blocks.storedNodata();
        this.declaredNodata = blocks.declaredNodata();
        boolean tallied = !type.isFloatingPoint() && type.bytes() <= 2
                && (long) bands * (long) (type.max() - type.min() + 1) <= BandStatistics.MAX_TALLY_ENTRIES;
        if (tallied) {
            stages.add(Stage.TALLY);
        } else if (hundredthsExact()) {
            stages.add(Stage.HUNDREDTHS);
        } else {
            stages.addAll(List.of(Stage.MOMENTS, Stage.SPREAD));
        }
        this.hundredthsCap = Math.max(1 << 12, Hundredths.MAX_HUNDREDTHS / bands);
        for (int b = 0; b < bands; b++) {
            hundredths.add(new ConcurrentLinkedQueue<>());
        }
        this.counting = ThreadLocal.withInitial(() -> {
            Hundredths[] h = new Hundredths[bands];
            for (int b = 0; b < bands; b++) {
                h[b] = new Hundredths(hundredthsCap);
                hundredths.get(b).add(h[b]);
            }
            return h;
        });
        this.offset = (int) type.min();
        int values = tallied ? (int) (type.max() - type.min()) + 1 : 0;
        this.tally = ThreadLocal.withInitial(() -> {
            long[][] t = new long[bands][values];
            tallies.add(t);
            return t;
        });
        begin(0);
    }

    /**
     * Whether every valid sample v has 100·v exact in a double: Float32 and integers of up to 32 bits, unless a
     * stored nodata value is read as a declared one that is counted as data (a double a Float32 cannot hold).
     */
    private boolean hundredthsExact() {
        if (type == PixelType.FLOAT64) {
            return false;
        }
        for (int b = 0; b < bands; b++) {
            if (!Double.isNaN(storedNodata) && skip[b] != declaredNodata) {
                return false;
            }
        }
        return true;
    }

    /**
     * Statistics of the reader's raster from its blocks, excluding {@code nodata.get(band)} (null: none) and NaN;
     * empty when the reader does not read a file block by block.
     */
    public static Optional<BlockStatistics> of(RasterReader reader, List<Double> nodata) {
        return reader.blocks().map(b -> new BlockStatistics(b, reader.info(), nodata));
    }

    /**
     * Whether a read of its own must come first: for min and max before the tiles ({@code minMaxFirst}), or
     * because the type needs two reads.
     */
    public boolean needsFirstRead(boolean minMaxFirst) {
        return minMaxFirst || stages.size() > 1;
    }

    /** Reads every block once, on several threads, for the first stage. */
    public void firstRead(int threads, BooleanSupplier cancelled) throws IOException {
        readAll(threads, cancelled);
        begin(stage + 1);
    }

    /** The smallest valid value of a band so far known (after {@link #firstRead}); NaN without any. */
    public double min(int band) {
        return min == null ? Double.NaN : min[band];
    }

    /** The largest valid value of a band so far known (after {@link #firstRead}); NaN without any. */
    public double max(int band) {
        return max == null ? Double.NaN : max[band];
    }

    /** From now on, gathers from the blocks that window reads decode. */
    public void listen() {
        if (stage < stages.size()) {
            blocks.listen(view -> {
                if (seen.compareAndSet(view.index(), 0, 1)) {
                    gather(view);
                }
            });
        }
    }

    /**
     * Stops listening, reads the blocks no window read decoded (and all of them again when the histogram needs its
     * own read), and makes the statistics of every band.
     */
    public List<BandStats> finish(int threads, BooleanSupplier cancelled) throws IOException {
        blocks.listen(null);
        while (stage < stages.size()) {
            readAll(threads, cancelled);
            begin(stage + 1);
        }
        List<BandStats> out = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            out.add(switch (stages.get(stages.size() - 1)) {
                case TALLY -> fromTally(b);
                case HUNDREDTHS -> fromHundredths(b);
                default -> fromMoments(b);
            });
        }
        return out;
    }

    /** Whether the statistics took (or take) a read of their own after the tiles' for the histogram. */
    public boolean spreadReadAgain() {
        return stages.get(0) == Stage.HUNDREDTHS && stages.size() > 1;
    }

    /** CPU time spent gathering (not decoding) so far, summed over threads. */
    public long gatherNanos() {
        return gatherNanos.get();
    }

    private void begin(int next) {
        if (stage < stages.size() && stages.get(stage) == Stage.MOMENTS && next > stage) {
            closeMoments();
        }
        if (stage < stages.size() && stages.get(stage) == Stage.HUNDREDTHS && next > stage) {
            closeMoments();
            closeHundredths();
        }
        if (stage < stages.size() && stages.get(stage) == Stage.TALLY && next > stage) {
            closeTally();
        }
        stage = next;
        if (stage >= stages.size()) {
            return;
        }
        int n = blocks.blockCount();
        seen = new AtomicIntegerArray(n);
        switch (stages.get(stage)) {
            case MOMENTS, HUNDREDTHS -> {
                blockMin = new double[n * bands];
                blockMax = new double[n * bands];
                blockCount = new long[n * bands];
                blockSum = new double[n * bands];
                Arrays.fill(blockMin, Double.POSITIVE_INFINITY);
                Arrays.fill(blockMax, Double.NEGATIVE_INFINITY);
                blockOwnSquares = stages.get(stage) == Stage.HUNDREDTHS ? new double[n * bands] : null;
            }
            case SPREAD -> {
                blockSquares = new double[n * bands];
                histogram = ThreadLocal.withInitial(() -> {
                    Histogram[] h = new Histogram[bands];
                    for (int b = 0; b < bands; b++) {
                        h[b] = count[b] == 0 ? null : new Histogram(Math.floor(min[b]), Math.ceil(max[b]));
                    }
                    histograms.add(h);
                    return h;
                });
            }
            default -> {
                // TALLY: the per-thread counts need nothing per block
            }
        }
    }

    /** Every block not seen yet in this stage, decoded and gathered on {@code threads} threads. */
    private void readAll(int threads, BooleanSupplier cancelled) throws IOException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        Runnable work = () -> {
            // Gathering only reads a block, and the pass's blocks are nobody else's: each is decoded into the last.
            Block done = null;
            for (int i = next.getAndIncrement(); i < blocks.blockCount(); i = next.getAndIncrement()) {
                if (failure[0] != null || cancelled.getAsBoolean()) {
                    return;
                }
                if (!seen.compareAndSet(i, 0, 1)) {
                    continue;
                }
                try {
                    RasterBlocks.View view = blocks.decode(i, done);
                    gather(view);
                    done = view.block();
                } catch (IOException | RuntimeException | Error e) {
                    synchronized (failure) {
                        failure[0] = failure[0] == null ? e : failure[0];
                    }
                    return;
                }
            }
        };
        for (int t = 1; t < Math.max(1, threads); t++) {
            Thread worker = new Thread(work, "statistics-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        work.run();
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading the raster for its statistics", e);
            }
        }
        if (failure[0] instanceof IOException io) {
            throw io;
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failure[0] instanceof Error err) {
            throw err;
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("statistics cancelled");
        }
    }

    private void gather(RasterBlocks.View view) {
        long started = THREADS.getCurrentThreadCpuTime();
        Block block = view.block();
        for (int k = 0; k < block.bands(); k++) {
            int b = view.firstBand() + k;
            float[] floats = block.floats(k);
            double[] doubles = block.doubles(k);
            switch (stages.get(stage)) {
                case TALLY -> tally(view, floats, doubles, b);
                case MOMENTS -> moments(view, floats, doubles, b);
                case SPREAD -> spread(view, floats, doubles, b);
                case HUNDREDTHS -> {
                    if (floats != null) {
                        oneRead(view, floats, b);
                    } else {
                        moments(view, floats, doubles, b);
                        hundredths(view, floats, doubles, b);
                    }
                }
                default -> throw new AssertionError();
            }
        }
        gatherNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
    }

    private double sample(float[] floats, double[] doubles, int i) {
        double v = floats != null ? floats[i] : doubles[i];
        return v == storedNodata ? declaredNodata : v;
    }

    private void tally(RasterBlocks.View view, float[] floats, double[] doubles, int b) {
        long[] t = tally.get()[b];
        double nd = skip[b];
        int stride = view.block().width();
        for (int r = 0; r < view.height(); r++) {
            for (int c = 0, i = r * stride; c < view.width(); c++, i++) {
                double v = sample(floats, doubles, i);
                if (v != v || v == nd) {
                    continue;
                }
                t[(int) v - offset]++;
            }
        }
    }

    private void moments(RasterBlocks.View view, float[] floats, double[] doubles, int b) {
        double nd = skip[b];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long n = 0;
        double s = 0;
        double comp = 0;
        int stride = view.block().width();
        for (int r = 0; r < view.height(); r++) {
            for (int c = 0, i = r * stride; c < view.width(); c++, i++) {
                double v = sample(floats, doubles, i);
                if (v != v || v == nd) {
                    continue;
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                n++;
                // Kahan summation: a large raster's mean must not drift with its size.
                double y = v - comp;
                double t = s + y;
                comp = (t - s) - y;
                s = t;
            }
        }
        int at = view.index() * bands + b;
        blockMin[at] = lo;
        blockMax[at] = hi;
        blockCount[at] = n;
        blockSum[at] = s;
    }

    /**
     * After {@link #moments} of the same block: the squares about the block's own mean (a second pass over samples
     * still in the cache, as exact as the two reads of the whole file), and the count per hundredth.
     */
    private void hundredths(RasterBlocks.View view, float[] floats, double[] doubles, int b) {
        int at = view.index() * bands + b;
        long n = blockCount[at];
        if (n == 0) {
            return;
        }
        Hundredths[] mine = counting.get();
        Hundredths counts = mine[b];
        if (!counts.roomFor(n)) {
            counts = new Hundredths(hundredthsCap);
            mine[b] = counts;
            hundredths.get(b).add(counts);
        }
        boolean counted = !uncounted;
        double nd = skip[b];
        double m = blockSum[at] / n;
        double sq = 0;
        int stride = view.block().width();
        for (int r = 0; r < view.height(); r++) {
            for (int c = 0, i = r * stride; c < view.width(); c++, i++) {
                double v = sample(floats, doubles, i);
                if (v != v || v == nd) {
                    continue;
                }
                double d = v - m;
                sq += d * d;
                if (counted && !counts.add(v)) {
                    counted = false;
                    uncounted = true;
                }
            }
        }
        blockOwnSquares[at] = sq;
    }

    /**
     * {@link #moments} and {@link #hundredths} of a band held as floats, in two passes over the block instead of
     * three, giving the same figures bit for bit (the Lisbon benchmark raster on one thread: 4.6–7 ns a sample
     * against 7–8.7; a parse's two busy threads gain less, 0.82 s against 0.93 in three parses of each).
     * The first pass sums the samples plainly where Kahan's sum took four dependent additions a sample, and counts
     * the hundredths alongside: every valid sample is a multiple of the granule of the smallest of them (a float's
     * unit in the last place in its binade), and while the block's count times its largest magnitude stays below
     * 2^52 granules every partial sum is exact, so the plain sum is Kahan's (its correction stays 0). A block that
     * could round (samples of very different sizes, such as a coast's near-zero heights beside hills) is summed
     * again the Kahan way. Zeros (the sea of an elevation model, often half of it) are only counted: they change
     * no sum, and their bin and their part of min and max are settled after the pass. The second pass adds the
     * squares about the block's mean in the order {@link #hundredths} does.
     */
    private void oneRead(RasterBlocks.View view, float[] floats, int b) {
        int at = view.index() * bands + b;
        Hundredths[] mine = counting.get();
        Hundredths counts = mine[b];
        if (!counts.roomFor((long) view.width() * view.height())) {
            counts = new Hundredths(hundredthsCap);
            mine[b] = counts;
            hundredths.get(b).add(counts);
        }
        // Besides NaN this stage skips one value: the stored nodata value (read as the declared one, which is
        // skipped), else the declared one, which no float equals when a float cannot hold it. Tested on the bits.
        double skipped = Double.isNaN(storedNodata) ? skip[b] : storedNodata;
        boolean zeroSkipped = skipped == 0;
        int skipBits = (double) (float) skipped == skipped ? Float.floatToRawIntBits((float) skipped) : NAN_BITS;
        boolean counted = !uncounted;
        int[] slots = counts.slots();
        long base = counts.base();
        int window = slots.length >> 1;
        int fast = 0;
        int zeros = 0;
        int negativeZeros = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long n = 0;
        double s = 0;
        int smallest = Integer.MAX_VALUE;
        int stride = view.block().width();
        for (int r = 0; r < view.height(); r++) {
            for (int c = 0, i = r * stride; c < view.width(); c++, i++) {
                float f = floats[i];
                int bits = Float.floatToRawIntBits(f);
                int magnitude = bits & 0x7FFFFFFF;
                if (magnitude == 0) {
                    zeros++;
                    negativeZeros += bits >>> 31;
                    continue;
                }
                if (magnitude > EXPONENT_BITS || bits == skipBits) {
                    continue;
                }
                double v = f;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                n++;
                s += v;
                smallest = Math.min(smallest, magnitude);
                if (!counted) {
                    continue;
                }
                // Hundredths.add's work for a sample inside the window and not near 0, with its fields in registers.
                double h = v * 100;
                double k = Math.floor(h);
                long slot = (long) k - base;
                boolean on = h == k;
                if (slot >= 0 && slot < window && (on || Math.abs(v) >= Hundredths.TINY)) {
                    slots[(int) slot * 2 + (on ? 0 : 1)]++;
                    fast++;
                } else {
                    counts.counted(fast);
                    fast = 0;
                    if (counts.add(v)) {
                        slots = counts.slots();
                        base = counts.base();
                        window = slots.length >> 1;
                    } else {
                        counted = false;
                        uncounted = true;
                    }
                }
            }
        }
        counts.counted(fast);
        if (zeros > 0 && !zeroSkipped) {
            n += zeros;
            // Math.min and max order -0.0 below 0.0, so whichever of them the block holds counts.
            if (negativeZeros > 0) {
                lo = Math.min(lo, -0.0);
                hi = Math.max(hi, -0.0);
            }
            if (negativeZeros < zeros) {
                lo = Math.min(lo, 0.0);
                hi = Math.max(hi, 0.0);
            }
            if (counted && !counts.addZeros(zeros)) {
                uncounted = true;
            }
        }
        blockMin[at] = lo;
        blockMax[at] = hi;
        blockCount[at] = n;
        blockSum[at] = s;
        // The granule of the smallest magnitude: 2^(exponent − 150) for a float's biased exponent (1 for subnormals).
        double granule = Math.scalb(1.0, Math.max(smallest >>> 23, 1) - 150);
        if (!(n * Math.max(-lo, hi) <= 0x1p52 * granule)) {
            moments(view, floats, null, b);
        }
        if (n == 0) {
            return;
        }
        double m = blockSum[at] / n;
        double sq = 0;
        for (int r = 0; r < view.height(); r++) {
            for (int c = 0, i = r * stride; c < view.width(); c++, i++) {
                float f = floats[i];
                int bits = Float.floatToRawIntBits(f);
                int magnitude = bits & 0x7FFFFFFF;
                if (magnitude > EXPONENT_BITS || bits == skipBits || (magnitude == 0 && zeroSkipped)) {
                    continue;
                }
                double d = f - m;
                sq += d * d;
            }
        }
        blockOwnSquares[at] = sq;
    }

    private void spread(RasterBlocks.View view, float[] floats, double[] doubles, int b) {
        if (count[b] == 0) {
            return;
        }
        Histogram hist = histogram.get()[b];
        double nd = skip[b];
        double m = mean[b];
        double sq = 0;
        int stride = view.block().width();
        for (int r = 0; r < view.height(); r++) {
            for (int c = 0, i = r * stride; c < view.width(); c++, i++) {
                double v = sample(floats, doubles, i);
                if (v != v || v == nd) {
                    continue;
                }
                double d = v - m;
                sq += d * d;
                hist.add(v);
            }
        }
        blockSquares[view.index() * bands + b] = sq;
    }

    /** Min, max, count and mean from the per-block moments, added in block order. */
    private void closeMoments() {
        min = new double[bands];
        max = new double[bands];
        count = new long[bands];
        mean = new double[bands];
        for (int b = 0; b < bands; b++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            long n = 0;
            double s = 0;
            double comp = 0;
            for (int i = b; i < blockSum.length; i += bands) {
                lo = Math.min(lo, blockMin[i]);
                hi = Math.max(hi, blockMax[i]);
                n += blockCount[i];
                double y = blockSum[i] - comp;
                double t = s + y;
                comp = (t - s) - y;
                s = t;
            }
            min[b] = n == 0 ? Double.NaN : lo;
            max[b] = n == 0 ? Double.NaN : hi;
            count[b] = n;
            mean[b] = n == 0 ? Double.NaN : s / n;
        }
        if (blockOwnSquares != null) {
            closeSquares();
        }
        blockMin = null;
        blockMax = null;
        blockCount = null;
        blockSum = null;
        blockOwnSquares = null;
    }

    /**
     * The deviation from the blocks' counts, means and squares about their own means, merged as Chan, Golub and
     * LeVeque do: a block adds its squares plus n·(its mean − the mean)². Not bit for bit the squares about the
     * mean that a second read adds up, but as accurate (each block's part is a two-pass sum over samples in memory).
     */
    private void closeSquares() {
        std = new double[bands];
        for (int b = 0; b < bands; b++) {
            double squares = 0;
            for (int i = b; i < blockSum.length; i += bands) {
                long n = blockCount[i];
                if (n > 0) {
                    double d = blockSum[i] / n - mean[b];
                    squares += blockOwnSquares[i] + n * d * d;
                }
            }
            std[b] = count[b] == 0 ? Double.NaN : Math.sqrt(squares / count[b]);
        }
    }

    /**
     * The histograms from every thread's counts per hundredth; when a band's counts outgrew their cap or straddle a
     * computed edge, a read of their own follows ({@link Stage#SPREAD}), as for Float64.
     */
    private void closeHundredths() {
        binned = new Histogram[bands];
        boolean whole = !uncounted;
        for (int b = 0; b < bands && whole; b++) {
            if (count[b] == 0) {
                continue;
            }
            binned[b] = new Histogram(Math.floor(min[b]), Math.ceil(max[b]));
            for (Hundredths counts : hundredths.get(b)) {
                if (!counts.addTo(binned[b])) {
                    whole = false;
                    break;
                }
            }
        }
        // Pool threads keep their thread-local references after the parse; the counts need not stay with them.
        hundredths.forEach(q -> q.forEach(Hundredths::release));
        if (!whole) {
            binned = null;
            stages.add(Stage.SPREAD);
        }
    }

    private BandStats fromHundredths(int b) {
        if (count[b] == 0) {
            return new BandStats(b, nodata.get(b), Double.NaN, Double.NaN, Double.NaN, Double.NaN, new long[0],
                    new double[0], 0);
        }
        return new BandStats(b, nodata.get(b), min[b], max[b], mean[b], std[b], binned[b].counts(),
                binned[b].edges(), count[b]);
    }

    private BandStats fromMoments(int b) {
        if (count[b] == 0) {
            return new BandStats(b, nodata.get(b), Double.NaN, Double.NaN, Double.NaN, Double.NaN, new long[0],
                    new double[0], 0);
        }
        double squares = 0;
        for (int i = b; i < blockSquares.length; i += bands) {
            squares += blockSquares[i];
        }
        Histogram total = new Histogram(Math.floor(min[b]), Math.ceil(max[b]));
        for (Histogram[] h : histograms) {
            total.addAll(h[b]);
        }
        return new BandStats(b, nodata.get(b), min[b], max[b], mean[b], Math.sqrt(squares / count[b]),
                total.counts(), total.edges(), count[b]);
    }

    /** The per-thread counts added up, and min and max from them. */
    private void closeTally() {
        int values = (int) (type.max() - type.min()) + 1;
        merged = new long[bands][values];
        min = new double[bands];
        max = new double[bands];
        for (int b = 0; b < bands; b++) {
            for (long[][] counts : tallies) {
                for (int i = 0; i < values; i++) {
                    merged[b][i] += counts[b][i];
                }
            }
            min[b] = Double.NaN;
            max[b] = Double.NaN;
            for (int i = 0; i < values; i++) {
                if (merged[b][i] != 0) {
                    min[b] = Double.isNaN(min[b]) ? i + offset : min[b];
                    max[b] = i + offset;
                }
            }
        }
    }

    private BandStats fromTally(int b) {
        return BandStatistics.fromCounts(b, nodata.get(b), merged[b], offset);
    }
}
