package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.db.Transactions;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.raster.BandStats;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterOverrides;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.FetchedRaster;
import org.rasterdesk.source.RasterSource;
import org.rasterdesk.source.SourceFetcher;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.SourceFootprint;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.TileNodata;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;
import org.rasterdesk.tiling.ZoomChoice;
import org.rasterdesk.tiling.ZoomLevels;

/**
 * Parses a layer's raster into its tile pyramid, as django-raster's parser does: metadata and band statistics,
 * max zoom, tiles in EPSG:3857, status and log. The new tiles, metadata and status replace the old in one
 * transaction at the end; a failure or a cancel leaves the layer's previous tiles and metadata as they were.
 */
public final class LayerParser {

    private static final Logger LOG = Logger.getLogger(LayerParser.class.getName());

    private final DataSource dataSource;
    private final RasterLayerRepository layers;
    private final LayerMetadataRepository metadata;
    private final ParseStatusRepository statuses;
    private final ParseRuns runs;
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
        this.metadata = new LayerMetadataRepository(dataSource);
        this.statuses = new ParseStatusRepository(dataSource);
        this.runs = new ParseRuns(dataSource);
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
        return parse(layerId, null, options, listener, cancelled);
    }

    /**
     * Parses a local copy of the layer's raster (a file just stored for it, or a test file) and stores the result.
     *
     * @param rasterFile the raster to read, or null to fetch the layer's own source
     * @param cancelled  polled between units of work; a cancel is honoured within about a second
     */
    public ParseResult parse(int layerId, Path rasterFile, ParseOptions options, ParseListener listener,
                             BooleanSupplier cancelled) throws SQLException {
        long started = System.nanoTime();
        try (LayerLock lock = LayerLock.tryAcquire(dataSource, layerId)) {
            if (lock == null) {
                return new ParseResult(statuses.status(layerId), false,
                        "Layer " + layerId + " is being parsed by another client; try again when it has finished.",
                        new TreeMap<>(), 0);
            }
            RasterLayer layer = layers.find(layerId)
                    .orElseThrow(() -> new SQLException("There is no layer " + layerId));
            LayerParseStatus previous = statuses.find(layerId).orElse(LayerParseStatus.unparsed(layerId));
            ParseRun run = new ParseRun(layer, listener);
            long parseId = runs.begin(layerId);
            try {
                SortedMap<Integer, Long> tiles = run.execute(rasterFile, options, parseId, cancelled);
                double seconds = (System.nanoTime() - started) / 1e9;
                return new ParseResult(ParseStatus.FINISHED, false, run.lastMessage, tiles, seconds);
            } catch (ParseCancelledException e) {
                runs.discard(parseId, "cancelled");
                run.log.restore(previous.log());
                run.log.add(e.getMessage());
                statuses.save(new LayerParseStatus(layerId, previous.status(), run.log.text(), previous.tileLevels()));
                listener.phase(previous.status());
                return new ParseResult(previous.status(), true, e.getMessage(), new TreeMap<>(), elapsed(started));
            } catch (Exception e) {
                LOG.log(Level.INFO, "Parse of layer " + layerId + " failed", e);
                runs.discard(parseId, "failed");
                String message = ParseErrors.sentence(e);
                run.log.add("Parsing failed: " + message + " The previous tiles are kept.");
                statuses.save(new LayerParseStatus(layerId, ParseStatus.FAILED, run.log.text(),
                        previous.tileLevels()));
                listener.phase(ParseStatus.FAILED);
                return new ParseResult(ParseStatus.FAILED, false, message, new TreeMap<>(), elapsed(started));
            }
        }
    }

    private static double elapsed(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** One parse of one layer: its log and the steps, in order. */
    private final class ParseRun {
        final RasterLayer layer;
        final ParseListener listener;
        final ParseLog log;
        ParseStatus status = ParseStatus.UNPARSED;
        List<Integer> levels = List.of();
        String lastMessage = "";

        ParseRun(RasterLayer layer, ParseListener listener) {
            this.layer = layer;
            this.listener = listener;
            this.log = new ParseLog(listener);
        }

        /** Logs a line and stores the status and log, so that other clients follow the parse live. */
        void say(String message, ParseStatus newStatus) {
            log.add(message);
            lastMessage = message;
            if (newStatus != null && newStatus != status) {
                status = newStatus;
                listener.phase(newStatus);
            }
            statuses.save(new LayerParseStatus(layer.id(), status, log.text(), levels));
        }

        SortedMap<Integer, Long> execute(Path file, ParseOptions options, long parseId, BooleanSupplier cancelled)
                throws IOException, SQLException, ParseCancelledException {
            say("Started parsing raster.", null);
            if (file != null) {
                return tile(file, options, parseId, cancelled);
            }
            RasterSource source = RasterSource.parse(layer.id(), layer.sourceUrl(), layer.rasterfile());
            say("Getting the raster from " + source.describe() + ".", ParseStatus.DOWNLOADING_FILE);
            FetchListener progress = (done, total, message) ->
                    listener.progress(total > 0 ? 0.05 * done / total : 0, 0, 0);
            try (FetchedRaster fetched = fetcher.fetch(source, progress, cancelled)) {
                return tile(fetched.file(), options, parseId, cancelled);
            }
        }

        private SortedMap<Integer, Long> tile(Path file, ParseOptions options, long parseId, BooleanSupplier cancelled)
                throws IOException, SQLException, ParseCancelledException {
            say("Extracting metadata from raster.", ParseStatus.REPROJECTING_RASTER);
            Double nodataOverride = parseNodata(layer.nodata());
            try (RasterReader reader = RasterOverrides.apply(GeoTiffReader.open(file), layer.srid(), nodataOverride)) {
                RasterInfo info = reader.info();
                if (info.crs() == null) {
                    throw new IOException("The raster has no coordinate reference system; set the layer's SRID to "
                            + "the EPSG code of the one it is in");
                }
                List<BandStats> stats = BandStatistics.compute(reader, info.nodata());
                say(String.format(Locale.ROOT, "Finished extracting metadata from raster: %d×%d pixels, %d band(s) "
                                + "of %s, %s.", info.width(), info.height(), info.bandCount(), info.pixelType(),
                        info.srid() != null ? "EPSG:" + info.srid() : "a CRS without EPSG code"), null);
                checkCancel(cancelled);
                SourceProjection projection = project(info);
                ZoomChoice zoom = new ZoomLevels().maxZoom(projection, layer.maxZoom(), layer.nextHigher());
                say(zoom.explanation(), null);
                TileRange top = WebMercator.tilesCovering(zoom.zoom(), SourceFootprint.of(projection));
                int minZoom = layer.buildPyramid() ? 0 : zoom.zoom();
                double[] tileNodata = tileNodata(info, stats);
                say("Transforming raster to SRID 3857", ParseStatus.REPROJECTING_RASTER);
                say(String.format(Locale.ROOT, "Creating up to %d tiles at zoom %d (%d×%d tiles) and building "
                                + "zooms %d to %d from them, resampling %s.", top.count(), top.z(), top.columns(),
                        top.rows(), minZoom, top.z() - 1, options.resamplingFor(layer.datatype()).name().toLowerCase(
                                Locale.ROOT)), ParseStatus.CREATING_TILES);
                long tilesStarted = System.nanoTime();
                TileProduction.Counts counts = new TileProduction(dataSource, parseId, listener, cancelled).run(
                        reader, projection, top, minZoom, options.resamplingFor(layer.datatype()),
                        layer.datatype().isDiscrete() ? Reduction.MODE : Reduction.AVERAGE, tileNodata,
                        heartbeat(parseId));
                double tileSeconds = (System.nanoTime() - tilesStarted) / 1e9;
                say("Dropping empty tiles.", ParseStatus.DROPPING_EMPTY_TILES);
                List<Integer> made = new ArrayList<>();
                for (int z = top.z(); z >= minZoom; z--) {
                    say(String.format(Locale.ROOT, "Zoom %d: %d tiles, %d empty dropped.", z, counts.made().get(z),
                            counts.empty().get(z)), null);
                    if (counts.made().get(z) > 0) {
                        made.add(z);
                    }
                }
                Collections.sort(made);
                levels = made;
                long total = counts.made().values().stream().mapToLong(Long::longValue).sum();
                String summary = total == 0
                        ? "The raster has no data pixels: no tiles were made."
                        : String.format(Locale.ROOT, "Made %d tiles in %.1f s (%.0f tiles/s).", total, tileSeconds,
                        total / Math.max(tileSeconds, 1e-3));
                log.add(summary);
                log.add("Successfully finished parsing raster");
                lastMessage = summary;
                store(info, zoom.zoom(), stats, parseId);
                listener.phase(ParseStatus.FINISHED);
                listener.progress(1, total, 0);
                return counts.made();
            }
        }

        private void store(RasterInfo info, int maxZoom, List<BandStats> stats, long parseId) throws SQLException {
            List<BandMetadata> bands = new ArrayList<>();
            for (BandStats s : stats) {
                bands.add(bandMetadata(layer.id(), s));
            }
            try {
                Transactions.inTransaction(dataSource, "storing the parsed layer " + layer.id(), c -> {
                    metadata.save(c, LayerMetadata.of(layer.id(), info, maxZoom));
                    metadata.replaceBands(c, layer.id(), bands);
                    statuses.save(c, new LayerParseStatus(layer.id(), ParseStatus.FINISHED, log.text(), levels));
                    runs.swapTiles(c, layer.id(), parseId);
                    return null;
                });
            } catch (org.rasterdesk.db.DataAccessException e) {
                throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
            }
        }

        private Runnable heartbeat(long parseId) {
            long[] last = {System.nanoTime()};
            return () -> {
                if (System.nanoTime() - last[0] > 15e9) {
                    last[0] = System.nanoTime();
                    try {
                        runs.heartbeat(parseId);
                    } catch (SQLException e) {
                        LOG.warning("Parse heartbeat failed: " + e.getMessage());
                    }
                }
            };
        }
    }

    private static void checkCancel(BooleanSupplier cancelled) throws ParseCancelledException {
        if (cancelled.getAsBoolean()) {
            throw new ParseCancelledException();
        }
    }

    private static SourceProjection project(RasterInfo info) throws IOException {
        try {
            return new SourceProjection(info, info.crs());
        } catch (org.opengis.util.FactoryException e) {
            throw new IOException("The raster's coordinate reference system cannot be transformed to web mercator: "
                    + e.getMessage(), e);
        }
    }

    /** A nodata per band that the data does not use, so pixels outside the source are never shown as data. */
    private static double[] tileNodata(RasterInfo info, List<BandStats> stats) {
        double[] nodata = new double[info.bandCount()];
        for (int b = 0; b < nodata.length; b++) {
            BandStats s = stats.get(b);
            nodata[b] = TileNodata.choose(info.pixelType(), info.nodata(b), s.min(), s.max());
        }
        return nodata;
    }

    static BandMetadata bandMetadata(int layerId, BandStats s) {
        if (!s.hasData()) {
            // django-raster's columns min and max are NOT NULL; a band without data is described as 0..0.
            return BandMetadata.of(layerId, s.band(), s.nodata(), 0, 0, null, null);
        }
        return new BandMetadata(layerId, s.band(), s.nodata(), s.min(), s.max(), s.mean(), s.std(), s.histValues(),
                s.histBins());
    }

    /** The layer's nodata text as a number; django-raster stores it as a string. */
    static Double parseNodata(String text) throws IOException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException("The layer's nodata value \"" + text + "\" is not a number");
        }
    }
}
