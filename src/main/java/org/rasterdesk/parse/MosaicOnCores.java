package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.ParallelWarper;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileCover;

/**
 * Makes a mosaic's tiles on the local cores as workers make them: its files' units ({@link MosaicUnits}) run at
 * once, one per core, each file's tiles pending under a run of its own; then {@link PendingPyramid} paints the
 * places where files overlap and builds the lower zooms over the whole mosaic, as the finish on workers does. Memory
 * holds a few tiles ahead per core, whatever the number of files.
 */
final class MosaicOnCores {

    /** The tiles made, and the files' runs, whose tiles the swap gives the layer with the parse's own. */
    record Result(TileProduction.Counts counts, Long[] partRuns) {
    }

    private final DataSource dataSource;
    private final int layerId;
    private final ParseListener listener;
    private final Consumer<String> log;
    private final BooleanSupplier cancelled;
    private final ParseTimings timings;
    private final DatabaseRetry retry;

    /** @param log takes a line for the parse's log ("Made file 3 of 12 (…)."), from any thread */
    MosaicOnCores(DataSource dataSource, int layerId, ParseListener listener, Consumer<String> log,
                  BooleanSupplier cancelled, ParseTimings timings, DatabaseRetry retry) {
        this.dataSource = dataSource;
        this.layerId = layerId;
        this.listener = listener;
        this.log = log;
        this.cancelled = cancelled;
        this.timings = timings;
        this.retry = retry;
    }

    /**
     * @param parts   the files, read as the tiles' pixel type, in the order the user gave them
     * @param names   the files' names, for the log
     * @param parseId the parse's own run: the painted tiles and the lower zooms are its
     */
    Result run(List<SourcePart> parts, List<String> names, boolean firstWins, TileCover top, int minZoom,
               Resampling resampling, Reduction reduction, double[] tileNodata, long parseId)
            throws IOException, SQLException, ParseCancelledException {
        // One reader per file shared by its units: each source block is decoded once.
        List<SourcePart> shared = SourcePart.shareable(parts);
        ParseRuns runs = new ParseRuns(dataSource);
        Long[] partRuns = new Long[parts.size()];
        Integer[] ranks = new Integer[parts.size()];
        try {
            for (int i = 0; i < partRuns.length; i++) {
                partRuns[i] = retry.run(() -> runs.begin(layerId));
                ranks[i] = PendingPyramid.TopRuns.rank(i, parts.size(), firstWins);
            }
            makeUnits(shared, names, top, resampling, reduction, tileNodata, partRuns);
            long started = ParseTimings.cpuNow();
            // Not redone whole after a lost connection: its writer rides that out, and a redo would write twice.
            TileProduction.Counts counts = new PendingPyramid(dataSource).build(
                    new PendingPyramid.TopRuns(partRuns, ranks), top.z(), minZoom, reduction,
                    parts.get(0).reader().info().pixelType(), tileNodata, parseId, cancelled);
            timings.add(ParseTimings.Phase.REDUCE, ParseTimings.cpuNow() - started);
            if (cancelled.getAsBoolean()) {
                throw new ParseCancelledException();
            }
            counts.empty().put(top.z(), top.count() - counts.made().get(top.z()));
            return new Result(counts, partRuns);
        } catch (IOException | SQLException | ParseCancelledException | RuntimeException e) {
            discard(runs, partRuns, e instanceof ParseCancelledException ? "cancelled" : "failed");
            throw e;
        }
    }

    /** The files' tiles still pending under their runs go, as the parse's own do when it does not finish. */
    static void discard(ParseRuns runs, Long[] partRuns, String outcome) {
        for (Long run : partRuns) {
            if (run != null) {
                try {
                    runs.discard(run, outcome);
                } catch (SQLException e) {
                    // The run stays unfinished: the next start's clean-up of interrupted runs deletes its tiles.
                    java.util.logging.Logger.getLogger(MosaicOnCores.class.getName())
                            .info("The tiles of run " + run + " could not be discarded: " + e.getMessage());
                }
            }
        }
    }

