package org.rasterdesk.ui.parse;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.parse.CancelledParse;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.Preflight;
import org.rasterdesk.parse.QueuePreflight;
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

    /**
     * Queues the layer's parse for the workers and follows it until it ends. A pre-flight that warns is asked about
     * first, as before a local parse (the listener's question): "Don't parse" queues nothing.
     *
     * Where the raster cannot be read before a worker downloads it (a URL), the log says so in one line.
     *
     * @param localFiles the layer's rasters on this machine (files just given), or empty
     */
    ParseResult queue(int layerId, List<Path> localFiles, ParseListener listener, BooleanSupplier cancelled,
                      BooleanSupplier detached) throws Exception {
        QueuePreflight.Outcome before = new QueuePreflight(dataSource).of(layerId, localFiles);
        if (before.said() != null) {
            listener.logLine(ParseStatusRepository.logLine(java.time.LocalDateTime.now(), before.said()));
        }
        Optional<Preflight> preflight = before.preflight();
        if (preflight.isPresent() && preflight.get().asks() && !listener.confirm(preflight.get())) {
            String opening = "Not queued for the workers, as asked: " + preflight.get().warnings().get(0) + " ";
            ParseStatus now = new CancelledParse(dataSource).beforeStart(layerId, opening);
            listener.phase(now);
            List<String> lines = new ParseStatusRepository(dataSource).find(layerId)
                    .map(LayerParseStatus::logLines).orElse(List.of());
            String said = lines.isEmpty() ? opening.strip() : lines.get(lines.size() - 1);
            listener.logLine(said);
            return new ParseResult(now, true, said, new TreeMap<>(), 0);
        }
        long parseId = jobs().enqueueParse(layerId, ParseOptions.defaults(), WorkerParse.DEFAULT_BLOCK_TILES);
        listener.logLine(WorkerParseWatch.queuedLine(liveWorkers()));
        return watch.follow(layerId, parseId - 1, listener, cancelled, detached);
    }

    /**
     * Queues rasters (files, folders, zips, URLs; got here first) to be added to a mosaic layer by the workers, a job
     * per file, and follows the parse until it ends.
     */
    ParseResult queueAddition(int layerId, List<String> sources, ParseListener listener, BooleanSupplier cancelled,
                              BooleanSupplier detached) throws Exception {
        long parseId;
        try (org.rasterdesk.source.MosaicSources fetched = org.rasterdesk.source.MosaicSources.fetch(sources,
                org.rasterdesk.source.FetchListener.NONE, cancelled)) {
            if (fetched.files().isEmpty()) {
                throw new org.rasterdesk.source.SourceException("There is no raster to add in "
                        + String.join(", ", sources) + ".");
            }
            parseId = jobs().enqueueAddition(layerId, fetched.files(), ParseOptions.defaults(),
                    WorkerParse.DEFAULT_BLOCK_TILES, false);
        }
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
