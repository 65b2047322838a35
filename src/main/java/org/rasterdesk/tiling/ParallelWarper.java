package org.rasterdesk.tiling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.rasterdesk.raster.RasterReader;

/**
 * Warps a range of tiles on several threads and hands them to the caller in row-major order, as the pyramid needs
 * them. Each row is cut into runs of a few tiles; a worker thread warps a run with a {@link TileWarp} of its own (a
 * warper keeps scratch arrays and is not thread safe; the readers are shared, so each source block is decoded once)
 * and then applies a step of the caller's to every tile (e.g. encoding it), so that this work is spread over the
 * cores too. At most a few runs are ahead of the caller: memory stays bounded whatever the raster's size.
 *
 * @param <T> what the workers' step makes of a tile
 */
public final class ParallelWarper<T> {

    /** A tile and what the workers' step made of it. */
    public record Warped<T>(TileData tile, T result) {
    }

    /** Makes a warper for one worker thread; the warpers it makes may share readers safe for concurrent reads. */
    @FunctionalInterface
    public interface Warpers {
        TileWarp make() throws IOException;
    }

    /** Receives the warped tiles in row-major order, on the thread that called {@link #run}. */
    @FunctionalInterface
    public interface Receiver<T> {
        void accept(Warped<T> tile) throws IOException;
    }

    /**
     * Tiles per run. A run of eight max-zoom tiles reads a source window of about 2,000 × 300 pixels; with two
     * runs per thread in flight (and one more) the tiles waiting for the caller, each held in its own pixel type with
     * its WKB, stay under 20 MB for Float32 and 5 MB for Byte.
     */
    static final int RUN_TILES = 8;
    private static final int RUNS_AHEAD_PER_THREAD = 2;

    private static final java.lang.management.ThreadMXBean CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final Warpers warpers;
    private final int threads;
    private final Function<TileData, T> step;
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong warpNanos = new AtomicLong();
    private final AtomicLong stepNanos = new AtomicLong();

    /**
     * Warps one raster.
     *
     * @param reader  shared by the threads: it must be safe for concurrent reads, or it is read by one at a time
     * @param threads worker threads, at least one
     * @param step    applied by the workers to every tile after warping it
     */
    public ParallelWarper(RasterReader reader, SourceProjection projection, Resampling resampling,
                          double[] tileNodata, int threads, Function<TileData, T> step) {
        this(warpersOf(shareable(reader), projection, resampling, tileNodata.clone()), threads, step);
    }

    /**
     * @param warpers called once by each worker thread for the warper it uses alone
     * @param threads worker threads, at least one
     * @param step    applied by the workers to every tile after warping it
     */
    public ParallelWarper(Warpers warpers, int threads, Function<TileData, T> step) {
        this.warpers = warpers;
        this.threads = Math.max(1, threads);
        this.step = step;
    }

    private static Warpers warpersOf(RasterReader reader, SourceProjection projection, Resampling resampling,
                                     double[] tileNodata) {
        return () -> new Warper(reader, projection, resampling, tileNodata);
    }

    /** The reader itself when several threads may read it at once, else a view of it that reads one at a time. */
    public static RasterReader shareable(RasterReader reader) {
        return reader.isThreadSafe() ? reader : new OneAtATime(reader);
    }

    /** Worker threads for this machine: one per core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Warps every tile of the range and hands each (empty ones too) to the receiver, in row-major order.
     *
     * @param cancelled polled between runs; when it says so, the warp stops and this returns early
     */
    public void run(TileRange range, Receiver<T> receiver, BooleanSupplier cancelled) throws IOException {
        run(new TileCover(range.z(), List.of(range)), receiver, cancelled);
    }

