package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.db.Transactions;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerDisplayRepository;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.raster.BandStats;
import org.rasterdesk.raster.GeoTiffReader;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.FetchedRaster;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.RasterSource;
import org.rasterdesk.source.SourceFetcher;
import org.rasterdesk.tiling.MosaicWarper;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.Resampling;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileNodata;
import org.rasterdesk.tiling.ZoomChoice;
import org.rasterdesk.tiling.ZoomLevels;

/**
 * One parse of one layer, step by step as django-raster logs them: get the raster, read its metadata and
 * statistics, choose the max zoom, make the tiles, keep the reprojected copy, store everything at once.
 */
final class ParseRun {

    final RasterLayer layer;
    final ParseLog log;
    String lastMessage = "";

    private final DataSource dataSource;
    private final SourceFetcher fetcher;
    private final ParseListener listener;
    private final ParseStatusRepository statuses;
    private final LayerMetadataRepository metadata;
    private final ParseRuns runs;
    private final ReprojectedCopies copies;
    private final ParseTimings timings = new ParseTimings();
    private PendingUpload upload;
    private long runStarted;
    private final DatabaseRetry retry;
    private ParseStatus status = ParseStatus.UNPARSED;
    private boolean firstWins;
    /** The names of a mosaic's files, for the log of their tiles. */
    private List<String> partNames = List.of();
    /** The palette of a palette image by band (value → ARGB, values the data uses), or null to keep the stored. */
    private Map<Integer, Map<Integer, Integer>> palettes;
    private List<Integer> levels = List.of();
    /** More to change with the tiles, e.g. the files an addition to a mosaic makes its parts. */
    private InTransaction alsoInSwap = c -> { };
    /** The tiles are written as the layer's from the start, which had none to keep ({@link ParseRuns#keepTiles}). */
    private boolean attached;

    ParseRun(DataSource dataSource, SourceFetcher fetcher, RasterLayer layer, ParseListener listener) {
        this.dataSource = dataSource;
        this.fetcher = fetcher;
        this.layer = layer;
        this.listener = listener;
        this.log = new ParseLog(listener);
        this.statuses = new ParseStatusRepository(dataSource);
        this.metadata = new LayerMetadataRepository(dataSource);
        this.runs = new ParseRuns(dataSource);
        this.copies = new ReprojectedCopies(dataSource);
        this.retry = new DatabaseRetry(dataSource, DatabaseRetry.configuredPatience(), new DatabaseRetry.Listener() {
            @Override
            public void unavailable(String reason, Duration patience) {
                log.add("The database is unavailable (" + reason + "); retrying for up to " + patience.toSeconds()
                        + " s.");
                listener.databaseAvailable(false);
            }

            @Override
            public void back(Duration after) {
                log.add(String.format(Locale.ROOT, "The database is back after %.1f s; parsing goes on.",
                        after.toMillis() / 1000.0));
                listener.databaseAvailable(true);
            }
        });
    }

    /**
     * What the tiles are made from: the rasters (one, or the files of a mosaic in paint order) and where their
     * pixels lie, the max zoom and the tiles' nodata.
     */
    private record Plan(List<SourcePart> parts, ZoomChoice zoom, double sourcePixelSize, double[] tileNodata) {

        Plan(RasterReader reader, SourceProjection projection, ZoomChoice zoom, double sourcePixelSize,
             double[] tileNodata) {
            this(List.of(new SourcePart(reader, projection)), zoom, sourcePixelSize, tileNodata);
        }

        RasterReader reader() {
            return parts.get(0).reader();
        }

        SourceProjection projection() {
            return parts.get(0).projection();
        }
    }

    /** Logs a line and stores the status and log, so that other clients follow the parse live. */
    void say(String message, ParseStatus newStatus) throws SQLException {
        say(List.of(message), newStatus);
    }

