package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.StoredFile;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;

/**
 * Files added to a mosaic layer on workers. They are staged with the layer first and become its files at the
 * swap. When the mosaic's tiles are what a parse of it with the added files would keep outside them
 * ({@link MosaicAddition}), each added file is a job that makes the max-zoom tiles it touches from the whole mosaic
 * (a large file cut into blocks of rows), the finish makes their ancestors, and only those tiles are swapped;
 * otherwise the whole mosaic is parsed again as a parse of the layer is.
 */
public final class WorkerAddition {

    private static final Logger LOG = Logger.getLogger(WorkerAddition.class.getName());

    /** Files staged for an addition on workers, and the run of the parse that adds them. */
    public record Staged(long parseId, int filesBefore) {
    }

    private final WorkerContext context;

    WorkerAddition(WorkerContext context) {
        this.context = context;
    }

    /**
     * Stores files to be added to a mosaic layer by workers (as files being added, not yet its parts) and makes the
     * run of the parse that adds them, to be queued with {@code filesBefore}. Refused while the layer is parsed, here
     * or on workers: the files staged for that parse would be lost.
     */
    public static Staged stage(DataSource dataSource, int layerId, List<Path> files) throws SQLException, IOException {
        MosaicFiles mosaics = new MosaicFiles(dataSource);
        MosaicFiles.Mosaic mosaic = mosaics.find(layerId).orElseThrow(() -> new IllegalArgumentException("Layer "
                + layerId + " is not a mosaic: files can be added only to a layer made of several files."));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No files to add.");
        }
        // Held while the files are staged and the run made: a local parse, or another addition, waits for it and
        // then sees the queued parse.
        try (LayerLock lock = LayerLock.tryAcquire(dataSource, layerId)) {
            if (lock == null) {
                throw new IllegalStateException("Layer " + layerId + " is being parsed by another client; add the "
                        + "files once it has finished.");
            }
            Optional<Long> other = new WorkerParseState(dataSource).underWay(layerId);
            if (other.isPresent()) {
                throw new IllegalStateException("Workers are parsing layer " + layerId + " (parse " + other.get()
                        + "); add the files once that parse has ended.");
            }
            try {
                mosaics.stageAddition(mosaic, files, () -> false);
            } catch (ParseCancelledException e) {
                throw new IllegalStateException("never cancelled", e);
            }
            try {
                return new Staged(new ParseRuns(dataSource).beginQueued(layerId), mosaic.files().size());
            } catch (SQLException | RuntimeException e) {
                mosaics.dropAdditions(layerId);
                throw e;
            }
        }
    }

    /** An addition staged by {@link #stage} that could not be queued: its run ends, its files go. */
    public static void abandon(DataSource dataSource, int layerId, long parseId) throws SQLException {
        new ParseRuns(dataSource).discard(parseId, "failed");
        new MosaicFiles(dataSource).dropAdditions(layerId);
    }

    /**
     * The plan's first look at the addition: the staged files are still there, the log names them, and the
     * resampling the mosaic's tiles were made with (continuous data only).
     *
     * @param mosaic the mosaic with the staged files
     * @return the mosaic's earlier resampling, if it recorded one
     */
    Optional<Resampling> begin(RasterLayer layer, Optional<MosaicFiles.Mosaic> mosaic, int addedAfter)
            throws IOException, SQLException {
        if (mosaic.map(m -> m.files().size() <= addedAfter).orElse(true)) {
            throw new IOException("The files to add to the mosaic are no longer stored; add them again.");
        }
        List<String> names = mosaic.get().files().subList(addedAfter, mosaic.get().files().size()).stream()
                .map(StoredFile::rasterName).toList();
        context.statuses.log(layer.id(), String.format(Locale.ROOT, "Adding %s to the mosaic of %s on workers: %s.",
                Counted.of(mosaic.get().files().size() - addedAfter, "file"), Counted.of(addedAfter, "file"),
                String.join(", ", names)));
        return layer.datatype().isDiscrete() ? Optional.empty()
                : new MosaicFiles(context.dataSource).resampling(layer.id()).map(Resampling::valueOf);
    }

    /** The tally the mosaic's statistics were counted from, to count the added files onto; null when none fits. */
    SourcePlan.Prior prior(RasterLayer layer, boolean firstWins, SourceParts opened, int addedAfter)
            throws SQLException {
        if (!BandStatistics.tallied(opened.readers().get(0).info().pixelType(),
                opened.readers().get(0).info().bandCount())) {
            return null;
        }
        SourcePlan.Prior prior = MosaicTally.prior(context.dataSource, layer, firstWins,
                opened.readers().get(0).info(), addedAfter);
        context.statuses.log(layer.id(), MosaicTally.priorLine(prior != null));
        return prior;
    }

    /**
     * Why the whole mosaic must be parsed again rather than only the added files' tiles, if it must.
     *
     * @param before  the layer's status before this parse
     * @param earlier the resampling the mosaic's tiles were made with, if recorded
     * @param remade  the max-zoom tiles the added files touch, null when they lie outside web mercator's world
     */
    Optional<String> whyWhole(int layerId, ParseStatus before, SourcePlan plan, int minZoom,
                              Optional<Resampling> earlier, ParseOptions options, TileCover remade)
            throws SQLException {
        Optional<String> whole = new MosaicAddition(context.dataSource, layerId).whyWhole(before, plan, minZoom);
        if (whole.isEmpty() && earlier.isPresent() && options.resampling() != earlier.get()) {
            whole = Optional.of("The mosaic's tiles were resampled " + earlier.get().name()
                    .toLowerCase(Locale.ROOT) + ", these " + options.resampling().name()
                    .toLowerCase(Locale.ROOT));
        }
        if (whole.isEmpty() && remade == null) {
            whole = Optional.of("The added files lie outside web mercator's world");
        }
        return whole;
    }

    /**
     * The plan of an addition that re-makes only the tiles the added files touch: a job per added file (a large one
     * cut into blocks of rows), each making the tiles of its file that no added file before it has, warped from the
     * whole mosaic as a local addition warps them.
     */
    Optional<WorkerParse.Planned> plan(RasterLayer layer, long parseId, ParseOptions options,
                                                     int blockTiles, SourcePlan plan, MosaicFiles.Mosaic mosaic,
                                                     int addedAfter, TileCover remade, int minZoom)
            throws SQLException {
        int layerId = layer.id();
        int z = plan.zoom().zoom();
        List<SourcePart> added = plan.parts().subList(addedAfter, plan.parts().size());
        List<MosaicUnits.Unit> blocks = new ArrayList<>();
        for (MosaicUnits.Unit unit : MosaicUnits.plan(added, z, blockTiles)) {
            blocks.add(new MosaicUnits.Unit(unit.part() + addedAfter, unit.minY(), unit.maxY()));
        }
        TileRange top = new TileRange(z, remade.parts().stream().mapToInt(TileRange::minX).min().orElseThrow(),
                remade.minY(), remade.parts().stream().mapToInt(TileRange::maxX).max().orElseThrow(), remade.maxY());
        // The top zoom stays the layer's reprojected copy, now of every file, as after a local addition.
        ReprojectedCopies copies = new ReprojectedCopies(context.dataSource);
        Optional<ReprojectedCopies.Copy> copy = layer.storeReprojected() ? copies.find(layerId) : Optional.empty();
        String copyInputs = copy.isPresent() && copy.get().storage() == ReprojectedCopies.Storage.TILES
                && copy.get().zoom() == z ? copies.inputsOf(layer) + ";mosaic=" + mosaic.fingerprint() : null;
        Resampling resampling = options.resamplingFor(layer.datatype());
        if (!context.plans.store(parseId, layer, top, remade.count(), minZoom, resampling, plan, blocks, copyInputs,
                addedAfter, remade)) {
            LOG.info("The addition to layer " + layerId + " on workers was cancelled while it was planned");
            if (context.statuses.status(layerId).isInProgress()) {
                new WorkerParseState(context.dataSource).restore(layerId, "Parsing on workers was cancelled; ");
            }
            return Optional.empty();
        }
        context.statuses.log(layerId, String.format(Locale.ROOT, "Creating up to %s at zoom %d where the new files "
                        + "lie, over the whole mosaic, in %s, each of one added file (a large one cut into blocks of "
                        + "rows), and building their ancestors at zooms %d to %d, resampling %s.",
                Counted.of(remade.count(), "tile"), z, Counted.of(blocks.size(), "job"), minZoom, z - 1,
                resampling.name().toLowerCase(Locale.ROOT)), ParseStatus.CREATING_TILES, null);
        return Optional.of(new WorkerParse.Planned(parseId, blocks.size()));
    }

    /**
     * A block of an added file: its tiles that no added file before it has, warped from every file of the mosaic
     * at once, as a local addition makes them (so the tiles are the same, byte for byte).
     *
     * @param about set to the file's description for the log
     */
    TileProduction.Counts makeBlock(QueuedPlan q, RasterLayer layer, MosaicFiles.Mosaic mosaic, int part, int minY,
                                    int maxY, long attempt, String[] about)
            throws IOException, SQLException, ParseCancelledException {
        int z = q.top().z();
        HeldSources.Held held = context.sources.take(q.parseId() + "", () -> LayerSources.fetch(context.dataSource,
                layer, Optional.of(mosaic), FetchListener.NONE, () -> false));
        try (SourceParts opened = SourceParts.open(held.sources().files(), layer.srid(),
                ParseRun.parseNodata(layer.nodata()))) {
            List<SourcePart> parts = opened.project(q.pixelType());
            long started = System.nanoTime();
            TileCover tiles = MosaicUnits.addedTiles(parts, q.addedAfter(), part, z, minY, maxY);
            TileProduction.Counts counts = tiles == null
                    ? new TileProduction.Counts(new TreeMap<>(Map.of(z, 0L)), new TreeMap<>(Map.of(z, 0L)))
                    : context.production(attempt).run(parts, mosaic.firstWins(), tiles, z, q.resampling(),
                    WorkerContext.reduction(layer), q.tileNodata());
            TileCover whole = MosaicUnits.coverOf(parts.get(part), z);
            about[0] = MosaicUnits.describe(part, parts.size(), whole.minY() == minY && whole.maxY() == maxY, minY,
                    maxY, mosaic.files().get(part).rasterName(), counts.made().get(z),
                    (System.nanoTime() - started) / 1e9);
            return counts;
        } finally {
            context.sources.release(held);
        }
    }

    /**
     * The finish of an addition that re-made only the tiles the added files touch: their ancestors from them and the
     * layer's other tiles, then those tiles alone are swapped.
     */
    void finish(QueuedPlan q, RasterLayer layer, SortedMap<Integer, Long> made, SortedMap<Integer, Long> empty,
                List<Long> blockRuns, long attempt, long started) throws SQLException {
        int top = q.top().z();
        made.putIfAbsent(top, 0L);
        empty.putIfAbsent(top, 0L);
        AncestorTiles.Result lower;
        try {
            lower = new AncestorTiles(context.dataSource, q.layerId(), attempt, blockRuns.toArray(Long[]::new),
                    WorkerParse.patientRetry(context.dataSource)).build(q.remadeTop(), q.minZoom(),
                    WorkerContext.reduction(layer), q.pixelType(), q.tileNodata(), () -> false);
        } catch (ParseCancelledException e) {
            throw new IllegalStateException("never cancelled", e);
        }
        made.putAll(lower.made());
        empty.putAll(lower.empty());
        if (q.minZoom() < top) {
            long tiles = lower.made().values().stream().mapToLong(Long::longValue).sum();
            context.statuses.log(q.layerId(), String.format(Locale.ROOT, "Worker %s made zooms %d–%d above the "
                    + "added files' tiles (%s, %.1f s).", context.worker, q.minZoom(), top - 1,
                    Counted.of(tiles, "tile"), (System.nanoTime() - started) / 1e9));
        }
        List<String> lines = new ArrayList<>(List.of("Dropping empty tiles."));
        SortedSet<Integer> levels = new TreeSet<>(context.statuses.find(q.layerId())
                .map(LayerParseStatus::tileLevels).orElse(List.of()));
        for (int z = top; z >= q.minZoom(); z--) {
            lines.add(String.format(Locale.ROOT, "Zoom %d: %s re-made, %d empty dropped.",
                    z, Counted.of(made.getOrDefault(z, 0L), "tile"), empty.getOrDefault(z, 0L)));
            if (made.getOrDefault(z, 0L) > 0) {
                levels.add(z);
            }
        }
        long remade = made.values().stream().mapToLong(Long::longValue).sum();
        long total = context.runs.tilesAfterSwap(q.layerId(), lower.remade(), remade);
        int addedFiles = context.mosaicOf(q.layerId(), q.addedAfter()).map(m -> m.files().size()).orElse(0)
                - q.addedAfter();
        lines.add(String.format(Locale.ROOT, "Added %s on workers: %s re-made of %,d.",
                Counted.of(addedFiles, "file"), Counted.grouped(remade, "tile"), total));
        lines.add("Successfully finished parsing raster");
        context.statuses.log(q.layerId(), lines, ParseStatus.DROPPING_EMPTY_TILES);
        ReprojectedCopies.Copy copy = q.copyInputs() != null ? new ReprojectedCopies.Copy(top, q.sourcePixelSize(),
                q.copyInputs(), ReprojectedCopies.Storage.TILES) : null;
        List<Long> all = new ArrayList<>(blockRuns);
        all.add(attempt);
        all.add(q.parseId());
        new WorkerSwap(context).commit(q, List.copyOf(levels), copy, c -> context.runs.swapTiles(c, q.layerId(),
                all.toArray(Long[]::new), lower.remade()));
    }
}