    /**
     * Warps every tile of the cover and hands each to the receiver row by row, a row's pieces west to east (a
     * raster across the antimeridian has one at each edge of the world), as the pyramid needs them.
     */
    public void run(TileCover cover, Receiver<T> receiver, BooleanSupplier cancelled) throws IOException {
        List<TileRange> runs = new ArrayList<>();
        for (int y = cover.minY(); y <= cover.maxY(); y++) {
            for (TileRange piece : cover.row(y)) {
                runs.addAll(runs(piece));
            }
        }
        Semaphore ahead = new Semaphore(threads * RUNS_AHEAD_PER_THREAD + 1);
        AtomicInteger next = new AtomicInteger();
        ConcurrentHashMap<Integer, CompletableFuture<List<Warped<T>>>> done = new ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> work(runs, ahead, next, done, stop), "warp-" + (t + 1));
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        try {
            for (int r = 0; r < runs.size(); r++) {
                if (cancelled.getAsBoolean()) {
                    return;
                }
                List<Warped<T>> tiles = await(done.computeIfAbsent(r, k -> new CompletableFuture<>()));
                done.remove(r);
                ahead.release();
                for (Warped<T> tile : tiles) {
                    receiver.accept(tile);
                }
            }
        } finally {
            stop.set(true);
            for (Thread worker : workers) {
                worker.interrupt();
            }
            for (Thread worker : workers) {
                joinQuietly(worker);
            }
        }
    }

    private void work(List<TileRange> runs, Semaphore ahead, AtomicInteger next,
                      ConcurrentHashMap<Integer, CompletableFuture<List<Warped<T>>>> done,
                      java.util.concurrent.atomic.AtomicBoolean stop) {
        TileWarp warper;
        try {
            warper = warpers.make();
        } catch (IOException | RuntimeException | Error e) {
            fail(runs.size(), next, done, e);
            return;
        }
        Warper single = warper instanceof Warper w ? w : null;
        while (!stop.get()) {
            try {
                ahead.acquire();
            } catch (InterruptedException e) {
                return;
            }
            int r = next.getAndIncrement();
            if (r >= runs.size()) {
                ahead.release();
                return;
            }
            CompletableFuture<List<Warped<T>>> result = done.computeIfAbsent(r, k -> new CompletableFuture<>());
            try {
                long started = CPU.getCurrentThreadCpuTime();
                long readBefore = single != null ? single.readNanos() : 0;
                List<TileData> tiles = new ArrayList<>();
                warper.warp(runs.get(r), tiles::add);
                long warped = CPU.getCurrentThreadCpuTime();
                List<Warped<T>> out = new ArrayList<>(tiles.size());
                for (TileData tile : tiles) {
                    out.add(new Warped<>(tile, step.apply(tile)));
                }
                // A mosaic's warper reads inside its warp: its reading counts as warping.
                long read = single != null ? single.readNanos() - readBefore : 0;
                readNanos.addAndGet(read);
                warpNanos.addAndGet(warped - started - read);
                stepNanos.addAndGet(CPU.getCurrentThreadCpuTime() - warped);
                result.complete(out);
            } catch (IOException | RuntimeException | Error e) {
                result.completeExceptionally(e);
                return;
            }
        }
    }

    /** A worker that cannot start fails the next run the caller waits for, so that the caller hears of it. */
    private static <T> void fail(int runCount, AtomicInteger next,
                                 ConcurrentHashMap<Integer, CompletableFuture<List<Warped<T>>>> done, Throwable e) {
        int r = next.getAndIncrement();
        if (r < runCount) {
            done.computeIfAbsent(r, k -> new CompletableFuture<>()).completeExceptionally(e);
        }
    }

    private List<Warped<T>> await(CompletableFuture<List<Warped<T>>> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while warping tiles", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /** The range cut into runs of up to {@link #RUN_TILES} tiles, row by row. */
    static List<TileRange> runs(TileRange range) {
        List<TileRange> runs = new ArrayList<>();
        int perRow = (range.columns() + RUN_TILES - 1) / RUN_TILES;
        for (int y = range.minY(); y <= range.maxY(); y++) {
            for (int k = 0; k < perRow; k++) {
                // Runs of nearly equal length, so that no thread gets a row's short remainder only.
                int x0 = range.minX() + (int) ((long) k * range.columns() / perRow);
                int x1 = range.minX() + (int) ((long) (k + 1) * range.columns() / perRow) - 1;
                runs.add(new TileRange(range.z(), x0, y, x1, y));
            }
        }
        return runs;
    }

    /** CPU time the workers spent reading source windows. */
    public long readNanos() {
        return readNanos.get();
    }

    /** CPU time the workers spent mapping and sampling tiles. */
    public long warpNanos() {
        return warpNanos.get();
    }

    /** CPU time the workers spent in the caller's step. */
    public long stepNanos() {
        return stepNanos.get();
    }

    private static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A reader that is not safe for concurrent reads, read by one thread at a time. */
    private static final class OneAtATime implements RasterReader {
        private final RasterReader reader;

        OneAtATime(RasterReader reader) {
            this.reader = reader;
        }

        @Override
        public org.rasterdesk.raster.RasterInfo info() {
            return reader.info();
        }

        @Override
        public synchronized double[][] read(int x, int y, int width, int height) throws IOException {
            return reader.read(x, y, width, height);
        }

        @Override
        public synchronized double[][] read(int x, int y, int width, int height, double[][] into) throws IOException {
            return reader.read(x, y, width, height, into);
        }

        @Override
        public boolean isThreadSafe() {
            return true;
        }

        @Override
        public long decodeNanos() {
            return reader.decodeNanos();
        }

        @Override
        public java.util.Optional<org.rasterdesk.raster.RasterBlocks> blocks() {
            return reader.blocks();
        }

        @Override
        public int[] palette() {
            return reader.palette();
        }

        @Override
        public void close() {
            // the caller closes the reader it gave
        }
    }
}