    /**
     * Logs lines made at one moment and stores the status and log once for all of them: each store is a round trip
     * and a transaction of its own that rewrites the whole log, and the end of a parse logs a line per zoom (the
     * Lisbon benchmark raster's 18 zooms took 20 stores between its last tile and its final transaction).
     */
    void say(List<String> messages, ParseStatus newStatus) throws SQLException {
        for (String message : messages) {
            log.add(message);
            lastMessage = message;
        }
        if (newStatus != null && newStatus != status) {
            status = newStatus;
            listener.phase(newStatus);
        }
        // The final transaction (or a failure's or cancel's record) stores the whole log again, durably.
        retry.run(() -> {
            statuses.saveProgress(new LayerParseStatus(layer.id(), status, log.text(), levels));
            return null;
        });
    }

    /**
     * A progress line from inside the tile production, which lets only unchecked exceptions through; from any of its
     * threads, one at a time, so that the stored log never goes back to an older text.
     */
    private synchronized void sayProgress(String line) {
        try {
            say(line, null);
        } catch (SQLException e) {
            throw new org.rasterdesk.db.DataAccessException("storing the parse's progress", e);
        }
    }

    /**
     * A whole parse of a layer that has no tiles: its tiles are written as the layer's from the start, and the final
     * transaction has none to give it (still recorded as the run's, so that a failure or a cancel deletes them).
     */
    void writeAttached() {
        attached = true;
    }

    /** Waits out a lost database; the parse adds what must be redone after a reconnect (its layer's lock). */
    DatabaseRetry retry() {
        return retry;
    }

    /**
     * @param files  the raster (or a mosaic's files, in order), or empty to fetch the layer's own source(s)
     * @param upload the files' bytes going into the database meanwhile, awaited before the final transaction; or
     *               null
     */
    SortedMap<Integer, Long> execute(List<Path> files, PendingUpload upload, ParseOptions options, long parseId,
                                     BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        retry.cancelWhen(cancelled);
        runStarted = System.nanoTime();
        this.upload = upload;
        say("Started parsing raster.", null);
        Optional<MosaicFiles.Mosaic> mosaic = new MosaicFiles(dataSource).find(layer.id());
        firstWins = mosaic.map(MosaicFiles.Mosaic::firstWins).orElse(false);
        String inputs = inputsOf(mosaic);
        Optional<ReprojectedCopies.Copy> copy = layer.storeReprojected()
                ? copies.find(layer.id()).filter(c -> c.inputs().equals(inputs)) : Optional.empty();
        if (copy.isPresent() && metadata.find(layer.id()).map(m -> m.width() != null).orElse(false)) {
            Optional<SortedMap<Integer, Long>> fromCopy = fromCopy(copy.get(), options, parseId, cancelled);
            if (fromCopy.isPresent()) {
                return fromCopy.get();
            }
        }
        if (files.size() > 1) {
            return fromSources(files, inputs, options, parseId, cancelled);
        }
        if (files.isEmpty() && mosaic.isPresent()) {
            return fromMosaic(mosaic.get(), inputs, options, parseId, cancelled);
        }
        // A local copy goes through the same source handling as any source: a zip is unpacked the same way.
        Path file = files.isEmpty() ? null : files.get(0);
        RasterSource source = file != null ? new RasterSource.LocalPath(file)
                : RasterSource.parse(layer.id(), layer.sourceUrl(), layer.rasterfile());
        if (file == null) {
            say("Getting the raster from " + source.describe() + ".", ParseStatus.DOWNLOADING_FILE);
        }
        FetchListener progress = (done, total, message) ->
                listener.progress(total > 0 ? 0.05 * done / total : 0, 0, 0);
        try (SourceFetcher local = fetcher == null ? SourceFetcher.localFiles() : null;
             FetchedRaster fetched = (fetcher == null ? local : fetcher).fetch(source, progress, cancelled)) {
            return fromSources(List.of(fetched.file()), inputs, options, parseId, cancelled);
        }
    }

    /** What the reprojected copy depends on: the layer's source, SRID and nodata, and a mosaic's files and rule. */
    private String inputsOf(Optional<MosaicFiles.Mosaic> mosaic) throws SQLException {
        return copies.inputsOf(layer) + mosaic.map(m -> ";mosaic=" + m.fingerprint()).orElse("");
    }

