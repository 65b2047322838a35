package org.rasterdesk.work;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.rasterdesk.parse.ParseOptions;
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

    private final StorageProvider storage;
    private final JobRequestScheduler scheduler;
    private final WorkerParse workerParse;

    private JobQueue(StorageProvider storage, JobRequestScheduler scheduler, WorkerParse workerParse) {
        this.storage = storage;
        this.scheduler = scheduler;
        this.workerParse = workerParse;
    }

    /** A client of the queue: enqueues parses, counts workers; runs no job. */
    public static JobQueue client(DataSource dataSource) {
        StorageProvider storage = storage(dataSource);
        JobRunrConfiguration.JobRunrConfigurationResult result = JobRunr.configure()
                .useJsonMapper(new JacksonJsonMapper())
                .useStorageProvider(storage)
                .initialize();
        return new JobQueue(storage, result.getJobRequestScheduler(), null);
    }

    /**
     * A worker: runs parse jobs on {@code threads} threads until closed.
     *
     * @param dashboardPort JobRunr's dashboard on this port, or null for none
     */
    public static JobQueue worker(DataSource dataSource, int threads, Integer dashboardPort) {
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
        StorageProvider storage = storage(dataSource);
        JobRunrConfiguration configuration = JobRunr.configure()
                .useJsonMapper(new JacksonJsonMapper())
                .useStorageProvider(storage)
                .useJobActivator(activator)
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
        return new JobQueue(storage, scheduler, parse);
    }

    private static StorageProvider storage(DataSource dataSource) {
        return new PostgresStorageProvider(dataSource, TABLE_PREFIX, StorageProviderUtils.DatabaseOptions.CREATE);
    }

    /**
     * Queues the parse of a stored layer; a worker plans it, workers make its blocks, one finishes it.
     *
     * @param blockTiles about how many max-zoom tiles one block job makes
     */
    public UUID enqueueParse(int layerId, ParseOptions options, int blockTiles) {
        return scheduler.enqueue(new ParseJobs.Start(layerId, options, blockTiles)).asUUID();
    }

    /**
     * Stops a parse on workers: the job that plans it when no worker has taken it yet, else the parse itself
     * ({@link WorkerParseState#cancel}) and its jobs still waiting. A job running meanwhile finds the parse
     * cancelled and stores nothing.
     *
     * @param startJob the job that plans the parse, null when unknown (queued by another client)
     * @param parseId  the parse once planned, null before
     * @return whether the layer was put back (the parse had not ended already)
     */
    public boolean cancelParse(DataSource dataSource, int layerId, UUID startJob, Long parseId) throws SQLException {
        if (startJob != null) {
            delete(startJob);
        }
        if (parseId == null) {
            return false;
        }
        int blocks = new WorkerParseState(dataSource).cancel(layerId, parseId);
        for (int b = 0; b < blocks; b++) {
            delete(WorkerParse.blockJobId(parseId, b));
        }
        delete(WorkerParse.finishJobId(parseId));
        return true;
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
     * Workers alive now on this database, read without setting JobRunr up (a window asks every few seconds): 0
     * when no worker ever ran here.
     */
    public static int liveWorkers(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + TABLE_PREFIX + "jobrunr_backgroundjobservers')")) {
            rs.next();
            if (rs.getString(1) == null) {
                return 0;
            }
        }
        return count(new PostgresStorageProvider(dataSource, TABLE_PREFIX,
                StorageProviderUtils.DatabaseOptions.SKIP_CREATE));
    }

    /** Workers that said they live within the time after which JobRunr takes a worker for dead. */
    public int liveWorkers() {
        return count(storage);
    }

    private static int count(StorageProvider storage) {
        Instant since = Instant.now().minus(POLL_INTERVAL.multipliedBy(4));
        int live = 0;
        for (BackgroundJobServerStatus server : storage.getBackgroundJobServers()) {
            if (server.isRunning() && server.getLastHeartbeat().isAfter(since)) {
                live++;
            }
        }
        return live;
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
