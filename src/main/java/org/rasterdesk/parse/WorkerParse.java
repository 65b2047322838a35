package org.rasterdesk.parse;

import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.source.MosaicFiles;

/**
 * A parse split into units that any worker can run, in any order and more than once: the plan (metadata,
 * statistics, max zoom, blocks of max-zoom tile rows; {@link WorkerPlanning}), each block ({@link WorkerBlocks}), and
 * the finish (the lower zooms from the blocks' tiles, then the atomic swap; {@link WorkerFinish}). Files added to a
 * mosaic are units of their own ({@link WorkerAddition}). Each unit reuses the local parse's steps. Where the units
 * run (JobRunr's workers) is not this class's business.
 */
public final class WorkerParse implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkerParse.class.getName());
    /** Tiles per block by default: a few seconds of one worker's time at the rates measured here. */
    public static final int DEFAULT_BLOCK_TILES = 256;

    /** A planned parse: its id and its blocks, to be run as jobs. */
    public record Planned(long parseId, int blocks) {
    }

    private final WorkerContext context;

    /** @param worker how the log names this worker: host and process */
    public WorkerParse(DataSource dataSource, String worker) {
        this.context = new WorkerContext(dataSource, worker);
    }

    /** This process as the log names it: {@code host:pid}. */
    public static String thisProcess() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** Rides out a database restart as a local parse does; a worker's job is retried by JobRunr beyond that. */
    static DatabaseRetry patientRetry(DataSource dataSource) {
        return new DatabaseRetry(dataSource, DatabaseRetry.configuredPatience(), new DatabaseRetry.Listener() {
            @Override
            public void unavailable(String reason, Duration patience) {
                LOG.info("The database is unavailable (" + reason + "); retrying");
            }

            @Override
            public void back(Duration after) {
                LOG.info("The database is back after " + after.toSeconds() + " s");
            }
        });
    }

    /** The job id of a block, the same every time it is asked for, so that enqueuing it twice makes one job. */
    public static UUID blockJobId(long parseId, int block) {
        return UUID.nameUUIDFromBytes(("rasterdesk parse " + parseId + " block " + block).getBytes());
    }

    /** The job id of a parse's plan, so that whoever cancels the parse can delete it before a worker takes it. */
    public static UUID startJobId(long parseId) {
        return UUID.nameUUIDFromBytes(("rasterdesk parse " + parseId + " start").getBytes());
    }

    /** The job id of a parse's finish. */
    public static UUID finishJobId(long parseId) {
        return UUID.nameUUIDFromBytes(("rasterdesk parse " + parseId + " finish").getBytes());
    }

    /**
     * The first unit: a worker takes the queued parse ({@link ParseRuns#beginQueued}), gets the layer's source,
     * reads its metadata and statistics, tells the pre-flight, chooses the max zoom and cuts the max zoom's tile rows
     * into blocks of about {@code blockTiles} tiles. The layer's previous tiles stay until the finish. Run again
     * after a worker died in it, it gives the plan already stored.
     *
     * @param parseId       the parse's run, made when it was queued
     * @param stopOnWarning whether a warning of the pre-flight stops the parse (nobody is there to ask)
     * @return the plan, or empty when the parse was cancelled, refused, or the raster cannot be parsed (the layer is
     *         then FAILED with the reason)
     */
    public Optional<Planned> plan(long parseId, int layerId, ParseOptions options, int blockTiles,
                                  boolean stopOnWarning) throws SQLException {
        return plan(parseId, layerId, options, blockTiles, stopOnWarning, null);
    }

    /**
     * As {@link #plan(long, int, ParseOptions, int, boolean)}, for files added to a mosaic too: they were staged by
     * {@link WorkerAddition#stage} and become the mosaic's parts at the swap. When the mosaic's tiles are what a
     * parse of it with the added files would keep outside them, only the tiles the added files touch are made;
     * otherwise the whole mosaic is parsed again.
     *
     * @param addedAfter the number of files the mosaic had before the addition, or null for a parse of the layer
     */
    public Optional<Planned> plan(long parseId, int layerId, ParseOptions options, int blockTiles,
                                  boolean stopOnWarning, Integer addedAfter) throws SQLException {
        return new WorkerPlanning(context).plan(parseId, layerId, options, blockTiles, stopOnWarning, addedAfter);
    }

    /**
     * Makes one block's max-zoom tiles, as pending tiles of an attempt of its own. An earlier attempt that did not
     * finish (its worker died) is discarded first; a block already done is left alone.
     *
     * @return true when every block of the parse is done, so that the finish can run
     */
    public boolean runBlock(long parseId, int block) throws SQLException {
        return new WorkerBlocks(context).run(parseId, block);
    }

    /**
     * The last unit: builds the lower zooms from the blocks' tiles, then gives the layer its new tiles, metadata,
     * statistics and status in one transaction, as a local parse does. Running it again after it finished does
     * nothing.
     */
    public void finish(long parseId) throws SQLException {
        new WorkerFinish(context).run(parseId);
    }

    /**
     * The job engine gave up on a unit of the parse (its retries are spent): the parse fails with one sentence in
     * the log, the tiles its blocks wrote are discarded and its plan no longer keeps local parses out; the layer's
     * previous tiles stay. A parse that has ended already is left alone.
     *
     * @param unit   what failed, for the log: "block 3 (rows 40–47)", "the plan", "the lower zooms"
     * @param reason the last failure's message
     */
    public void gaveUp(long parseId, int layerId, String unit, String reason) throws SQLException {
        int layer;
        if (context.plans.find(parseId).isPresent()) {
            Optional<Integer> failed = context.plans.fail(parseId);
            if (failed.isEmpty()) {
                return;
            }
            layer = failed.get();
            List<Long> attempts;
            try (Connection c = context.dataSource.getConnection()) {
                attempts = WorkerParseState.attempts(c, parseId);
            }
            for (long attempt : attempts) {
                context.runs.discard(attempt, "failed");
            }
        } else {
            if (!new WorkerParseState(context.dataSource).unfinished(parseId)) {
                return;
            }
            layer = layerId;
        }
        context.runs.discard(parseId, "failed");
        new MosaicFiles(context.dataSource).dropAdditions(layer);
        String why = reason == null || reason.isBlank() ? "." : ", the last time with: "
                + ParseErrors.sentence(new Exception(reason));
        context.statuses.log(layer, "Parsing failed on workers: " + unit + " failed on every try" + why
                + " The previous tiles are kept.", ParseStatus.FAILED, null);
    }

    /** "block 3 (rows 40–47)", for the log, or "block 3" when the parse has no such block (any more). */
    public String describeBlock(long parseId, int block) throws SQLException {
        return context.plans.describeBlock(parseId, block);
    }

    @Override
    public void close() {
        context.close();
    }
}
