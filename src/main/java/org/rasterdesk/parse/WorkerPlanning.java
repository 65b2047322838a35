package org.rasterdesk.parse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;

/**
 * The first unit of a parse on workers: a worker takes the queued parse, reads the source's metadata and
 * statistics, tells the pre-flight, chooses the max zoom and stores the plan with its blocks of max-zoom tile rows
 * (each file of a mosaic its own blocks).
 */
final class WorkerPlanning {

    private static final Logger LOG = Logger.getLogger(WorkerPlanning.class.getName());

    private final WorkerContext context;

    WorkerPlanning(WorkerContext context) {
        this.context = context;
    }

    /** See {@link WorkerParse#plan(long, int, ParseOptions, int, boolean, Integer)}. */
    Optional<WorkerParse.Planned> plan(long parseId, int layerId, ParseOptions options, int blockTiles,
                                       boolean stopOnWarning, Integer addedAfter) throws SQLException {
        Optional<QueuedPlan> stored = context.plans.find(parseId);
        if (stored.isPresent()) {
            return stored.get().makingBlocks()
                    ? Optional.of(new WorkerParse.Planned(parseId, context.plans.blocks(parseId))) : Optional.empty();
        }
        if (!context.runs.take(parseId)) {
            LOG.info("Parse " + parseId + " of layer " + layerId + " ended before a worker took it");
            return Optional.empty();
        }
        RasterLayer layer = context.layers.find(layerId)
                .orElseThrow(() -> new SQLException("There is no layer " + layerId));
        // The lock is held while the plan is made and stored: from then on the stored plan tells local parses no.
        try (LayerLock lock = LayerLock.tryAcquire(context.dataSource, layerId)) {
            Optional<Long> active = new WorkerParseState(context.dataSource).active(layerId);
            if (lock == null || active.isPresent()) {
                context.statuses.log(layerId, "Worker " + context.worker + " refused to parse layer " + layerId
                        + " on workers: " + (lock == null ? "a local parse of it is running"
                        : "workers are parsing it already (parse " + active.get() + ")")
                        + ". Queue it again once that parse has ended.");
                // The run ends at once as refused: whoever follows this parse learns that it will not happen.
                context.runs.discard(parseId, "refused");
                return Optional.empty();
            }
            return planLocked(layer, parseId, options, blockTiles, stopOnWarning, addedAfter);
        }
    }

