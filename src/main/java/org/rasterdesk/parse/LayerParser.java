package org.rasterdesk.parse;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.ParsedStateRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.SourceFetcher;

/**
 * Parses a layer's raster into its tile pyramid, as django-raster's parser does: metadata and band statistics,
 * max zoom, tiles in EPSG:3857, status and log. The new tiles, metadata and status replace the old in one
 * transaction at the end; a failure or a cancel leaves the layer's previous tiles and metadata as they were. A layer
 * that has no tiles gets them as they are made (as django-raster's parse gives them), and none again after a failure
 * or a cancel.
 */
public final class LayerParser {

    private static final Logger LOG = Logger.getLogger(LayerParser.class.getName());

    private final DataSource dataSource;
    private final RasterLayerRepository layers;
    private final ParseStatusRepository statuses;
    private final ParseRuns runs;
    private final ParsedStateRepository parsedStates;
    private final SourceFetcher fetcher;

    /** A parser of local files only (see {@link #parse(int, Path, ParseOptions, ParseListener, BooleanSupplier)}). */
    public LayerParser(DataSource dataSource) {
        this(dataSource, null);
    }

    /** @param fetcher gets a layer's raster from its upload, URL or S3 object */
    public LayerParser(DataSource dataSource, SourceFetcher fetcher) {
        this.dataSource = dataSource;
        this.fetcher = fetcher;
        this.layers = new RasterLayerRepository(dataSource);
        this.statuses = new ParseStatusRepository(dataSource);
        this.runs = new ParseRuns(dataSource);
        this.parsedStates = new ParsedStateRepository(dataSource);
    }

    /**
     * Parses a layer from its own source (upload kept in the database, URL or S3 object), fetched first.
     *
     * @param cancelled polled between units of work; a cancel is honoured within about a second
     */
    public ParseResult parse(int layerId, ParseOptions options, ParseListener listener, BooleanSupplier cancelled)
            throws SQLException {
        if (fetcher == null) {
            throw new IllegalStateException("This parser has no source fetcher");
        }
        return parse(layerId, List.of(), options, listener, cancelled);
    }

    /**
     * Parses a local copy of the layer's raster (a file just stored for it, or a test file) and stores the result.
     *
     * @param rasterFile the raster to read, or null to fetch the layer's own source
     * @param cancelled  polled between units of work; a cancel is honoured within about a second
     */
    public ParseResult parse(int layerId, Path rasterFile, ParseOptions options, ParseListener listener,
                             BooleanSupplier cancelled) throws SQLException {
        return parse(layerId, rasterFile == null ? List.of() : List.of(rasterFile), options, listener, cancelled);
    }

    /**
     * Parses local copies of the layer's rasters: its one file, or the files of a mosaic layer in their order.
     *
     * @param rasterFiles the rasters to read, or empty to fetch the layer's own source(s)
     */
    public ParseResult parse(int layerId, List<Path> rasterFiles, ParseOptions options, ParseListener listener,
                             BooleanSupplier cancelled) throws SQLException {
        return parse(layerId, rasterFiles, null, options, listener, cancelled);
    }

    /**
     * Parses a new layer from its local file (or a new mosaic layer from its files) while its upload stores the
     * bytes (started and awaited here).
     */
    public ParseResult parse(PendingUpload upload, ParseOptions options, ParseListener listener,
                             BooleanSupplier cancelled) throws SQLException {
        return parse(upload.layer().id(), upload.files(), upload, options, listener, cancelled);
    }

    /**
     * Adds local files to a mosaic layer, after its files: only the tiles they touch (and their ancestors) are made
     * again, from the whole mosaic, and swapped in at the end; a failure or a cancel leaves the layer, its tiles and
     * its files as they were.
     */
    public ParseResult add(int layerId, List<Path> added, ParseOptions options, ParseListener listener,
                           BooleanSupplier cancelled) throws SQLException {
        if (added.isEmpty()) {
            throw new IllegalArgumentException("No files to add.");
        }
        return parse(layerId, added, null, true, options, listener, cancelled);
    }

    private ParseResult parse(int layerId, List<Path> rasterFiles, PendingUpload upload, ParseOptions options,
                              ParseListener listener, BooleanSupplier cancelled) throws SQLException {
        return parse(layerId, rasterFiles, upload, false, options, listener, cancelled);
    }

