package org.rasterdesk.ui.parse;

import java.sql.SQLException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.parse.WorkerParseWatch;
import org.rasterdesk.work.JobQueue;

/**
 * The window's parses on workers, on the open database: queues a layer's parse on JobRunr as
 * {@code rasterdesk parse --queue} does, and follows it (or one queued by another client) until it ends. Every
 * method runs off the FX thread; the queue's client is set up on first use.
 */
public final class WorkerParseRunner implements AutoCloseable {

    private final DataSource dataSource;
    private final WorkerParseState state;
    private final WorkerParseWatch watch;
    private JobQueue jobs;

    public WorkerParseRunner(DataSource dataSource) {
        this.dataSource = dataSource;
        this.state = new WorkerParseState(dataSource);
        this.watch = new WorkerParseWatch(dataSource,
                (layerId, parseId) -> jobs().cancelParse(layerId, parseId));
    }

    /** Workers alive now on the database. */
    public int liveWorkers() throws SQLException {
        return JobQueue.liveWorkers(dataSource);
    }

    /** Queues the layer's parse for the workers and follows it until it ends. */
    ParseResult queue(int layerId, ParseListener listener, BooleanSupplier cancelled, BooleanSupplier detached)
            throws Exception {
        long parseId = jobs().enqueueParse(layerId, ParseOptions.defaults(), WorkerParse.DEFAULT_BLOCK_TILES);
        listener.logLine(WorkerParseWatch.queuedLine(liveWorkers()));
        return watch.follow(layerId, parseId - 1, listener, cancelled, detached);
    }

    /** Follows a parse on workers that another client queued. */
    ParseResult follow(int layerId, long parseId, ParseListener listener, BooleanSupplier cancelled,
                       BooleanSupplier detached) throws Exception {
        return watch.follow(layerId, parseId - 1, listener, cancelled, detached);
    }

    /** The parses on workers under way now (waiting for a worker, planned or making tiles), by layer. */
    Map<Integer, Long> underWay() throws SQLException {
        return state.underWay();
    }

    private synchronized JobQueue jobs() {
        if (jobs == null) {
            jobs = JobQueue.client(dataSource);
        }
        return jobs;
    }

    @Override
    public synchronized void close() {
        if (jobs != null) {
            jobs.close();
            jobs = null;
        }
    }
}
