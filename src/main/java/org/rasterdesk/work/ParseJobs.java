package org.rasterdesk.work;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequest;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.tiling.Resampling;

/**
 * The jobs of a parse on workers and what runs them: the start (plan and enqueue the blocks), one job per block
 * of max-zoom tile rows, or for a mosaic per file (a large file per block of its rows; the last one done enqueues
 * the finish), the finish (a mosaic's files painted where they overlap, lower zooms and the swap). Every job
 * can run again after a worker died in it: the units are idempotent, and jobs enqueued twice under the same id
 * are one job. How many times a failed job is retried is the worker's setting ({@link JobQueue#worker}); once they
 * are spent, {@link GivenUpJobs} fails the parse.
 */
public final class ParseJobs {

    private ParseJobs() {
    }

    /** What the handlers of one worker process share. */
    record Context(WorkerParse parse, JobRequestScheduler scheduler) {
    }

    /** Parse a layer on the workers: the parse's run exists already, waiting for the worker that takes this job. */
    public static final class Start implements JobRequest {
        private long parseId;
        private int layerId;
        private String resampling;
        private int blockTiles;
        private boolean stopOnWarning;
        /** For files added to a mosaic: the number of files it had before them; null for a parse of the layer. */
        private Integer addedAfter;

        Start() {
        }

        Start(long parseId, int layerId, ParseOptions options, int blockTiles, boolean stopOnWarning) {
            this(parseId, layerId, options, blockTiles, stopOnWarning, null);
        }

        Start(long parseId, int layerId, ParseOptions options, int blockTiles, boolean stopOnWarning,
              Integer addedAfter) {
            this.addedAfter = addedAfter;
            this.parseId = parseId;
            this.layerId = layerId;
            this.resampling = options.resampling() == null ? null : options.resampling().name();
            this.blockTiles = blockTiles;
            this.stopOnWarning = stopOnWarning;
        }

        long parseId() {
            return parseId;
        }

        int layerId() {
            return layerId;
        }

        @Override
        public Class<StartHandler> getJobRequestHandler() {
            return StartHandler.class;
        }
    }

    /** Make one block of a parse's max-zoom tiles. */
    public static final class Block implements JobRequest {
        private long parseId;
        private int block;

        Block() {
        }

        Block(long parseId, int block) {
            this.parseId = parseId;
            this.block = block;
        }

        long parseId() {
            return parseId;
        }

        int block() {
            return block;
        }

        @Override
        public Class<BlockHandler> getJobRequestHandler() {
            return BlockHandler.class;
        }
    }

    /** Build a parse's lower zooms and give the layer its new tiles. */
    public static final class Finish implements JobRequest {
        private long parseId;

        Finish() {
        }

        Finish(long parseId) {
            this.parseId = parseId;
        }

        long parseId() {
            return parseId;
        }

        @Override
        public Class<FinishHandler> getJobRequestHandler() {
            return FinishHandler.class;
        }
    }

    public static final class StartHandler implements JobRequestHandler<Start> {
        private final Context context;

        StartHandler(Context context) {
            this.context = context;
        }

        @Override
        @Job(name = "Plan the parse of layer %0.layerId")
        public void run(Start start) throws Exception {
            ParseOptions options = new ParseOptions(start.resampling == null ? null
                    : Resampling.valueOf(start.resampling));
            var planned = context.parse().plan(start.parseId, start.layerId, options, start.blockTiles,
                    start.stopOnWarning, start.addedAfter);
            if (planned.isPresent()) {
                long parseId = planned.get().parseId();
                for (int b = 0; b < planned.get().blocks(); b++) {
                    context.scheduler().enqueue(WorkerParse.blockJobId(parseId, b), new Block(parseId, b));
                }
            }
        }
    }

    public static final class BlockHandler implements JobRequestHandler<Block> {
        private final Context context;

        BlockHandler(Context context) {
            this.context = context;
        }

        @Override
        @Job(name = "Parse %0.parseId block %0.block")
        public void run(Block block) throws Exception {
            if (context.parse().runBlock(block.parseId, block.block)) {
                context.scheduler().enqueue(WorkerParse.finishJobId(block.parseId), new Finish(block.parseId));
            }
        }
    }

    public static final class FinishHandler implements JobRequestHandler<Finish> {
        private final Context context;

        FinishHandler(Context context) {
            this.context = context;
        }

        @Override
        @Job(name = "Finish parse %0.parseId")
        public void run(Finish finish) throws Exception {
            context.parse().finish(finish.parseId);
        }
    }
}