    /** @param adding the files are added to the layer's mosaic rather than its sources */
    private ParseResult parse(int layerId, List<Path> rasterFiles, PendingUpload upload, boolean adding,
                              ParseOptions options, ParseListener listener, BooleanSupplier cancelled)
            throws SQLException {
        long started = System.nanoTime();
        try (LayerLock lock = LayerLock.tryAcquire(dataSource, layerId)) {
            // Asked before the lock's answer: the worker that planned a parse holds the lock for a moment after
            // the plan is stored, and the user is to hear that workers parse the layer, not "another client".
            String refused = refusedForWorkers(layerId);
            if (refused != null) {
                statuses.log(layerId, refused);
                return new ParseResult(statuses.status(layerId), false, refused, new TreeMap<>(), 0);
            }
            if (lock == null) {
                return new ParseResult(statuses.status(layerId), false,
                        "Layer " + layerId + " is being parsed by another client; try again when it has finished.",
                        new TreeMap<>(), 0);
            }
            RasterLayer layer = layers.find(layerId)
                    .orElseThrow(() -> new SQLException("There is no layer " + layerId));
            LayerParseStatus previous = statuses.find(layerId).orElse(LayerParseStatus.unparsed(layerId));
            ParseRun run = new ParseRun(dataSource, fetcher, layer, listener);
            // A restart ends the session that held the lock: it is taken again before the parse goes on.
            run.retry().afterReconnect(lock::retake);
            long parseId = runs.begin(layerId);
            // A layer without tiles has nothing to keep until the parse succeeds: its tiles go to it as they come.
            // An addition reads the layer's tiles beside its own, which must stay apart until the swap.
            boolean attached = !adding && runs.hasNoTiles(layerId);
            if (attached) {
                run.writeAttached();
            }
            // Also stopped by a cancel stored for the run by another process (rasterdesk cancel LAYER).
            CancelRequests.Check stop = new CancelRequests(dataSource).check(parseId, cancelled);
            if (upload != null) {
                upload.start(stop);
            }
            try {
                SortedMap<Integer, Long> tiles = adding
                        ? run.executeAddition(rasterFiles, options, parseId, stop)
                        : run.execute(rasterFiles, upload, options, parseId, stop);
                double seconds = (System.nanoTime() - started) / 1e9;
                return new ParseResult(ParseStatus.FINISHED, false, run.lastMessage, tiles, seconds);
            } catch (ParseCancelledException e) {
                if (upload != null) {
                    upload.abandon();
                }
                try {
                    runs.discard(parseId, "cancelled");
                } catch (SQLException | RuntimeException away) {
                    // The cancel was seen by a thread that did not wait for the database, while it is away.
                    if (!DatabaseRetry.isConnectionLoss(away)) {
                        throw away;
                    }
                    return cancelledAway(parseId, previous, attached, run, listener, started);
                }
                ParseStatus now = new CancelledParse(dataSource).restore(layerId, previous, run.log,
                        e.reason() != null ? "Not parsed, as asked: " + e.reason() + " "
                        : stop.requested() ? "Parsing was cancelled from another program (rasterdesk cancel); "
                        : "Parsing was cancelled; ");
                listener.phase(now);
                return new ParseResult(now, true, run.log.lastLine(), new TreeMap<>(), elapsed(started));
            } catch (Exception | OutOfMemoryError e) {
                if (cancelledWhileAway(e)) {
                    return cancelledAway(parseId, previous, attached, run, listener, started);
                }
                // An out-of-memory error of a parse is the parse's failure: what it held is free again once it
                // unwinds, and the program (other layers' parses, the window) goes on.
                if (upload != null) {
                    upload.abandon();
                }
                LOG.log(Level.INFO, "Parse of layer " + layerId + " failed", e);
                String message = ParseErrors.sentence(e);
                try {
                    runs.discard(parseId, "failed");
                    run.log.add("Parsing failed: " + message + " "
                            + KeptTiles.sentence(KeptTiles.describe(dataSource, layerId)));
                    statuses.save(new LayerParseStatus(layerId, ParseStatus.FAILED, run.log.text(),
                            parsedStates.keptTileLevels(layerId).orElse(previous.tileLevels())));
                } catch (SQLException | RuntimeException unrecorded) {
                    if (!DatabaseRetry.isConnectionLoss(unrecorded)) {
                        throw unrecorded;
                    }
                    // The database stayed away: the failure cannot be recorded. A layer that had tiles still has
                    // them all; a new layer's tiles so far go once the database is back, with the failure stored.
                    runs.failWhenBack(parseId, layerId, message);
                    run.log.add("Parsing failed: " + message + (attached ? " The tiles it made so far are removed "
                            + "when the database is back." : " The previous tiles are kept."));
                }
                listener.phase(ParseStatus.FAILED);
                return new ParseResult(ParseStatus.FAILED, false, message, new TreeMap<>(), elapsed(started));
            }
        }
    }

    /**
     * Why a local parse may not run because of a parse on workers of the layer, or null: one that makes its blocks,
     * or one only queued, waiting for a worker (that worker would refuse it later, after this parse, and the user
     * would have asked for two parses and got the one not meant). A cancel of the queued parse ends its run and
     * lets local parses run again.
     */
    private String refusedForWorkers(int layerId) throws SQLException {
        WorkerParseState workers = new WorkerParseState(dataSource);
        Optional<Long> active = workers.active(layerId);
        if (active.isPresent()) {
            return "The local parse of layer " + layerId + " was refused: workers are parsing it (parse "
                    + active.get() + "); cancel that parse or wait until it has ended.";
        }
        Optional<Long> queued = workers.underWay(layerId);
        if (queued.isPresent()) {
            return "The local parse of layer " + layerId + " was refused: a parse on workers is queued for it (parse "
                    + queued.get() + "); cancel that parse (rasterdesk cancel " + layerId + ", or Cancel in the "
                    + "window) or wait until it has ended.";
        }
        return null;
    }

    /**
     * A cancel while the database is away: nothing can be stored or restored. A layer that had tiles still has them
     * all (the swap comes last); a new layer's tiles were its own as they came, and they stay until the database is
     * back: the next recovery of this program ends the run then.
     */
    private ParseResult cancelledAway(long parseId, LayerParseStatus previous, boolean attached, ParseRun run,
                                      ParseListener listener, long started) {
        runs.cancelWhenBack(parseId, previous.layerId(), previous);
        String message = "Parsing was cancelled while the database was unavailable; "
                + (attached ? "the tiles it made so far are removed when the database is back."
                : "the previous tiles are kept.");
        run.log.add(message);
        listener.phase(previous.status());
        return new ParseResult(previous.status(), true, message, new TreeMap<>(), elapsed(started));
    }

    /** Whether the parse ended because it was cancelled while it waited for a lost database (in any thread). */
    private static boolean cancelledWhileAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseRetry.Cancelled) {
                return true;
            }
        }
        return false;
    }

    private static double elapsed(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
