package org.rasterdesk.work;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.jobs.filters.RetryFilter;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseRuns;
import org.rasterdesk.parse.WorkerAddition;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.parse.WorkerParseState;

/**
 * RasterDesk's queue of parse jobs on JobRunr, in the database the layers live in: a client enqueues parses and
 * counts live workers; a worker process also runs jobs. JobRunr creates its tables there itself, under our prefix.
 */
public final class JobQueue implements AutoCloseable {

    /** JobRunr's tables are {@code rasterdesk_jobrunr_jobs} and so on, beside django-raster's and ours. */
    public static final String TABLE_PREFIX = "rasterdesk_";
    private static final Logger LOG = Logger.getLogger(JobQueue.class.getName());
    /**
     * How often a worker looks for jobs and says it lives (JobRunr's least). A worker silent for four of these is
     * taken for dead and its jobs go to others.
     */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    /** How many times a failed job is tried again before the parse fails, unless the worker is told otherwise. */
    public static final int DEFAULT_RETRIES = 5;

    private final DataSource dataSource;
    private final JobRequestScheduler scheduler;
    private final WorkerParse workerParse;

    private JobQueue(DataSource dataSource, JobRequestScheduler scheduler, WorkerParse workerParse) {
        this.dataSource = dataSource;
        this.scheduler = scheduler;
        this.workerParse = workerParse;
    }

    /** A client of the queue: enqueues parses, counts workers; runs no job. */
    public static JobQueue client(DataSource dataSource) {
        JobRunrConfiguration.JobRunrConfigurationResult result = JobRunr.configure()
                .useJsonMapper(new JacksonJsonMapper())
                .useStorageProvider(storage(dataSource))
                .initialize();
        return new JobQueue(dataSource, result.getJobRequestScheduler(), null);
    }

    /** A worker that retries a failed job {@link #DEFAULT_RETRIES} times. */
    public static JobQueue worker(DataSource dataSource, int threads, Integer dashboardPort) {
        return worker(dataSource, threads, dashboardPort, DEFAULT_RETRIES);
    }

