package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.TileCover;

/**
 * The block units of a parse on workers: each makes its max-zoom tiles as pending tiles of an attempt of its own,
 * so that a block a dead worker left half written is discarded and redone, and no tile is lost or stored twice.
 */
final class WorkerBlocks {

    private final WorkerContext context;

    WorkerBlocks(WorkerContext context) {
        this.context = context;
    }

    /**
     * Makes one block's tiles. An earlier attempt that did not finish (its worker died) is discarded first; a block
     * already done is left alone.
     *
     * @return true when every block of the parse is done, so that the finish can run
     */
    boolean run(long parseId, int block) throws SQLException {
        QueuedPlan q = context.plans.find(parseId).orElse(null);
        if (q == null || !q.makingBlocks()) {
            return false;
        }
        Optional<QueuedPlans.Claim> claimed = claim(q, block);
        if (claimed.isPresent()) {
            QueuedPlans.Claim claim = claimed.get();
            long attempt = claim.attempt();
            long started = System.nanoTime();
            try {
                String[] file = {null};
                TileProduction.Counts counts = make(q, claim.part(), claim.minY(), claim.maxY(), attempt, file);
                if (cancelledMeanwhile(parseId, attempt)) {
                    return false;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long made = counts.made().get(q.top().z());
                QueuedPlans.Completion completion = context.plans.complete(parseId, block, attempt, made,
                        counts.empty().get(q.top().z()), seconds);
                if (completion != QueuedPlans.Completion.DONE) {
                    // Another attempt took the block over, or the parse ended, meanwhile: this one's tiles go.
                    context.runs.discard(attempt, completion == QueuedPlans.Completion.SUPERSEDED ? "superseded"
                            : "cancelled");
                    return false;
                }
                context.statuses.log(q.layerId(), claim.part() < 0 ? String.format(Locale.ROOT, "Worker %s made "
                                + "zoom %d rows %d–%d (%s, %.1f s).", context.worker, q.top().z(), claim.minY(),
                        claim.maxY(), Counted.of(made, "tile"), seconds)
                        : "Worker " + context.worker + " made " + file[0] + ".");
            } catch (IOException | ParseCancelledException | RuntimeException e) {
                // A source that no longer reads is not worth retrying on every worker: the parse fails now.
                context.runs.discard(attempt, "failed");
                context.failQueued(q, e);
                return false;
            }
        }
        return context.plans.remainingBlocks(parseId) == 0;
    }

    /** @return the claim, or empty when the block is already done or the parse has ended */
    private Optional<QueuedPlans.Claim> claim(QueuedPlan q, int block) throws SQLException {
        long attempt = context.runs.begin(q.layerId(), true);
        Optional<QueuedPlans.Claim> claimed;
        try {
            claimed = context.plans.claim(q.parseId(), block, attempt, context.worker);
        } catch (SQLException | RuntimeException e) {
            // The attempt was never the block's: it ends here, not left unfinished for ever.
            context.runs.discard(attempt, "failed");
            throw e;
        }
        if (claimed.isEmpty()) {
            context.runs.discard(attempt, "unneeded");
        } else if (claimed.get().previousAttempt() != null) {
            context.runs.discard(claimed.get().previousAttempt(), "interrupted");
            context.statuses.log(q.layerId(), "Worker " + context.worker + " discards the unfinished tiles of block "
                    + block + " (rows " + claimed.get().minY() + "–" + claimed.get().maxY() + ") left by an earlier "
                    + "attempt and makes them again.");
        }
        return claimed;
    }

    /** A cancel while the block was made found its attempt unfinished: what it wrote since then goes too. */
    private boolean cancelledMeanwhile(long parseId, long attempt) throws SQLException {
        if (context.plans.find(parseId).map(QueuedPlan::makingBlocks).orElse(false)) {
            return false;
        }
        context.runs.discard(attempt, "cancelled");
        return true;
    }

    /**
     * @param part  the mosaic's file the block is of, or -1 for a block of the whole source
     * @param about set to the file's description for the log, for a block of one file
     */
    private TileProduction.Counts make(QueuedPlan q, int part, int minY, int maxY, long attempt, String[] about)
            throws IOException, SQLException, ParseCancelledException {
        RasterLayer layer = context.layers.find(q.layerId())
                .orElseThrow(() -> new IOException("The layer was deleted"));
        Optional<MosaicFiles.Mosaic> mosaic = context.mosaicOf(q.layerId(), q.addedAfter());
        if (q.remadeTop() != null) {
            return new WorkerAddition(context).makeBlock(q, layer, mosaic.orElseThrow(() -> new IOException(
                    "The layer is no longer a mosaic")), part, minY, maxY, attempt, about);
        }
        if (part >= 0) {
            return makeFile(q, layer, mosaic.orElseThrow(() -> new IOException("The layer is no longer a "
                    + "mosaic")), part, minY, maxY, attempt, about);
        }
        HeldSources.Held held = context.sources.take(q.parseId() + "", () -> LayerSources.fetch(context.dataSource,
                layer, mosaic, FetchListener.NONE, () -> false));
        try (SourceParts opened = SourceParts.open(held.sources().files(), layer.srid(),
                ParseRun.parseNodata(layer.nodata()))) {
            List<SourcePart> parts = opened.project(q.pixelType());
            TileCover cover = SourcePart.tilesCovering(q.top().z(), parts);
            TileCover rows = MosaicUnits.within(cover, minY, maxY);
            if (rows == null) {
                return new TileProduction.Counts(new TreeMap<>(Map.of(q.top().z(), 0L)),
                        new TreeMap<>(Map.of(q.top().z(), 0L)));
            }
            return context.production(attempt).run(parts, mosaic.map(MosaicFiles.Mosaic::firstWins).orElse(false),
                    rows, q.top().z(), q.resampling(), WorkerContext.reduction(layer), q.tileNodata());
        } finally {
            context.sources.release(held);
        }
    }

    /** A block of one file of a mosaic: only that file is fetched and warped. */
    private TileProduction.Counts makeFile(QueuedPlan q, RasterLayer layer, MosaicFiles.Mosaic mosaic, int part,
                                           int minY, int maxY, long attempt, String[] about)
            throws IOException, SQLException, ParseCancelledException {
        HeldSources.Held held = context.sources.take(q.parseId() + " file " + part,
                () -> LayerSources.fetchFile(context.dataSource, mosaic, part));
        try (SourceParts opened = SourceParts.open(held.sources().files(), layer.srid(),
                ParseRun.parseNodata(layer.nodata()))) {
            SourcePart only = opened.project(q.pixelType()).get(0);
            long started = System.nanoTime();
            TileProduction.Counts counts = MosaicUnits.make(context.production(attempt), only, q.top().z(), minY,
                    maxY, q.resampling(), WorkerContext.reduction(layer), q.tileNodata());
            TileCover whole = MosaicUnits.coverOf(only, q.top().z());
            about[0] = MosaicUnits.describe(part, mosaic.files().size(), whole.minY() == minY
                            && whole.maxY() == maxY, minY, maxY, mosaic.files().get(part).rasterName(),
                    counts.made().get(q.top().z()), (System.nanoTime() - started) / 1e9);
            return counts;
        } finally {
            context.sources.release(held);
        }
    }
}
