package org.rasterdesk.parse;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.MosaicFiles;

/**
 * The last unit of a parse on workers: the lower zooms from the blocks' tiles (and, for a mosaic, its files painted
 * where they overlap), then the swap. An addition that re-made only its files' tiles finishes in
 * {@link WorkerAddition}.
 */
final class WorkerFinish {

    private final WorkerContext context;

    WorkerFinish(WorkerContext context) {
        this.context = context;
    }

    /** Runs the finish once every block is done; running it again after it finished does nothing. */
    void run(long parseId) throws SQLException {
        QueuedPlan q = context.plans.find(parseId).orElse(null);
        if (q == null || !q.makingBlocks() || context.plans.remainingBlocks(parseId) > 0) {
            return;
        }
        RasterLayer layer = context.layers.find(q.layerId())
                .orElseThrow(() -> new SQLException("The layer was deleted"));
        long attempt = context.runs.begin(q.layerId(), true);
        Long previous = context.plans.claimPyramid(parseId, attempt);
        if (previous != null) {
            context.runs.discard(previous, "interrupted");
        }
        int top = q.top().z();
        SortedMap<Integer, Long> made = new TreeMap<>();
        SortedMap<Integer, Long> empty = new TreeMap<>();
        List<Long> blockRuns = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        boolean painted = false;
        Optional<MosaicFiles.Mosaic> mosaic = context.mosaicOf(q.layerId(), q.addedAfter());
        int files = mosaic.map(m -> m.files().size()).orElse(1);
        boolean firstWins = mosaic.map(MosaicFiles.Mosaic::firstWins).orElse(false);
        for (QueuedPlans.DoneBlock block : context.plans.doneBlocks(parseId)) {
            blockRuns.add(block.attempt());
            made.merge(top, block.tiles(), Long::sum);
            empty.merge(top, block.empty(), Long::sum);
            // The blocks of one file (or of one raster) never make a tile twice; files are painted in order.
            if (block.part() == null) {
                ranks.add(0);
            } else {
                painted = true;
                ranks.add(PendingPyramid.TopRuns.rank(block.part(), files, firstWins));
            }
        }
        long started = System.nanoTime();
        if (q.remadeTop() != null) {
            new WorkerAddition(context).finish(q, layer, made, empty, blockRuns, attempt, started);
            return;
        }
        if (q.minZoom() < top || painted) {
            PendingPyramid.TopRuns base = new PendingPyramid.TopRuns(blockRuns.toArray(Long[]::new),
                    ranks.toArray(Integer[]::new));
            TileProduction.Counts lower = new PendingPyramid(context.dataSource).build(base, top, q.minZoom(),
                    WorkerContext.reduction(layer), q.pixelType(), q.tileNodata(), attempt);
            made.putAll(lower.made());
            empty.putAll(lower.empty());
            if (q.topTiles() > 0) {
                empty.put(top, q.topTiles() - made.get(top));
            }
            long tiles = lower.made().entrySet().stream().filter(e -> e.getKey() < top)
                    .mapToLong(Map.Entry::getValue).sum();
            context.statuses.log(q.layerId(), String.format(Locale.ROOT, "Worker %s made %szooms %d–%d from zoom %d "
                    + "(%s, %.1f s).", context.worker, painted ? "zoom " + top + " of the files where they overlap, "
                    + "and " : "", q.minZoom(), top - 1, top, Counted.of(tiles, "tile"),
                    (System.nanoTime() - started) / 1e9));
        }
        swap(q, layer, made, empty, blockRuns, attempt, painted);
    }

    /** @param painted whether the pyramid's run painted over tiles of the blocks' runs (files that overlap) */
    private void swap(QueuedPlan q, RasterLayer layer, SortedMap<Integer, Long> made, SortedMap<Integer, Long> empty,
                      List<Long> blockRuns, long pyramidRun, boolean painted) throws SQLException {
        List<String> lines = new ArrayList<>(List.of("Dropping empty tiles."));
        List<Integer> levels = new ArrayList<>();
        for (int z = q.top().z(); z >= q.minZoom(); z--) {
            lines.add(String.format(Locale.ROOT, "Zoom %d: %s, %d empty dropped.", z,
                    Counted.of(made.getOrDefault(z, 0L), "tile"), empty.getOrDefault(z, 0L)));
            if (made.getOrDefault(z, 0L) > 0) {
                levels.add(0, z);
            }
        }
        long total = made.values().stream().mapToLong(Long::longValue).sum();
        ReprojectedCopies.Copy copy = q.copyInputs() != null && made.getOrDefault(q.top().z(), 0L) > 0
                ? new ReprojectedCopies.Copy(q.top().z(), q.sourcePixelSize(), q.copyInputs(),
                ReprojectedCopies.Storage.TILES) : null;
        if (copy != null) {
            lines.add("The tiles of zoom " + q.top().z() + " are kept as the reprojected raster.");
        }
        lines.add(total == 0 ? "The raster has no data pixels: no tiles were made."
                : "Made " + Counted.of(total, "tile") + " on workers.");
        lines.add("Successfully finished parsing raster");
        context.statuses.log(q.layerId(), lines, ParseStatus.DROPPING_EMPTY_TILES);
        List<Long> all = new ArrayList<>(blockRuns);
        all.add(pyramidRun);
        all.add(q.parseId());
        new WorkerSwap(context).commit(q, levels, copy, c -> {
            if (painted) {
                context.runs.dropPaintedOver(c, blockRuns.toArray(Long[]::new), pyramidRun, q.top().z());
            }
            context.runs.swapTiles(c, q.layerId(), all.toArray(Long[]::new));
        });
        new ReprojectedCopies(context.dataSource).recorded(layer, copy != null);
    }
}