    private void makeUnits(List<SourcePart> parts, List<String> names, TileCover top, Resampling resampling,
                           Reduction reduction, double[] tileNodata, Long[] partRuns)
            throws IOException, SQLException, ParseCancelledException {
        int z = top.z();
        List<MosaicUnits.Unit> units = MosaicUnits.plan(parts, z, WorkerParse.DEFAULT_BLOCK_TILES * 4);
        int[] unitsLeft = new int[parts.size()];
        long[] unitTiles = new long[units.size()];
        long total = 0;
        for (int u = 0; u < units.size(); u++) {
            MosaicUnits.Unit unit = units.get(u);
            unitsLeft[unit.part()]++;
            TileCover tiles = MosaicUnits.tilesOf(parts.get(unit.part()), z, unit.minY(), unit.maxY());
            unitTiles[u] = tiles == null ? 0 : tiles.count();
            total += unitTiles[u];
        }
        int[] unitsOfFile = unitsLeft.clone();
        long[] fileTiles = new long[parts.size()];
        long[] fileNanos = new long[parts.size()];
        long[] done = {0, 0};
        long began = System.nanoTime();
        long all = Math.max(1, total);
        AtomicBoolean stop = new AtomicBoolean();
        BooleanSupplier stopped = () -> stop.get() || cancelled.getAsBoolean();
        int threads = Math.min(ParallelWarper.defaultThreads(), units.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "mosaic-file");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int u = 0; u < units.size(); u++) {
                MosaicUnits.Unit unit = units.get(u);
                long expected = unitTiles[u];
                futures.add(pool.submit(() -> {
                    if (stopped.getAsBoolean()) {
                        return null;
                    }
                    long t0 = System.nanoTime();
                    TileProduction.Counts counts = MosaicUnits.make(new TileProduction(dataSource,
                                    partRuns[unit.part()], ParseListener.NONE, stopped, timings, retry).threads(1),
                            parts.get(unit.part()), z, unit.minY(), unit.maxY(), resampling, reduction, tileNodata);
                    long made = counts.made().get(z);
                    synchronized (done) {
                        int part = unit.part();
                        fileTiles[part] += made;
                        fileNanos[part] += System.nanoTime() - t0;
                        done[0] += expected;
                        done[1] += made;
                        double seconds = (System.nanoTime() - began) / 1e9;
                        listener.progress(0.05 + 0.85 * done[0] / all, done[1], done[1] / Math.max(seconds, 1e-3));
                        if (--unitsLeft[part] == 0) {
                            log.accept("Made " + MosaicUnits.describe(part, parts.size(), true, 0, 0, part < names.size() ? names.get(part) : "?",
                                    fileTiles[part], fileNanos[part] / 1e9) + (unitsOfFile[part] > 1
                                    ? " in " + Counted.of(unitsOfFile[part], "block") : "") + ".");
                        }
                    }
                    return null;
                }));
            }
            Throwable failure = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    stop.set(true);
                    if (failure == null) {
                        failure = e.getCause();
                    }
                } catch (InterruptedException e) {
                    stop.set(true);
                    Thread.currentThread().interrupt();
                    failure = new ParseCancelledException();
                }
            }
            if (failure != null) {
                rethrow(failure);
            }
            if (cancelled.getAsBoolean()) {
                throw new ParseCancelledException();
            }
        } finally {
            pool.shutdownNow();
        }
        log.accept(String.format(Locale.ROOT, "The %d files' tiles are made; painting where they overlap and "
                + "building the lower zooms.", parts.size()));
    }

    private static void rethrow(Throwable failure) throws IOException, SQLException, ParseCancelledException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof SQLException e) {
            throw e;
        }
        if (failure instanceof ParseCancelledException e) {
            throw e;
        }
        if (failure instanceof DataAccessException e && e.getCause() instanceof SQLException s) {
            throw s;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IOException(failure.getMessage(), failure);
    }
}
