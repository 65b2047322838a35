package org.rasterdesk.parse;

import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.Reduction;

/**
 * What the units of a parse on workers share in one worker process: its name in the log, the repositories, the
 * plans, the sources its blocks fetched, and how a unit fails the parse.
 */
final class WorkerContext implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkerContext.class.getName());

    final DataSource dataSource;
    /** How the log names this worker: host and process. */
    final String worker;
    final RasterLayerRepository layers;
    final ParseStatusRepository statuses;
    final ParseRuns runs;
    final QueuedPlans plans;
    final HeldSources sources = new HeldSources();

    WorkerContext(DataSource dataSource, String worker) {
        this.dataSource = dataSource;
        this.worker = worker;
        this.layers = new RasterLayerRepository(dataSource);
        this.statuses = new ParseStatusRepository(dataSource);
        this.runs = new ParseRuns(dataSource);
        this.plans = new QueuedPlans(dataSource);
    }

    /** The files of the queued parse's mosaic: with the staged ones for an addition; empty for one raster. */
    Optional<MosaicFiles.Mosaic> mosaicOf(int layerId, Integer addedAfter) throws SQLException {
        MosaicFiles mosaics = new MosaicFiles(dataSource);
        return addedAfter != null ? mosaics.findWithAdditions(layerId) : mosaics.find(layerId);
    }

    /** Files staged for an addition that will not be made go (a parse of the layer as it is stages none). */
    void dropStaged(int layerId, Integer addedAfter) throws SQLException {
        if (addedAfter != null) {
            new MosaicFiles(dataSource).dropAdditions(layerId);
        }
    }

    /** A tile production of the attempt's pending tiles, warped on every core as a local parse's are. */
    TileProduction production(long attempt) {
        return new TileProduction(dataSource, attempt, ParseListener.NONE, () -> false,
                WorkerParse.patientRetry(dataSource));
    }

    static Reduction reduction(RasterLayer layer) {
        return layer.datatype().isDiscrete() ? Reduction.MODE : Reduction.AVERAGE;
    }

    /** A unit of a planned parse failed: the plan ends, the tiles its blocks wrote go, the layer is FAILED. */
    void failQueued(QueuedPlan q, Exception e) throws SQLException {
        dropStaged(q.layerId(), q.addedAfter());
        if (plans.fail(q.parseId()).isEmpty()) {
            return;
        }
        fail(q.layerId(), q.parseId(), e);
        // The blocks already written are dropped with the parse.
        for (long attempt : plans.blockAttempts(q.parseId())) {
            runs.discard(attempt, "failed");
        }
    }

    /** The parse fails with the reason in the layer's log; the previous tiles stay. */
    void fail(int layerId, long parseId, Exception e) throws SQLException {
        LOG.log(Level.INFO, "Parse of layer " + layerId + " on workers failed", e);
        runs.discard(parseId, "failed");
        // This parse is the layer's only one (others are refused meanwhile): files it staged to add go with it.
        new MosaicFiles(dataSource).dropAdditions(layerId);
        statuses.log(layerId, "Parsing failed on worker " + worker + ": " + ParseErrors.sentence(e)
                + " The previous tiles are kept.", ParseStatus.FAILED, null);
    }

    @Override
    public void close() {
        sources.close();
    }
}