    private Optional<WorkerParse.Planned> planLocked(RasterLayer layer, long parseId, ParseOptions options,
                                                     int blockTiles, boolean stopOnWarning, Integer addedAfter)
            throws SQLException {
        int layerId = layer.id();
        LayerParseStatus previous = context.statuses.find(layerId).orElse(LayerParseStatus.unparsed(layerId));
        ParseLog log = new ParseLog(ParseListener.NONE);
        log.add("Started parsing raster on workers; worker " + context.worker + " reads its metadata and statistics.");
        context.statuses.save(new LayerParseStatus(layerId, ParseStatus.DOWNLOADING_FILE, log.text(),
                previous.tileLevels()));
        WorkerAddition addition = new WorkerAddition(context);
        try {
            Optional<MosaicFiles.Mosaic> mosaic = context.mosaicOf(layerId, addedAfter);
            boolean firstWins = mosaic.map(MosaicFiles.Mosaic::firstWins).orElse(false);
            Optional<Resampling> earlier = Optional.empty();
            if (addedAfter != null) {
                earlier = addition.begin(layer, mosaic, addedAfter);
                if (earlier.isPresent() && options.resampling() == null) {
                    // The tiles of the added files are resampled as the mosaic's others were.
                    options = new ParseOptions(earlier.get());
                }
            }
            try (LayerSources fetched = LayerSources.fetch(context.dataSource, layer, mosaic, FetchListener.NONE,
                    () -> false);
                 SourceParts opened = SourceParts.open(fetched.files(), layer.srid(),
                         ParseRun.parseNodata(layer.nodata()))) {
                SourcePlan.Prior prior = addedAfter != null
                        ? addition.prior(layer, firstWins, opened, addedAfter) : null;
                SourcePlan plan = SourcePlan.analyse(layer, opened, fetched.files(), firstWins, () -> false,
                        line -> context.statuses.log(layerId, line, ParseStatus.REPROJECTING_RASTER, null), null,
                        prior);
                context.statuses.log(layerId, plan.zoom().explanation());
                TileCover cover = SourcePart.tilesCovering(plan.zoom().zoom(), plan.parts());
                // The blocks cut the cover's rows; each block takes the cover's pieces of its rows again.
                TileRange top = new TileRange(cover.z(), cover.parts().stream().mapToInt(TileRange::minX).min()
                        .orElseThrow(), cover.minY(), cover.parts().stream().mapToInt(TileRange::maxX).max()
                        .orElseThrow(), cover.maxY());
                int minZoom = layer.buildPyramid() ? 0 : top.z();
                if (addedAfter != null) {
                    TileCover remade = MosaicUnits.addedCover(plan.parts(), addedAfter, top.z());
                    Optional<String> whole = addition.whyWhole(layerId, previous.status(), plan, minZoom, earlier,
                            options, remade);
                    if (whole.isEmpty()) {
                        return addition.plan(layer, parseId, options, blockTiles, plan, mosaic.get(), addedAfter,
                                remade, minZoom);
                    }
                    context.statuses.log(layerId, whole.get() + ": the whole mosaic is parsed again.");
                }
                Preflight preflight = Preflight.of(layer, plan.parts(), plan.zoom(), plan.pixelSize(), minZoom,
                        ParseRates.measured(context.dataSource));
                for (String line : preflight.lines()) {
                    context.statuses.log(layerId, line);
                }
                if (preflight.asks() && stopOnWarning) {
                    context.runs.discard(parseId, "cancelled");
                    context.dropStaged(layerId, addedAfter);
                    new WorkerParseState(context.dataSource).restore(layerId, "Not parsed on workers, as the "
                            + "pre-flight warns: " + preflight.warnings().get(0) + " Queue it again with --yes to "
                            + "parse it anyway; ");
                    return Optional.empty();
                }
                int rows = Math.max(1, Math.min(top.rows(), blockTiles / cover.columns()));
                List<MosaicUnits.Unit> blocks = new ArrayList<>();
                if (plan.parts().size() > 1) {
                    // Each file of a mosaic is its own unit, a large one cut into blocks of its rows.
                    blocks.addAll(MosaicUnits.plan(plan.parts(), top.z(), blockTiles));
                } else {
                    for (int y = top.minY(); y <= top.maxY(); y += rows) {
                        blocks.add(new MosaicUnits.Unit(-1, y, Math.min(top.maxY(), y + rows - 1)));
                    }
                }
                Resampling resampling = options.resamplingFor(layer.datatype());
                String copyInputs = copyInputs(layer, mosaic, cover);
                if (!context.plans.store(parseId, layer, top, cover.count(), minZoom, resampling, plan, blocks,
                        copyInputs, addedAfter, null)) {
                    LOG.info("The parse of layer " + layerId + " on workers was cancelled while it was planned");
                    if (context.statuses.status(layerId).isInProgress()) {
                        // The cancel put the layer back before this worker said it started: back again.
                        new WorkerParseState(context.dataSource).restore(layerId, "Parsing on workers was "
                                + "cancelled; ");
                    }
                    return Optional.empty();
                }
                String units = plan.parts().size() > 1
                        ? String.format(Locale.ROOT, "%s, each of one file (a large file cut into blocks of rows), "
                        + "for the workers, painted where the files overlap", Counted.of(blocks.size(), "job"))
                        : Counted.of(blocks.size(), "block") + " of " + Counted.of(rows, "row") + " for the workers";
                context.statuses.log(layerId, String.format(Locale.ROOT, "Creating up to %s at zoom %d (%d×%d "
                                + "tiles) in %s, then zooms %d to %d from them, resampling %s.",
                        Counted.of(cover.count(), "tile"), top.z(), cover.columns(), top.rows(), units, minZoom,
                        top.z() - 1, resampling.name().toLowerCase(Locale.ROOT)), ParseStatus.CREATING_TILES, null);
                return Optional.of(new WorkerParse.Planned(parseId, blocks.size()));
            }
        } catch (IOException | ParseCancelledException | RuntimeException e) {
            context.fail(layerId, parseId, e);
            return Optional.empty();
        }
    }

    /**
     * What the reprojected copy will depend on, taken as a local parse takes it; null when the layer keeps no copy
     * or the raster lies across the antimeridian (its top zoom in two pieces makes no one raster).
     */
    private String copyInputs(RasterLayer layer, Optional<MosaicFiles.Mosaic> mosaic, TileCover cover)
            throws SQLException {
        if (!layer.storeReprojected()) {
            return null;
        }
        if (cover.single() == null) {
            context.statuses.log(layer.id(), "The raster lies across the antimeridian: its reprojected copy is not "
                    + "kept.");
            return null;
        }
        return new ReprojectedCopies(context.dataSource).inputsOf(layer)
                + mosaic.map(m -> ";mosaic=" + m.fingerprint()).orElse("");
    }
}