    /**
     * A worker: runs parse jobs on {@code threads} threads until closed.
     *
     * @param dashboardPort JobRunr's dashboard on this port, or null for none
     * @param retries       how many times a failed job is tried again (with a growing pause) before its parse fails
     */
    public static JobQueue worker(DataSource dataSource, int threads, Integer dashboardPort, int retries) {
        String name = WorkerParse.thisProcess();
        WorkerParse parse = new WorkerParse(dataSource, name);
        ParseJobs.Context[] context = new ParseJobs.Context[1];
        JobActivator activator = new JobActivator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T activateJob(Class<T> type) {
                if (type == ParseJobs.StartHandler.class) {
                    return (T) new ParseJobs.StartHandler(context[0]);
                }
                if (type == ParseJobs.BlockHandler.class) {
                    return (T) new ParseJobs.BlockHandler(context[0]);
                }
                if (type == ParseJobs.FinishHandler.class) {
                    return (T) new ParseJobs.FinishHandler(context[0]);
                }
                return null;
            }
        };
        JobRunrConfiguration configuration = JobRunr.configure()
                .useJsonMapper(new JacksonJsonMapper())
                .useStorageProvider(storage(dataSource))
                .useJobActivator(activator)
                // Jobs whose retries are spent fail their parse: it must not keep local parses out for ever.
                .withJobFilter(new RetryFilter(retries), new GivenUpJobs(parse))
                .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName(name)
                        .andWorkerCount(threads)
                        .andPollInterval(POLL_INTERVAL)
                        // SIGTERM: a job gets this long to finish before it is handed back to the queue.
                        .andInterruptJobsAwaitDurationOnStopBackgroundJobServer(Duration.ofSeconds(30)));
        if (dashboardPort != null) {
            configuration.useDashboard(JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration()
                    .andPort(dashboardPort));
        }
        JobRequestScheduler scheduler = configuration.initialize().getJobRequestScheduler();
        context[0] = new ParseJobs.Context(parse, scheduler);
        return new JobQueue(dataSource, scheduler, parse);
    }

    private static StorageProvider storage(DataSource dataSource) {
        return new PostgresStorageProvider(dataSource, TABLE_PREFIX, StorageProviderUtils.DatabaseOptions.CREATE);
    }

    /**
     * Queues the parse of a stored layer; a worker plans it, workers make its blocks, one finishes it. The parse's
     * run is made first: from now on every client sees the parse, waiting for a worker, and can cancel it.
     *
     * @param blockTiles    about how many max-zoom tiles one block job makes
     * @param stopOnWarning whether a warning of the pre-flight stops the parse (the command line without --yes)
     * @return the parse's id (its run)
     */
    public long enqueueParse(int layerId, ParseOptions options, int blockTiles, boolean stopOnWarning)
            throws SQLException {
        ParseRuns runs = new ParseRuns(dataSource);
        long parseId = runs.beginQueued(layerId);
        try {
            scheduler.enqueue(WorkerParse.startJobId(parseId),
                    new ParseJobs.Start(parseId, layerId, options, blockTiles, stopOnWarning));
        } catch (RuntimeException e) {
            runs.discard(parseId, "failed");
            throw e;
        }
        return parseId;
    }

    /**
     * Queues files to be added to a mosaic layer by the workers: they are stored with the layer first (staged, not
     * yet its files), then each is a job that makes only the max-zoom tiles it touches (a large one cut into blocks
     * of rows), and the finish makes their ancestors and swaps those tiles in, the layer's others kept. When the
     * files change the mosaic's max zoom or its tiles' format, the whole mosaic is parsed again. Until the swap the
     * layer, its tiles and its files are as they were.
     *
     * @param files the rasters to add, on this machine
     * @return the parse's id (its run)
     */
    public long enqueueAddition(int layerId, java.util.List<java.nio.file.Path> files, ParseOptions options,
                                int blockTiles, boolean stopOnWarning) throws SQLException, java.io.IOException {
        WorkerAddition.Staged staged = WorkerAddition.stage(dataSource, layerId, files);
        try {
            scheduler.enqueue(WorkerParse.startJobId(staged.parseId()), new ParseJobs.Start(staged.parseId(), layerId,
                    options, blockTiles, stopOnWarning, staged.filesBefore()));
        } catch (RuntimeException e) {
            WorkerAddition.abandon(dataSource, layerId, staged.parseId());
            throw e;
        }
        return staged.parseId();
    }

    /** Queues a parse that goes on whatever its pre-flight says (the window's form showed it before the save). */
    public long enqueueParse(int layerId, ParseOptions options, int blockTiles) throws SQLException {
        return enqueueParse(layerId, options, blockTiles, false);
    }

    /**
     * Stops a parse on workers, waiting or under way: its jobs still waiting are deleted and the parse is cancelled
     * ({@link WorkerParseState#cancel}); a job running meanwhile finds it cancelled and stores nothing.
     *
     * @return whether the layer was put back (the parse had not ended already)
     */
    public boolean cancelParse(int layerId, long parseId) throws SQLException {
        delete(WorkerParse.startJobId(parseId));
        int blocks = new WorkerParseState(dataSource).cancel(layerId, parseId);
        for (int b = 0; b < blocks; b++) {
            delete(WorkerParse.blockJobId(parseId, b));
        }
        if (blocks > 0) {
            delete(WorkerParse.finishJobId(parseId));
        }
        return blocks >= 0;
    }

    private void delete(UUID job) {
        try {
            scheduler.delete(job, "The parse was cancelled");
        } catch (RuntimeException e) {
            // Not there (never enqueued, or done and gone): nothing of it is left to run.
            LOG.fine("Job " + job + " not deleted: " + e);
        }
    }

    /**
     * Workers alive now on this database: JobRunr's servers that run and said they live within the time after
     * which JobRunr takes a server for dead (four poll intervals). One count, without setting JobRunr up (a window
     * asks every few seconds); 0 when no worker ever ran here.
     */
    public static int liveWorkers(DataSource dataSource) throws SQLException {
        // JobRunr writes its heartbeats as java.sql.Timestamp of an Instant; the limit is passed the same way.
        Timestamp since = Timestamp.from(Instant.now().minus(POLL_INTERVAL.multipliedBy(4)));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + TABLE_PREFIX
                     + "jobrunr_backgroundjobservers WHERE running = 1 AND lastHeartbeat > ?")) {
            ps.setTimestamp(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }

    /** Workers alive now on this queue's database. */
    public int liveWorkers() throws SQLException {
        return liveWorkers(dataSource);
    }

    /** Stops the worker (its current jobs get a while to finish) and JobRunr's threads. */
    @Override
    public void close() {
        JobRunr.destroy();
        if (workerParse != null) {
            workerParse.close();
        }
    }
}