    /** Fetches every file of a mosaic layer (from the database, or where a shared path says), then parses them. */
    private SortedMap<Integer, Long> fromMosaic(MosaicFiles.Mosaic mosaic, String inputs, ParseOptions options,
                                                long parseId, BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        say("Getting the " + Counted.of(mosaic.files().size(), "file") + " of the mosaic.", ParseStatus.DOWNLOADING_FILE);
        int count = mosaic.files().size();
        int[] index = {0};
        FetchListener progress = (done, total, message) ->
                listener.progress(total > 0 ? 0.05 * (index[0] + (double) done / total) / count : 0, 0, 0);
        List<FetchedRaster> fetched = new MosaicFiles(dataSource).fetch(mosaic, progress, cancelled);
        // The names the files were added under, not those of their copies here.
        partNames = mosaic.files().stream().map(org.rasterdesk.source.StoredFile::rasterName).toList();
        try {
            List<Path> files = new ArrayList<>();
            for (FetchedRaster f : fetched) {
                files.add(f.file());
            }
            return fromSources(files, inputs, options, parseId, cancelled);
        } finally {
            fetched.forEach(FetchedRaster::close);
        }
    }

    private SortedMap<Integer, Long> fromSources(List<Path> files, String inputs, ParseOptions options,
                                                 long parseId, BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        say(files.size() == 1 ? "Extracting metadata from raster."
                : "Extracting metadata from the " + files.size() + " rasters of the mosaic.",
                ParseStatus.REPROJECTING_RASTER);
        if (partNames.size() != files.size()) {
            partNames = files.stream().map(f -> f.getFileName().toString()).toList();
        }
        try (SourceParts opened = SourceParts.open(files, layer.srid(), parseNodata(layer.nodata()))) {
            SourcePlan source = SourcePlan.analyse(layer, opened, files, firstWins, cancelled, line -> say(line, null),
                    timings);
            return fromPlan(source, inputs, options, parseId, cancelled);
        }
    }

    private SortedMap<Integer, Long> fromPlan(SourcePlan source, String inputs, ParseOptions options, long parseId,
                                              BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        say("Transforming raster to SRID 3857", ParseStatus.REPROJECTING_RASTER);
        keepWithMosaic(source, options);
        Plan plan = new Plan(source.parts(), source.zoom(), source.pixelSize(), source.tileNodata());
        return makeTiles(plan, options, parseId, cancelled, inputs, null, source.meta(), () -> {
            source.finishStatistics(cancelled, line -> say(line, null));
            palettes = source.palettes();
            return source.bands();
        });
    }

    /**
     * For a mosaic, its tally (or none) and its tiles' resampling go into the final transaction with the tiles:
     * what a later addition counts onto and resamples as.
     */
    private void keepWithMosaic(SourcePlan source, ParseOptions options) {
        if (source.parts().size() < 2) {
            return;
        }
        InTransaction before = alsoInSwap;
        String tallyInputs = MosaicTally.inputs(layer, firstWins, source.parts().size());
        long[][] tally = source.tally();
        String resampling = options.resamplingFor(layer.datatype()).name();
        alsoInSwap = c -> {
            before.run(c);
            MosaicTally.replace(c, layer.id(), tallyInputs, tally);
            MosaicFiles.recordResampling(c, layer.id(), resampling);
        };
    }

