package org.rasterdesk.work;

import java.time.Duration;
import java.time.Instant;
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

/**
 * RasterDesk's queue of parse jobs on JobRunr, in the database the layers live in: a client enqueues parses and
 * counts live workers; a worker process also runs jobs. JobRunr creates its tables there itself, under our prefix.
 */
public final class JobQueue implements AutoCloseable {

    /** JobRunr's tables are {@code rasterdesk_jobrunr_jobs} and so on, beside django-raster's and ours. */
    public static final String TABLE_PREFIX = "rasterdesk_";
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
    public void enqueueParse(int layerId, ParseOptions options, int blockTiles) {
        scheduler.enqueue(new ParseJobs.Start(layerId, options, blockTiles));
    }

    /** Workers that said they live within the time after which JobRunr takes a worker for dead. */
    public int liveWorkers() {
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