    /**
     * Adds files to the layer's mosaic, after its files (they win where they overlap, unless the mosaic's first
     * file wins): only the tiles they touch are made again, with their ancestors, from the whole mosaic; the
     * metadata and statistics are those of all the files. When the new files change the max zoom or the tiles'
     * format, the whole mosaic is parsed again. Until the final transaction, the layer and its files are as they
     * were.
     */
    SortedMap<Integer, Long> executeAddition(List<Path> added, ParseOptions options, long parseId,
                                             BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        retry.cancelWhen(cancelled);
        runStarted = System.nanoTime();
        MosaicFiles mosaics = new MosaicFiles(dataSource);
        MosaicFiles.Mosaic mosaic = mosaics.find(layer.id()).orElseThrow(() -> new IOException("Layer " + layer.id()
                + " is not a mosaic: files can be added only to a layer made of several files."));
        firstWins = mosaic.firstWins();
        int before = mosaic.files().size();
        Optional<Resampling> earlier = mosaics.resampling(layer.id())
                .map(Resampling::valueOf);
        boolean resamplingChanged = false;
        if (!layer.datatype().isDiscrete() && earlier.isPresent()) {
            if (options.resampling() == null) {
                // The tiles of the added files are resampled as the mosaic's others were.
                options = new ParseOptions(earlier.get());
            } else {
                resamplingChanged = options.resampling() != earlier.get();
            }
        }
        // Taken before this run's lines replace them: what the layer's tiles are now.
        LayerParseStatus previous = statuses.find(layer.id()).orElse(LayerParseStatus.unparsed(layer.id()));
        levels = previous.tileLevels();
        say(String.format(Locale.ROOT, "Adding %s to the mosaic of %s: %s.", Counted.of(added.size(), "file"),
                Counted.of(before, "file"), String.join(", ", added.stream()
                        .map(p -> p.getFileName().toString()).toList())), ParseStatus.DOWNLOADING_FILE);
        try {
            List<org.rasterdesk.source.StoredFile> staged = mosaics.stageAddition(mosaic, added, cancelled);
            List<org.rasterdesk.source.StoredFile> all = new ArrayList<>(mosaic.files());
            all.addAll(staged);
            String inputs = inputsOf(Optional.of(new MosaicFiles.Mosaic(layer.id(), firstWins, all)));
            alsoInSwap = tx -> MosaicFiles.commitAdditions(tx, layer.id());
            int[] index = {0};
            FetchListener progress = (done, total, message) ->
                    listener.progress(total > 0 ? 0.05 * (index[0] + (double) done / total) / before : 0, 0, 0);
            List<FetchedRaster> fetched = mosaics.fetch(mosaic, progress, cancelled);
            try {
                List<Path> files = new ArrayList<>();
                fetched.forEach(f -> files.add(f.file()));
                files.addAll(added);
                List<String> names = new ArrayList<>(mosaic.files().stream()
                        .map(org.rasterdesk.source.StoredFile::rasterName).toList());
                added.forEach(p -> names.add(p.getFileName().toString()));
                partNames = names;
                say("Extracting metadata from the " + files.size() + " rasters of the mosaic.",
                        ParseStatus.REPROJECTING_RASTER);
                try (SourceParts opened = SourceParts.open(files, layer.srid(), parseNodata(layer.nodata()))) {
                    SourcePlan.Prior prior = priorTally(opened, before);
                    SourcePlan source = SourcePlan.analyse(layer, opened, files, firstWins, cancelled,
                            line -> say(line, null), null, prior);
                    int minZoom = layer.buildPyramid() ? 0 : source.zoom().zoom();
                    Optional<String> whole = new MosaicAddition(dataSource, layer.id())
                            .whyWhole(previous.status(), source, minZoom);
                    if (whole.isEmpty() && resamplingChanged) {
                        whole = Optional.of("The mosaic's tiles were resampled " + earlier.get().name()
                                .toLowerCase(Locale.ROOT) + ", these " + options.resampling().name()
                                .toLowerCase(Locale.ROOT));
                    }
                    if (whole.isPresent()) {
                        say(whole.get() + ": the whole mosaic is parsed again.", null);
                        return fromPlan(source, inputs, options, parseId, cancelled);
                    }
                    keepWithMosaic(source, options);
                    return addTiles(source, before, added.size(), minZoom, inputs, options, parseId, cancelled);
                }
            } finally {
                fetched.forEach(FetchedRaster::close);
            }
        } catch (IOException | SQLException | ParseCancelledException | RuntimeException | Error e) {
            try {
                mosaics.dropAdditions(layer.id());
            } catch (SQLException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * The tally the mosaic's statistics were counted in when its files are 8- or 16-bit integers and it is stored
     * for them as they are; otherwise null, and every file is read for the statistics.
     */
    private SourcePlan.Prior priorTally(SourceParts opened, int before) throws SQLException {
        RasterInfo info = opened.readers().get(0).info();
        if (!BandStatistics.tallied(info.pixelType(), info.bandCount())) {
            return null;
        }
        SourcePlan.Prior prior = MosaicTally.prior(dataSource, layer, firstWins, info, before);
        say(MosaicTally.priorLine(prior != null), null);
        return prior;
    }

    /** Makes the tiles the added files touch and their ancestors, and swaps those alone. */
    private SortedMap<Integer, Long> addTiles(SourcePlan source, int before, int addedCount, int minZoom,
                                              String inputs, ParseOptions options, long parseId,
                                              BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        List<SourcePart> parts = source.parts();
        int z = source.zoom().zoom();
        TileCover remadeTop = SourcePart.tilesCovering(z, parts.subList(before, parts.size()));
        Resampling resampling = options.resamplingFor(layer.datatype());
        Reduction reduction = layer.datatype().isDiscrete() ? Reduction.MODE : Reduction.AVERAGE;
        say(String.format(Locale.ROOT, "Creating up to %s at zoom %d where the new files lie, over the whole "
                        + "mosaic, and building their ancestors at zooms %d to %d, resampling %s.",
                Counted.of(remadeTop.count(), "tile"), z, minZoom, z - 1,
                resampling.name().toLowerCase(Locale.ROOT)), ParseStatus.CREATING_TILES);
        long started = System.nanoTime();
        ParseListener logged = new ProgressLog(listener, this::sayProgress, System::nanoTime, z, remadeTop.count());
        TileProduction.Counts top = new TileProduction(dataSource, parseId, logged, cancelled, timings, retry)
                .run(parts, firstWins, remadeTop, z, resampling, reduction, source.tileNodata());
        AncestorTiles.Result lower = new AncestorTiles(dataSource, layer.id(), parseId, retry).build(remadeTop,
                minZoom, reduction, parts.get(0).reader().info().pixelType(), source.tileNodata(), cancelled);
        SortedMap<Integer, Long> made = new java.util.TreeMap<>(lower.made());
        made.put(z, top.made().get(z));
        SortedMap<Integer, Long> empty = new java.util.TreeMap<>(lower.empty());
        empty.put(z, top.empty().get(z));
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> dropped = new ArrayList<>(List.of("Dropping empty tiles."));
        java.util.SortedSet<Integer> levelSet = new java.util.TreeSet<>(levels);
        for (int level = z; level >= minZoom; level--) {
            dropped.add(String.format(Locale.ROOT, "Zoom %d: %s re-made, %d empty dropped.", level,
                    Counted.of(made.get(level), "tile"), empty.get(level)));
            if (made.get(level) > 0) {
                levelSet.add(level);
            }
        }
        say(dropped, ParseStatus.DROPPING_EMPTY_TILES);
        levels = List.copyOf(levelSet);
        long remade = made.values().stream().mapToLong(Long::longValue).sum();
        log.add(String.format(Locale.ROOT, "Made %s in %.1f s (%.0f tiles/s).", Counted.of(remade, "tile"), seconds,
                remade / Math.max(seconds, 1e-3)));
        // The top zoom stays the layer's reprojected copy, now of every file; an older kind of copy is dropped.
        Optional<ReprojectedCopies.Copy> copy = retry.run(() -> copies.find(layer.id()));
        boolean keepCopy = layer.storeReprojected() && copy.isPresent()
                && copy.get().storage() == ReprojectedCopies.Storage.TILES && copy.get().zoom() == z;
        palettes = source.palettes();
        // Counted before the swap, so that the stored log says it: the layer holds the lock, nothing else changes it.
        long total = retry.run(() -> runs.tilesAfterSwap(layer.id(), lower.remade(), remade));
        lastMessage = String.format(Locale.ROOT, "Added %s: %s re-made of %,d.", Counted.of(addedCount, "file"),
                Counted.grouped(remade, "tile"), total);
        log.add(lastMessage);
        timings.time(ParseTimings.Phase.COMMIT, () -> store(source.meta(), source.bands(), c -> {
            if (keepCopy) {
                copies.recordTiles(c, layer.id(), new ReprojectedCopies.Copy(z, source.pixelSize(), inputs,
                        ReprojectedCopies.Storage.TILES));
            } else {
                copies.delete(c, layer.id());
            }
        }, c -> runs.swapTiles(c, layer.id(), parseId, lower.remade())));
        timings.wall(System.nanoTime() - runStarted);
        listener.timings(timings);
        listener.phase(ParseStatus.FINISHED);
        listener.progress(1, remade, 0);
        return made;
    }

    /**
     * A re-parse that changes neither source, SRID nor nodata starts from the stored EPSG:3857 copy.
     *
     * @return empty when the copy's tiles are gone (the tiles are then made from the source)
     */
    private Optional<SortedMap<Integer, Long>> fromCopy(ReprojectedCopies.Copy copy, ParseOptions options,
                                                        long parseId, BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        if (copy.storage() == ReprojectedCopies.Storage.FILE) {
            Path file = Files.createTempFile("rasterdesk-reprojected-", ".tif");
            try {
                copies.copyTo(layer.id(), file);
                try (GeoTiffReader reader = GeoTiffReader.open(file)) {
                    return Optional.of(fromCopy(copy, reader, options, parseId, cancelled));
                }
            } finally {
                Files.deleteIfExists(file);
            }
        }
        CoordinateReferenceSystem mercator;
        try {
            mercator = SourceProjection.mercator();
        } catch (org.opengis.util.FactoryException e) {
            throw new IOException("EPSG:3857 is not available: " + e.getMessage(), e);
        }
        Optional<StoredCopyReader> stored = copies.open(layer.id(), copy, mercator);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        try (StoredCopyReader reader = stored.get()) {
            return Optional.of(fromCopy(copy, reader, options, parseId, cancelled));
        }
    }

    private SortedMap<Integer, Long> fromCopy(ReprojectedCopies.Copy copy, RasterReader reader, ParseOptions options,
                                              long parseId, BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        say("Using the stored reprojected raster (made at zoom " + copy.zoom() + "): source, SRID and nodata are "
                + "unchanged.", ParseStatus.REPROJECTING_RASTER);
        RasterInfo info = reader.info();
        SourceProjection projection = project(info);
        ZoomChoice zoom = layer.maxZoom() != null
                ? new ZoomLevels().maxZoom(projection, layer.maxZoom(), layer.nextHigher())
                : new ZoomLevels().forPixelSize(copy.sourcePixelSize(), layer.nextHigher());
        if (zoom.zoom() > copy.zoom()) {
            say("Zoom " + zoom.zoom() + " is finer than the stored copy: its tiles are resampled from it.", null);
        }
        Plan plan = new Plan(reader, projection, zoom, copy.sourcePixelSize(), TileNodata.forRaster(info));
        LayerMetadata previous = metadata.find(layer.id()).orElseThrow();
        LayerMetadata meta = new LayerMetadata(layer.id(), previous.upperLeftX(), previous.upperLeftY(),
                previous.width(), previous.height(), previous.scaleX(), previous.scaleY(), previous.skewX(),
                previous.skewY(), previous.numBands(), previous.srsWkt(), previous.srid(), zoom.zoom());
        return makeTiles(plan, options, parseId, cancelled, null, copy, meta, () -> metadata.bands(layer.id()));
    }

    /**
     * @param inputs   what a new reprojected copy is made from, or null when the tiles come from the stored copy
     * @param fromCopy the stored copy the tiles come from, or null
     */
    private SortedMap<Integer, Long> makeTiles(Plan plan, ParseOptions options, long parseId,
                                               BooleanSupplier cancelled, String inputs,
                                               ReprojectedCopies.Copy fromCopy, LayerMetadata meta,
                                               BandsAfterTiles bandsAfterTiles)
            throws IOException, SQLException, ParseCancelledException {
        TileCover top = SourcePart.tilesCovering(plan.zoom().zoom(), plan.parts());
        int minZoom = layer.buildPyramid() ? 0 : top.z();
        preflight(plan, minZoom);
        say(String.format(Locale.ROOT, "Creating up to %s at zoom %d (%d×%d tiles) and building zooms %d to %d "
                        + "from them, resampling %s.", Counted.of(top.count(), "tile"), top.z(), top.columns(), top.rows(), minZoom,
                top.z() - 1, options.resamplingFor(layer.datatype()).name().toLowerCase(Locale.ROOT)),
                ParseStatus.CREATING_TILES);
        long started = System.nanoTime();
        ParseListener logged = new ProgressLog(listener, this::sayProgress, System::nanoTime, top.z(), top.count());
        Reduction reduction = layer.datatype().isDiscrete() ? Reduction.MODE : Reduction.AVERAGE;
        TileProduction production = new TileProduction(dataSource, parseId, logged, cancelled, timings, retry);
        if (attached) {
            production.attachTo(layer.id());
        }
        if (plan.parts().size() > 1) {
            production.tally(mosaicTally(plan.parts(), top.z()));
        }
        TileProduction.Counts counts = production.run(plan.parts(), firstWins, top, minZoom, options.resamplingFor(layer.datatype()), reduction,
                        plan.tileNodata());
        return afterTiles(plan, top, minZoom, counts, started, inputs, fromCopy, meta, bandsAfterTiles, parseId);
    }

    /**
     * A mosaic's files are warped tile by tile and painted as they are warped, on every core, straight into the
     * pyramid: no file's tiles go to the database to be read back and painted afterwards, which made a small local
     * mosaic half as slow again. The log still tells each file's part once all the tiles it covers are warped.
     */
    private MosaicWarper.Tally mosaicTally(List<SourcePart> parts, int z) {
        long[] covered = new long[parts.size()];
        for (int i = 0; i < covered.length; i++) {
            TileCover cover = MosaicUnits.coverOf(parts.get(i), z);
            covered[i] = cover == null ? 0 : cover.count();
        }
        List<String> names = partNames;
        return new MosaicWarper.Tally(covered, (file, tiles, seconds) -> sayProgress("Made " + MosaicUnits.describe(
                file, parts.size(), true, 0, 0, file < names.size() ? names.get(file) : "?", tiles, seconds) + "."));
    }

    /**
     * Statistics, the log of what was made, the reprojected copy and the final transaction.
     */
    private SortedMap<Integer, Long> afterTiles(Plan plan, TileCover top, int minZoom, TileProduction.Counts counts,
                                                long started, String inputs, ReprojectedCopies.Copy fromCopy,
                                                LayerMetadata meta, BandsAfterTiles bandsAfterTiles, long parseId)
            throws IOException, SQLException, ParseCancelledException {
        double seconds = (System.nanoTime() - started) / 1e9;
        List<BandMetadata> bands = bandsAfterTiles.get();
        if (upload != null) {
            long waited = System.nanoTime();
            upload.await();
            timings.add(ParseTimings.Phase.UPLOAD, upload.serverNanos() > 0 ? upload.serverNanos()
                    : System.nanoTime() - waited);
        }
        List<String> dropped = new ArrayList<>(List.of("Dropping empty tiles."));
        List<Integer> made = new ArrayList<>();
        for (int z = top.z(); z >= minZoom; z--) {
            dropped.add(String.format(Locale.ROOT, "Zoom %d: %s, %d empty dropped.", z,
                    Counted.of(counts.made().get(z), "tile"), counts.empty().get(z)));
            if (counts.made().get(z) > 0) {
                made.add(0, z);
            }
        }
        levels = made;
        long total = counts.made().values().stream().mapToLong(Long::longValue).sum();
        // From the source, the new top zoom's tiles become the copy; from the copy, it stays where it is. Its inputs
        // are taken now: the checksum of a file uploaded during the parse is known only now.
        // A raster across the antimeridian has its top zoom in two pieces, which make no one raster: no copy then.
        boolean acrossAntimeridian = top.single() == null;
        if (layer.storeReprojected() && inputs != null && acrossAntimeridian) {
            dropped.add("The raster lies across the antimeridian: its reprojected copy is not kept.");
        }
        ReprojectedCopies.Copy newCopy = layer.storeReprojected() && inputs != null && !acrossAntimeridian
                && counts.made().get(top.z()) > 0 ? new ReprojectedCopies.Copy(top.z(), plan.sourcePixelSize(),
                retry.run(() -> inputsOf(new MosaicFiles(dataSource).find(layer.id()))),
                ReprojectedCopies.Storage.TILES) : null;
        if (newCopy != null) {
            dropped.add("The tiles of zoom " + top.z() + " are kept as the reprojected raster.");
        }
        // One store for these lines: the final transaction follows at once and stores the whole log again.
        say(dropped, ParseStatus.DROPPING_EMPTY_TILES);
        lastMessage = total == 0
                ? ParseResult.NO_TILES_WARNING
                : String.format(Locale.ROOT, "Made %s in %.1f s (%.0f tiles/s).", Counted.of(total, "tile"), seconds,
                total / Math.max(seconds, 1e-3));
        log.add(lastMessage);
        log.add(total == 0 ? "Finished parsing raster, without tiles" : "Successfully finished parsing raster");
        timings.time(ParseTimings.Phase.COMMIT, () -> store(meta, bands, c -> {
            if (fromCopy != null) {
                copies.keepAside(c, layer.id(), fromCopy, top.z());
            } else if (newCopy != null) {
                copies.recordTiles(c, layer.id(), newCopy);
            } else {
                copies.delete(c, layer.id());
            }
        }, c -> {
            if (attached) {
                runs.keepTiles(c, layer.id(), parseId);
            } else {
                runs.swapTiles(c, layer.id(), parseId);
            }
        }));
        if (fromCopy == null) {
            retry.run(() -> {
                copies.recorded(layer, newCopy != null);
                return null;
            });
        }
        timings.wall(System.nanoTime() - runStarted);
        listener.timings(timings);
        listener.phase(ParseStatus.FINISHED);
        listener.progress(1, total, 0);
        return counts.made();
    }

    /** The bands' statistics, known once the tiles have read the source. */
    @FunctionalInterface
    private interface BandsAfterTiles {
        List<BandMetadata> get() throws IOException, SQLException, ParseCancelledException;
    }

    /** Work on the final transaction's connection. */
    @FunctionalInterface
    private interface InTransaction {
        void run(java.sql.Connection c) throws SQLException;
    }

    /** Tells what the parse is about to make and what it costs; asks before going on when something looks wrong. */
    private void preflight(Plan plan, int minZoom) throws SQLException, ParseCancelledException {
        Preflight preflight = Preflight.of(layer, plan.parts(), plan.zoom(), plan.sourcePixelSize(), minZoom,
                ParseRates.measured(dataSource));
        say(preflight.lines(), null);
        if (preflight.asks() && !listener.confirm(preflight)) {
            throw new ParseCancelledException(preflight.warnings().get(0));
        }
    }

    /**
     * Metadata, statistics, status and the tile swap: one transaction, so that the layer changes at once.
     *
     * @param swap gives the run's tiles to the layer, last in the transaction
     */
    private void store(LayerMetadata meta, List<BandMetadata> bands, InTransaction copy, InTransaction swap)
            throws SQLException {
        try {
            retry.run(() -> Transactions.inTransaction(dataSource, "storing the parsed layer " + layer.id(), c -> {
                metadata.save(c, meta);
                metadata.replaceBands(c, layer.id(), bands);
                if (palettes != null) {
                    new LayerDisplayRepository(dataSource).replacePalettes(c, layer.id(), palettes);
                }
                statuses.save(c, new LayerParseStatus(layer.id(), ParseStatus.FINISHED, log.text(), levels));
                copy.run(c);
                alsoInSwap.run(c);
                swap.run(c);
                return null;
            }));
        } catch (DataAccessException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
    }

    private static void checkCancel(BooleanSupplier cancelled) throws ParseCancelledException {
        if (cancelled.getAsBoolean()) {
            throw new ParseCancelledException();
        }
    }

    static SourceProjection project(RasterInfo info) throws IOException {
        try {
            return new SourceProjection(info, info.crs());
        } catch (org.opengis.util.FactoryException e) {
            throw new IOException("The raster's coordinate reference system cannot be transformed to web mercator: "
                    + e.getMessage(), e);
        }
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
