package org.rasterdesk.parse;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.db.DataAccessException;
import org.rasterdesk.db.Transactions;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerDisplayRepository;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.Reduction;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;

/**
 * A parse split into units that any worker can run, in any order and more than once: the plan (metadata,
 * statistics, max zoom, blocks of max-zoom tile rows), each block, and the finish (the lower zooms from the
 * blocks' tiles, then the atomic swap). Each unit reuses the local parse's steps; a block is written as an
 * attempt of its own, so that a block a dead worker left half written is discarded and redone, and no tile is
 * lost or stored twice. Where the units run (JobRunr's workers) is not this class's business.
 */
public final class WorkerParse implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkerParse.class.getName());
    /** Tiles per block by default: a few seconds of one worker's time at the rates measured here. */
    public static final int DEFAULT_BLOCK_TILES = 256;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** A planned parse: its id and its blocks, to be run as jobs. */
    public record Planned(long parseId, int blocks) {
    }

    private final DataSource dataSource;
    private final String worker;
    private final RasterLayerRepository layers;
    private final ParseStatusRepository statuses;
    private final ParseRuns runs;
    /**
     * The sources of the last parses (or mosaic files) this worker ran blocks of, by parse and file: blocks of one
     * parse, or of one file, fetch it once.
     */
    private final Map<String, Held> sources = new LinkedHashMap<>();
    private final List<Held> retired = new ArrayList<>();

    /** Fetched sources and the blocks using them: let go once no block uses them and newer ones are kept. */
    private static final class Held {
        final LayerSources sources;
        int users;
        boolean retired;

        Held(LayerSources sources) {
            this.sources = sources;
        }
    }

    /** @param worker how the log names this worker: host and process */
    public WorkerParse(DataSource dataSource, String worker) {
        this.dataSource = dataSource;
        this.worker = worker;
        this.layers = new RasterLayerRepository(dataSource);
        this.statuses = new ParseStatusRepository(dataSource);
        this.runs = new ParseRuns(dataSource);
    }

    /** This process as the log names it: {@code host:pid}. */
    public static String thisProcess() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** Rides out a database restart as a local parse does; a worker's job is retried by JobRunr beyond that. */
    static org.rasterdesk.db.DatabaseRetry patientRetry(DataSource dataSource) {
        return new org.rasterdesk.db.DatabaseRetry(dataSource, org.rasterdesk.db.DatabaseRetry.configuredPatience(),
                new org.rasterdesk.db.DatabaseRetry.Listener() {
                    @Override
                    public void unavailable(String reason, java.time.Duration patience) {
                        LOG.info("The database is unavailable (" + reason + "); retrying");
                    }

                    @Override
                    public void back(java.time.Duration after) {
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
     * {@link #stageAddition} and become the mosaic's parts at the swap. When the mosaic's tiles are what a parse of
     * it with the added files would keep outside them ({@link MosaicAddition}), each added file is a job that makes
     * the max-zoom tiles it touches from the whole mosaic (a large file cut into blocks of rows), the finish makes
     * their ancestors, and only those tiles are swapped; otherwise the whole mosaic is parsed again.
     *
     * @param addedAfter the number of files the mosaic had before the addition, or null for a parse of the layer
     */
    public Optional<Planned> plan(long parseId, int layerId, ParseOptions options, int blockTiles,
                                  boolean stopOnWarning, Integer addedAfter) throws SQLException {
        Optional<Queued> stored = queued(parseId);
        if (stored.isPresent()) {
            return stored.get().state().equals("blocks")
                    ? Optional.of(new Planned(parseId, blocks(parseId))) : Optional.empty();
        }
        if (!runs.take(parseId)) {
            LOG.info("Parse " + parseId + " of layer " + layerId + " ended before a worker took it");
            return Optional.empty();
        }
        RasterLayer layer = layers.find(layerId).orElseThrow(() -> new SQLException("There is no layer " + layerId));
        // The lock is held while the plan is made and stored: from then on the stored plan tells local parses no.
        try (LayerLock lock = LayerLock.tryAcquire(dataSource, layerId)) {
            Optional<Long> active = new WorkerParseState(dataSource).active(layerId);
            if (lock == null || active.isPresent()) {
                statuses.log(layerId, "Worker " + worker + " refused to parse layer " + layerId + " on workers: "
                        + (lock == null ? "a local parse of it is running"
                        : "workers are parsing it already (parse " + active.get() + ")")
                        + ". Queue it again once that parse has ended.");
                // The run ends at once as refused: whoever follows this parse learns that it will not happen.
                runs.discard(parseId, "refused");
                return Optional.empty();
            }
            return planLocked(layer, parseId, options, blockTiles, stopOnWarning, addedAfter);
        }
    }

    /** Files staged for an addition on workers, and the run of the parse that adds them. */
    public record StagedAddition(long parseId, int filesBefore) {
    }

    /**
     * Stores files to be added to a mosaic layer by workers (as files being added, not yet its parts) and makes the
     * run of the parse that adds them, to be queued with {@code filesBefore}. Refused while the layer is parsed, here
     * or on workers: the files staged for that parse would be lost.
     */
    public static StagedAddition stageAddition(DataSource dataSource, int layerId, List<java.nio.file.Path> files)
            throws SQLException, IOException {
        MosaicFiles mosaics = new MosaicFiles(dataSource);
        MosaicFiles.Mosaic mosaic = mosaics.find(layerId).orElseThrow(() -> new IllegalArgumentException("Layer "
                + layerId + " is not a mosaic: files can be added only to a layer made of several files."));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No files to add.");
        }
        // Held while the files are staged and the run made: a local parse, or another addition, waits for it and
        // then sees the queued parse.
        try (LayerLock lock = LayerLock.tryAcquire(dataSource, layerId)) {
            if (lock == null) {
                throw new IllegalStateException("Layer " + layerId + " is being parsed by another client; add the "
                        + "files once it has finished.");
            }
            Optional<Long> other = new WorkerParseState(dataSource).underWay(layerId);
            if (other.isPresent()) {
                throw new IllegalStateException("Workers are parsing layer " + layerId + " (parse " + other.get()
                        + "); add the files once that parse has ended.");
            }
            try {
                mosaics.stageAddition(mosaic, files, () -> false);
            } catch (ParseCancelledException e) {
                throw new IllegalStateException("never cancelled", e);
            }
            try {
                return new StagedAddition(new ParseRuns(dataSource).beginQueued(layerId), mosaic.files().size());
            } catch (SQLException | RuntimeException e) {
                mosaics.dropAdditions(layerId);
                throw e;
            }
        }
    }

    /** An addition staged by {@link #stageAddition} that could not be queued: its run ends, its files go. */
    public static void abandonAddition(DataSource dataSource, int layerId, long parseId) throws SQLException {
        new ParseRuns(dataSource).discard(parseId, "failed");
        new MosaicFiles(dataSource).dropAdditions(layerId);
    }

    /** The files of the queued parse's mosaic: with the staged ones for an addition; empty for one raster. */
    private Optional<MosaicFiles.Mosaic> mosaicOf(int layerId, Integer addedAfter) throws SQLException {
        MosaicFiles mosaics = new MosaicFiles(dataSource);
        return addedAfter != null ? mosaics.findWithAdditions(layerId) : mosaics.find(layerId);
    }

    private Optional<Planned> planLocked(RasterLayer layer, long parseId, ParseOptions options, int blockTiles,
                                         boolean stopOnWarning, Integer addedAfter) throws SQLException {
        int layerId = layer.id();
        LayerParseStatus previous = statuses.find(layerId).orElse(LayerParseStatus.unparsed(layerId));
        ParseLog log = new ParseLog(ParseListener.NONE);
        log.add("Started parsing raster on workers; worker " + worker + " reads its metadata and statistics.");
        statuses.save(new LayerParseStatus(layerId, ParseStatus.DOWNLOADING_FILE, log.text(), previous.tileLevels()));
        try {
            Optional<MosaicFiles.Mosaic> mosaic = mosaicOf(layerId, addedAfter);
            if (addedAfter != null && mosaic.map(m -> m.files().size() <= addedAfter).orElse(true)) {
                throw new IOException("The files to add to the mosaic are no longer stored; add them again.");
            }
            boolean firstWins = mosaic.map(MosaicFiles.Mosaic::firstWins).orElse(false);
            Optional<Resampling> earlier = Optional.empty();
            if (addedAfter != null) {
                statuses.log(layerId, String.format(Locale.ROOT, "Adding %s to the mosaic of %s on workers: %s.",
                        Counted.of(mosaic.get().files().size() - addedAfter, "file"), Counted.of(addedAfter, "file"),
                        String.join(", ", mosaic.get().files().subList(addedAfter, mosaic.get().files().size())
                                .stream().map(org.rasterdesk.source.StoredFile::name).toList())));
                earlier = layer.datatype().isDiscrete() ? Optional.empty()
                        : new MosaicFiles(dataSource).resampling(layerId).map(Resampling::valueOf);
                if (earlier.isPresent() && options.resampling() == null) {
                    // The tiles of the added files are resampled as the mosaic's others were.
                    options = new ParseOptions(earlier.get());
                }
            }
            try (LayerSources fetched = LayerSources.fetch(dataSource, layer, mosaic, FetchListener.NONE, () -> false);
                 SourceParts opened = SourceParts.open(fetched.files(), layer.srid(),
                         ParseRun.parseNodata(layer.nodata()))) {
                SourcePlan.Prior prior = null;
                if (addedAfter != null && BandStatistics.tallied(opened.readers().get(0).info().pixelType(),
                        opened.readers().get(0).info().bandCount())) {
                    prior = MosaicTally.prior(dataSource, layer, firstWins, opened.readers().get(0).info(),
                            addedAfter);
                    statuses.log(layerId, MosaicTally.priorLine(prior != null));
                }
                SourcePlan plan = SourcePlan.analyse(layer, opened, fetched.files(), firstWins, () -> false,
                        line -> statuses.log(layerId, line, ParseStatus.REPROJECTING_RASTER, null), null, prior);
                statuses.log(layerId, plan.zoom().explanation());
                TileCover cover = SourcePart.tilesCovering(plan.zoom().zoom(), plan.parts());
                // The blocks cut the cover's rows; each block takes the cover's pieces of its rows again.
                TileRange top = new TileRange(cover.z(), cover.parts().stream().mapToInt(TileRange::minX).min()
                        .orElseThrow(), cover.minY(), cover.parts().stream().mapToInt(TileRange::maxX).max()
                        .orElseThrow(), cover.maxY());
                int minZoom = layer.buildPyramid() ? 0 : top.z();
                if (addedAfter != null) {
                    Optional<String> whole = new MosaicAddition(dataSource, layerId)
                            .whyWhole(previous.status(), plan, minZoom);
                    if (whole.isEmpty() && earlier.isPresent() && options.resampling() != earlier.get()) {
                        whole = Optional.of("The mosaic's tiles were resampled " + earlier.get().name()
                                .toLowerCase(Locale.ROOT) + ", these " + options.resampling().name()
                                .toLowerCase(Locale.ROOT));
                    }
                    TileCover remade = MosaicUnits.addedCover(plan.parts(), addedAfter, top.z());
                    if (whole.isEmpty() && remade == null) {
                        whole = Optional.of("The added files lie outside web mercator's world");
                    }
                    if (whole.isEmpty()) {
                        return planAddition(layer, parseId, options, blockTiles, plan, mosaic.get(), addedAfter,
                                remade, minZoom);
                    }
                    statuses.log(layerId, whole.get() + ": the whole mosaic is parsed again.");
                }
                Preflight preflight = Preflight.of(layer, plan.parts(), plan.zoom(), plan.pixelSize(), minZoom,
                        ParseRates.measured(dataSource));
                for (String line : preflight.lines()) {
                    statuses.log(layerId, line);
                }
                if (preflight.asks() && stopOnWarning) {
                    runs.discard(parseId, "cancelled");
                    dropStaged(layerId, addedAfter);
                    new WorkerParseState(dataSource).restore(layerId, "Not parsed on workers, as the pre-flight "
                            + "warns: " + preflight.warnings().get(0) + " Queue it again with --yes to parse it "
                            + "anyway; ");
                    return Optional.empty();
                }
                int rows = Math.max(1, Math.min(top.rows(), blockTiles / cover.columns()));
                List<MosaicUnits.Unit> blocks = new ArrayList<>();
                if (plan.parts().size() > 1) {
                    // Each file of a mosaic is its own unit, a large one cut into blocks of its rows.
                    blocks.addAll(MosaicUnits.plan(plan.parts(), top.z(), blockTiles));
                } else {
                    for (int y = top.minY(); y <= top.maxY(); y += rows) {
                        blocks.add(new MosaicUnits.Unit(-1, y, Math.min(top.maxY(), y + rows - 1)));
                    }
                }
                Resampling resampling = options.resamplingFor(layer.datatype());
                String copyInputs = copyInputs(layer, mosaic, cover);
                if (!store(parseId, layer, top, cover.count(), minZoom, resampling, plan, blocks, copyInputs,
                        addedAfter, null)) {
                    LOG.info("The parse of layer " + layerId + " on workers was cancelled while it was planned");
                    if (statuses.status(layerId).isInProgress()) {
                        // The cancel put the layer back before this worker said it started: back again.
                        new WorkerParseState(dataSource).restore(layerId, "Parsing on workers was cancelled; ");
                    }
                    return Optional.empty();
                }
                String units = plan.parts().size() > 1
                        ? String.format(Locale.ROOT, "%s, each of one file (a large file cut into blocks of rows), "
                        + "for the workers, painted where the files overlap", Counted.of(blocks.size(), "job"))
                        : Counted.of(blocks.size(), "block") + " of " + Counted.of(rows, "row") + " for the workers";
                statuses.log(layerId, String.format(Locale.ROOT, "Creating up to %s at zoom %d (%d×%d tiles) "
                                + "in %s, then zooms %d to %d from them, "
                                + "resampling %s.", Counted.of(cover.count(), "tile"), top.z(), cover.columns(),
                                top.rows(), units, minZoom, top.z() - 1, resampling.name().toLowerCase(Locale.ROOT)),
                        ParseStatus.CREATING_TILES, null);
                return Optional.of(new Planned(parseId, blocks.size()));
            }
        } catch (IOException | ParseCancelledException | RuntimeException e) {
            fail(layerId, parseId, e);
            return Optional.empty();
        }
    }

    /**
     * The plan of an addition that re-makes only the tiles the added files touch: a job per added file (a large one
     * cut into blocks of rows), each making the tiles of its file that no added file before it has, warped from the
     * whole mosaic as a local addition warps them.
     */
    private Optional<Planned> planAddition(RasterLayer layer, long parseId, ParseOptions options, int blockTiles,
                                           SourcePlan plan, MosaicFiles.Mosaic mosaic, int addedAfter,
                                           TileCover remade, int minZoom) throws SQLException {
        int layerId = layer.id();
        int z = plan.zoom().zoom();
        List<SourcePart> added = plan.parts().subList(addedAfter, plan.parts().size());
        List<MosaicUnits.Unit> blocks = new ArrayList<>();
        for (MosaicUnits.Unit unit : MosaicUnits.plan(added, z, blockTiles)) {
            blocks.add(new MosaicUnits.Unit(unit.part() + addedAfter, unit.minY(), unit.maxY()));
        }
        TileRange top = new TileRange(z, remade.parts().stream().mapToInt(TileRange::minX).min().orElseThrow(),
                remade.minY(), remade.parts().stream().mapToInt(TileRange::maxX).max().orElseThrow(), remade.maxY());
        // The top zoom stays the layer's reprojected copy, now of every file, as after a local addition.
        Optional<ReprojectedCopies.Copy> copy = layer.storeReprojected()
                ? new ReprojectedCopies(dataSource).find(layerId) : Optional.empty();
        String copyInputs = copy.isPresent() && copy.get().storage() == ReprojectedCopies.Storage.TILES
                && copy.get().zoom() == z
                ? new ReprojectedCopies(dataSource).inputsOf(layer) + ";mosaic=" + mosaic.fingerprint() : null;
        Resampling resampling = options.resamplingFor(layer.datatype());
        if (!store(parseId, layer, top, remade.count(), minZoom, resampling, plan, blocks, copyInputs, addedAfter,
                remade)) {
            LOG.info("The addition to layer " + layerId + " on workers was cancelled while it was planned");
            if (statuses.status(layerId).isInProgress()) {
                new WorkerParseState(dataSource).restore(layerId, "Parsing on workers was cancelled; ");
            }
            return Optional.empty();
        }
        statuses.log(layerId, String.format(Locale.ROOT, "Creating up to %s at zoom %d where the new files lie, over "
                        + "the whole mosaic, in %s, each of one added file (a large one cut into blocks of rows), and "
                        + "building their ancestors at zooms %d to %d, resampling %s.", Counted.of(remade.count(),
                        "tile"), z, Counted.of(blocks.size(), "job"), minZoom, z - 1,
                resampling.name().toLowerCase(Locale.ROOT)), ParseStatus.CREATING_TILES, null);
        return Optional.of(new Planned(parseId, blocks.size()));
    }

    /** Files staged for an addition that will not be made go (a parse of the layer as it is stages none). */
    private void dropStaged(int layerId, Integer addedAfter) throws SQLException {
        if (addedAfter != null) {
            new MosaicFiles(dataSource).dropAdditions(layerId);
        }
    }

    /**
     * What the reprojected copy will depend on, taken as a local parse takes it; null when the layer keeps no copy
     * or the raster lies across the antimeridian (its top zoom in two pieces makes no one raster).
     */
    private String copyInputs(RasterLayer layer, Optional<MosaicFiles.Mosaic> mosaic, TileCover cover)
            throws SQLException {
        if (!layer.storeReprojected()) {
            return null;
        }
        if (cover.single() == null) {
            statuses.log(layer.id(), "The raster lies across the antimeridian: its reprojected copy is not kept.");
            return null;
        }
        return new ReprojectedCopies(dataSource).inputsOf(layer)
                + mosaic.map(m -> ";mosaic=" + m.fingerprint()).orElse("");
    }

    /** @return false when the parse was cancelled while it was planned: nothing is stored then */
    private boolean store(long parseId, RasterLayer layer, TileRange top, long topTiles, int minZoom,
                          Resampling resampling, SourcePlan plan, List<MosaicUnits.Unit> blocks, String copyInputs,
                          Integer addedAfter, TileCover remade) throws SQLException {
        // A mosaic's tally goes in with its tiles, as after a local parse: what a later addition counts onto.
        boolean isMosaic = plan.parts().size() > 1;
        String tallyInputs = isMosaic ? MosaicTally.inputs(layer, new MosaicFiles(dataSource).find(layer.id())
                .map(MosaicFiles.Mosaic::firstWins).orElse(false), plan.parts().size()) : null;
        String tally = isMosaic ? MosaicTally.toText(plan.tally()) : null;
        String meta;
        String bands;
        String palettes;
        try {
            meta = JSON.writeValueAsString(plan.meta());
            bands = JSON.writeValueAsString(plan.bands());
            palettes = JSON.writeValueAsString(plan.palettes());
        } catch (IOException e) {
            throw new SQLException("The layer's metadata cannot be kept for the workers: " + e.getMessage(), e);
        }
        return Transactions.inTransaction(dataSource, "planning the parse of layer " + layer.id(), c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT 1 FROM rasterdesk_parse WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, parseId);
                lock.executeQuery().close();
            }
            if (WorkerParseState.runEnded(c, parseId)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_queuedparse (parse_id, "
                    + "rasterlayer_id, state, zoom, min_zoom, min_x, min_y, max_x, max_y, resampling, tile_nodata, "
                    + "pixel_type, metadata, bands, palettes, copy_inputs, source_pixel_size, top_tiles, added_after, "
                    + "remade_top, tally, tally_inputs) VALUES (?, ?, "
                    + "'blocks', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement block = c.prepareStatement("INSERT INTO rasterdesk_parseblock (parse_id, block, "
                         + "min_y, max_y, part) VALUES (?, ?, ?, ?, ?)")) {
                Double[] nodata = new Double[plan.tileNodata().length];
                for (int b = 0; b < nodata.length; b++) {
                    nodata[b] = plan.tileNodata()[b];
                }
                ps.setLong(1, parseId);
                ps.setInt(2, layer.id());
                ps.setInt(3, top.z());
                ps.setInt(4, minZoom);
                ps.setInt(5, top.minX());
                ps.setInt(6, top.minY());
                ps.setInt(7, top.maxX());
                ps.setInt(8, top.maxY());
                ps.setString(9, resampling.name());
                ps.setArray(10, c.createArrayOf("float8", nodata));
                ps.setString(11, plan.parts().get(0).reader().info().pixelType().name());
                ps.setString(12, meta);
                ps.setString(13, bands);
                ps.setString(14, palettes);
                ps.setString(15, copyInputs);
                ps.setDouble(16, plan.pixelSize());
                ps.setLong(17, topTiles);
                if (addedAfter == null) {
                    ps.setNull(18, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(18, addedAfter);
                }
                ps.setString(19, remade == null ? null : MosaicUnits.toText(remade));
                ps.setString(20, tally);
                ps.setString(21, tallyInputs);
                ps.executeUpdate();
                for (int i = 0; i < blocks.size(); i++) {
                    MosaicUnits.Unit unit = blocks.get(i);
                    block.setLong(1, parseId);
                    block.setInt(2, i);
                    block.setInt(3, unit.minY());
                    block.setInt(4, unit.maxY());
                    if (unit.part() < 0) {
                        block.setNull(5, java.sql.Types.INTEGER);
                    } else {
                        block.setInt(5, unit.part());
                    }
                    block.addBatch();
                }
                block.executeBatch();
            }
            return true;
        });
    }

    /**
     * Makes one block's max-zoom tiles, as pending tiles of an attempt of its own. An earlier attempt that did not
     * finish (its worker died) is discarded first; a block already done is left alone.
     *
     * @return true when every block of the parse is done, so that the finish can run
     */
    public boolean runBlock(long parseId, int block) throws SQLException {
        Queued q = queued(parseId).orElse(null);
        if (q == null || !q.state().equals("blocks")) {
            return false;
        }
        Optional<long[]> claimed = claimBlock(q, block);
        if (claimed.isPresent()) {
            long attempt = claimed.get()[0];
            int minY = (int) claimed.get()[1];
            int maxY = (int) claimed.get()[2];
            int part = (int) claimed.get()[3];
            long started = System.nanoTime();
            try {
                String[] file = {null};
                TileProduction.Counts counts = makeBlock(q, part, minY, maxY, attempt, file);
                if (cancelledMeanwhile(parseId, attempt)) {
                    return false;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long made = counts.made().get(q.top().z());
                if (!completeBlock(q, block, attempt, made, counts.empty().get(q.top().z()), seconds)) {
                    return false;
                }
                statuses.log(q.layerId(), part < 0 ? String.format(Locale.ROOT, "Worker %s made zoom %d rows "
                        + "%d–%d (%s, %.1f s).", worker, q.top().z(), minY, maxY, Counted.of(made, "tile"), seconds)
                        : "Worker " + worker + " made " + file[0] + ".");
            } catch (IOException | ParseCancelledException | RuntimeException e) {
                // A source that no longer reads is not worth retrying on every worker: the parse fails now.
                runs.discard(attempt, "failed");
                failQueued(q, e);
                return false;
            }
        }
        return remainingBlocks(parseId) == 0;
    }

    /**
     * @param part  the mosaic's file the block is of, or -1 for a block of the whole source
     * @param about set to the file's description for the log, for a block of one file
     */
    private TileProduction.Counts makeBlock(Queued q, int part, int minY, int maxY, long attempt, String[] about)
            throws IOException, SQLException, ParseCancelledException {
        RasterLayer layer = layers.find(q.layerId()).orElseThrow(() -> new IOException("The layer was deleted"));
        Optional<MosaicFiles.Mosaic> mosaic = mosaicOf(q.layerId(), q.addedAfter());
        if (q.remadeTop() != null) {
            return makeAddedBlock(q, layer, mosaic.orElseThrow(() -> new IOException("The layer is no longer a "
                    + "mosaic")), part, minY, maxY, attempt, about);
        }
        if (part >= 0) {
            return makeFileBlock(q, layer, mosaic.orElseThrow(() -> new IOException("The layer is no longer a "
                    + "mosaic")), part, minY, maxY, attempt, about);
        }
        Held held = sourcesOf(q.parseId() + "", () -> LayerSources.fetch(dataSource, layer, mosaic,
                FetchListener.NONE, () -> false));
        try (SourceParts opened = SourceParts.open(held.sources.files(), layer.srid(),
                ParseRun.parseNodata(layer.nodata()))) {
            List<SourcePart> parts = opened.project(q.pixelType());
            TileCover cover = SourcePart.tilesCovering(q.top().z(), parts);
            TileCover rows = MosaicUnits.within(cover, minY, maxY);
            if (rows == null) {
                return new TileProduction.Counts(new TreeMap<>(Map.of(q.top().z(), 0L)),
                        new TreeMap<>(Map.of(q.top().z(), 0L)));
            }
            // The block's tiles are warped on every core, as a local parse's are.
            return new TileProduction(dataSource, attempt, ParseListener.NONE, () -> false,
                    patientRetry(dataSource)).run(parts, mosaic.map(MosaicFiles.Mosaic::firstWins).orElse(false),
                    rows, q.top().z(), q.resampling(), reduction(layer), q.tileNodata());
        } finally {
            release(held);
        }
    }

    /**
     * A block of an added file: its tiles that no added file before it has, warped from every file of the mosaic
     * at once, as a local addition makes them (so the tiles are the same, byte for byte).
     */
    private TileProduction.Counts makeAddedBlock(Queued q, RasterLayer layer, MosaicFiles.Mosaic mosaic, int part,
                                                 int minY, int maxY, long attempt, String[] about)
            throws IOException, SQLException, ParseCancelledException {
        int z = q.top().z();
        Held held = sourcesOf(q.parseId() + "", () -> LayerSources.fetch(dataSource, layer, Optional.of(mosaic),
                FetchListener.NONE, () -> false));
        try (SourceParts opened = SourceParts.open(held.sources.files(), layer.srid(),
                ParseRun.parseNodata(layer.nodata()))) {
            List<SourcePart> parts = opened.project(q.pixelType());
            long started = System.nanoTime();
            TileCover tiles = MosaicUnits.addedTiles(parts, q.addedAfter(), part, z, minY, maxY);
            TileProduction.Counts counts = tiles == null
                    ? new TileProduction.Counts(new TreeMap<>(Map.of(z, 0L)), new TreeMap<>(Map.of(z, 0L)))
                    : new TileProduction(dataSource, attempt, ParseListener.NONE, () -> false,
                    patientRetry(dataSource)).run(parts, mosaic.firstWins(), tiles, z, q.resampling(),
                    reduction(layer), q.tileNodata());
            TileCover whole = MosaicUnits.coverOf(parts.get(part), z);
            about[0] = MosaicUnits.describe(part, parts.size(), whole.minY() == minY && whole.maxY() == maxY, minY,
                    maxY, mosaic.files().get(part).name(), counts.made().get(z), (System.nanoTime() - started) / 1e9);
            return counts;
        } finally {
            release(held);
        }
    }

    /** A block of one file of a mosaic: only that file is fetched and warped. */
    private TileProduction.Counts makeFileBlock(Queued q, RasterLayer layer, MosaicFiles.Mosaic mosaic, int part,
                                                int minY, int maxY, long attempt, String[] about)
            throws IOException, SQLException, ParseCancelledException {
        Held held = sourcesOf(q.parseId() + " file " + part, () -> LayerSources.fetchFile(dataSource, mosaic, part));
        try (SourceParts opened = SourceParts.open(held.sources.files(), layer.srid(),
                ParseRun.parseNodata(layer.nodata()))) {
            SourcePart only = opened.project(q.pixelType()).get(0);
            long started = System.nanoTime();
            TileProduction.Counts counts = MosaicUnits.make(new TileProduction(dataSource, attempt,
                    ParseListener.NONE, () -> false, patientRetry(dataSource)), only, q.top().z(), minY, maxY,
                    q.resampling(), reduction(layer), q.tileNodata());
            TileCover whole = MosaicUnits.coverOf(only, q.top().z());
            about[0] = MosaicUnits.describe(part, mosaic.files().size(), whole.minY() == minY
                            && whole.maxY() == maxY, minY, maxY, mosaic.files().get(part).name(),
                    counts.made().get(q.top().z()), (System.nanoTime() - started) / 1e9);
            return counts;
        } finally {
            release(held);
        }
    }

    /** The sources under that key, fetched unless kept; the caller {@link #release}s them after its block. */
    private synchronized Held sourcesOf(String key, Fetch fetch) throws IOException, ParseCancelledException {
        Held cached = sources.get(key);
        if (cached == null) {
            cached = new Held(fetch.get());
            sources.put(key, cached);
            if (sources.size() > 2) {
                // Blocks of an older parse or file may still be reading it on another thread: let it go after them.
                String oldest = sources.keySet().iterator().next();
                Held old = sources.remove(oldest);
                old.retired = true;
                if (old.users == 0) {
                    old.sources.close();
                } else {
                    retired.add(old);
                }
            }
        }
        cached.users++;
        return cached;
    }

    /** Fetches sources. */
    @FunctionalInterface
    private interface Fetch {
        LayerSources get() throws IOException, ParseCancelledException;
    }

    private synchronized void release(Held held) {
        held.users--;
        if (held.retired && held.users == 0) {
            held.sources.close();
            retired.remove(held);
        }
    }

    /** @return {attempt, minY, maxY, part (-1 for none)}, or empty when the block is already done */
    private Optional<long[]> claimBlock(Queued q, int block) throws SQLException {
        long attempt = runs.begin(q.layerId(), true);
        Long[] previous = {null};
        Optional<long[]> claimed;
        try {
            claimed = claim(q, block, attempt, previous);
        } catch (SQLException | RuntimeException e) {
            // The attempt was never the block's: it ends here, not left unfinished for ever.
            runs.discard(attempt, "failed");
            throw e;
        }
        if (claimed.isEmpty()) {
            runs.discard(attempt, "unneeded");
        } else if (previous[0] != null) {
            runs.discard(previous[0], "interrupted");
            statuses.log(q.layerId(), "Worker " + worker + " discards the unfinished tiles of block " + block
                    + " (rows " + claimed.get()[1] + "–" + claimed.get()[2] + ") left by an earlier attempt and "
                    + "makes them again.");
        }
        return claimed;
    }

    private Optional<long[]> claim(Queued q, int block, long attempt, Long[] previous) throws SQLException {
        return Transactions.inTransaction(dataSource, "claiming a block", c -> {
            // A cancel or a failure of the parse changes its state under a lock this waits for (and holds off):
            // either this claim is seen and its attempt discarded by them, or the block is not claimed.
            try (PreparedStatement state = c.prepareStatement("SELECT state FROM rasterdesk_queuedparse "
                    + "WHERE parse_id = ? FOR SHARE")) {
                state.setLong(1, q.parseId());
                try (ResultSet rs = state.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals("blocks")) {
                        return Optional.<long[]>empty();
                    }
                }
            }
            try (PreparedStatement select = c.prepareStatement("SELECT attempt, done, min_y, max_y, "
                    + "coalesce(part, -1) FROM rasterdesk_parseblock WHERE parse_id = ? AND block = ? FOR UPDATE");
                 PreparedStatement update = c.prepareStatement("UPDATE rasterdesk_parseblock SET attempt = ?, "
                         + "worker = ? WHERE parse_id = ? AND block = ?")) {
                select.setLong(1, q.parseId());
                select.setInt(2, block);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(2)) {
                        return Optional.empty();
                    }
                    long old = rs.getLong(1);
                    previous[0] = rs.wasNull() ? null : old;
                    long[] result = {attempt, rs.getInt(3), rs.getInt(4), rs.getInt(5)};
                    update.setLong(1, attempt);
                    update.setString(2, worker);
                    update.setLong(3, q.parseId());
                    update.setInt(4, block);
                    update.executeUpdate();
                    return Optional.of(result);
                }
            }
        });
    }

    /** A cancel while the block was made found its attempt unfinished: what it wrote since then goes too. */
    private boolean cancelledMeanwhile(long parseId, long attempt) throws SQLException {
        if (queued(parseId).map(q -> q.state().equals("blocks")).orElse(false)) {
            return false;
        }
        runs.discard(attempt, "cancelled");
        return true;
    }

    /**
     * @return false when the parse was cancelled or failed since {@link #cancelledMeanwhile}, or another attempt took
     *         the block over meanwhile (this one's tiles are then discarded)
     */
    private boolean completeBlock(Queued q, int block, long attempt, long made, long empty, double seconds)
            throws SQLException {
        int updated = Transactions.inTransaction(dataSource, "completing a block", c -> {
            // The parse's state under a share lock that a cancel's change of it waits for: a cancel either sees this
            // block done (and discards its tiles with the others') or is seen here. Without it a cancel between the
            // look above and this update left a block done, and logged as made, after the cancel. The block's row
            // first: a completion waiting for it must not hold a cancel up.
            try (PreparedStatement row = c.prepareStatement("SELECT 1 FROM rasterdesk_parseblock WHERE parse_id = ? "
                    + "AND block = ? AND attempt = ? AND NOT done FOR UPDATE");
                 PreparedStatement state = c.prepareStatement("SELECT state FROM rasterdesk_queuedparse "
                         + "WHERE parse_id = ? FOR SHARE");
                 PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_parseblock SET done = true, "
                         + "tiles = ?, empty = ?, seconds = ? WHERE parse_id = ? AND block = ? AND attempt = ? "
                         + "AND NOT done")) {
                row.setLong(1, q.parseId());
                row.setInt(2, block);
                row.setLong(3, attempt);
                try (ResultSet rs = row.executeQuery()) {
                    if (!rs.next()) {
                        return 0;
                    }
                }
                state.setLong(1, q.parseId());
                try (ResultSet rs = state.executeQuery()) {
                    if (!rs.next() || !rs.getString(1).equals("blocks")) {
                        return -1;
                    }
                }
                ps.setLong(1, made);
                ps.setLong(2, empty);
                ps.setDouble(3, seconds);
                ps.setLong(4, q.parseId());
                ps.setInt(5, block);
                ps.setLong(6, attempt);
                return ps.executeUpdate();
            }
        });
        if (updated < 0) {
            runs.discard(attempt, "cancelled");
            return false;
        }
        if (updated == 0) {
            runs.discard(attempt, "superseded");
            return false;
        }
        return true;
    }

    private int blocks(long parseId) throws SQLException {
        return countBlocks(parseId, "");
    }

    private int remainingBlocks(long parseId) throws SQLException {
        return countBlocks(parseId, " AND NOT done");
    }

    private int countBlocks(long parseId, String which) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM rasterdesk_parseblock WHERE parse_id = ?" + which)) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The last unit: builds the lower zooms from the blocks' tiles, then gives the layer its new tiles, metadata,
     * statistics and status in one transaction, as a local parse does. Running it again after it finished does
     * nothing.
     */
    public void finish(long parseId) throws SQLException {
        Queued q = queued(parseId).orElse(null);
        if (q == null || !q.state().equals("blocks") || remainingBlocks(parseId) > 0) {
            return;
        }
        RasterLayer layer = layers.find(q.layerId()).orElseThrow(() -> new SQLException("The layer was deleted"));
        long attempt = runs.begin(q.layerId(), true);
        Long previous = Transactions.inTransaction(dataSource, "claiming the pyramid", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT pyramid_attempt FROM rasterdesk_queuedparse "
                    + "WHERE parse_id = ? FOR UPDATE");
                 PreparedStatement update = c.prepareStatement("UPDATE rasterdesk_queuedparse SET pyramid_attempt = ? "
                         + "WHERE parse_id = ?")) {
                select.setLong(1, parseId);
                Long old;
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    old = rs.wasNull() ? null : v;
                }
                update.setLong(1, attempt);
                update.setLong(2, parseId);
                update.executeUpdate();
                return old;
            }
        });
        if (previous != null) {
            runs.discard(previous, "interrupted");
        }
        int top = q.top().z();
        SortedMap<Integer, Long> made = new TreeMap<>();
        SortedMap<Integer, Long> empty = new TreeMap<>();
        List<Long> blockRuns = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        boolean painted = false;
        Optional<MosaicFiles.Mosaic> mosaic = mosaicOf(q.layerId(), q.addedAfter());
        int files = mosaic.map(m -> m.files().size()).orElse(1);
        boolean firstWins = mosaic.map(MosaicFiles.Mosaic::firstWins).orElse(false);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT attempt, tiles, empty, part FROM rasterdesk_parseblock "
                     + "WHERE parse_id = ? AND done")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blockRuns.add(rs.getLong(1));
                    made.merge(top, rs.getLong(2), Long::sum);
                    empty.merge(top, rs.getLong(3), Long::sum);
                    int part = rs.getInt(4);
                    // The blocks of one file (or of one raster) never make a tile twice; files are painted in order.
                    if (rs.wasNull()) {
                        ranks.add(0);
                    } else {
                        painted = true;
                        ranks.add(PendingPyramid.TopRuns.rank(part, files, firstWins));
                    }
                }
            }
        }
        long started = System.nanoTime();
        if (q.remadeTop() != null) {
            finishAddition(q, layer, made, empty, blockRuns, attempt, started);
            return;
        }
        if (q.minZoom() < top || painted) {
            PendingPyramid.TopRuns base = new PendingPyramid.TopRuns(blockRuns.toArray(Long[]::new),
                    ranks.toArray(Integer[]::new));
            TileProduction.Counts lower = new PendingPyramid(dataSource).build(base, top, q.minZoom(),
                    reduction(layer), q.pixelType(), q.tileNodata(), attempt);
            made.putAll(lower.made());
            empty.putAll(lower.empty());
            if (q.topTiles() > 0) {
                empty.put(top, q.topTiles() - made.get(top));
            }
            long tiles = lower.made().entrySet().stream().filter(e -> e.getKey() < top)
                    .mapToLong(Map.Entry::getValue).sum();
            statuses.log(q.layerId(), String.format(Locale.ROOT, "Worker %s made %szooms %d–%d from zoom %d (%s, "
                    + "%.1f s).", worker, painted ? "zoom " + top + " of the files where they overlap, and " : "",
                    q.minZoom(), top - 1, top, Counted.of(tiles, "tile"), (System.nanoTime() - started) / 1e9));
        }
        swap(q, layer, made, empty, blockRuns, attempt, painted);
    }

    /**
     * The finish of an addition that re-made only the tiles the added files touch: their ancestors from them and the
     * layer's other tiles, then those tiles alone are swapped.
     */
    private void finishAddition(Queued q, RasterLayer layer, SortedMap<Integer, Long> made,
                                SortedMap<Integer, Long> empty, List<Long> blockRuns, long attempt, long started)
            throws SQLException {
        int top = q.top().z();
        made.putIfAbsent(top, 0L);
        empty.putIfAbsent(top, 0L);
        AncestorTiles.Result lower;
        try {
            lower = new AncestorTiles(dataSource, q.layerId(), attempt, blockRuns.toArray(Long[]::new),
                    patientRetry(dataSource)).build(q.remadeTop(), q.minZoom(), reduction(layer), q.pixelType(),
                    q.tileNodata(), () -> false);
        } catch (ParseCancelledException e) {
            throw new IllegalStateException("never cancelled", e);
        }
        made.putAll(lower.made());
        empty.putAll(lower.empty());
        if (q.minZoom() < top) {
            long tiles = lower.made().values().stream().mapToLong(Long::longValue).sum();
            statuses.log(q.layerId(), String.format(Locale.ROOT, "Worker %s made zooms %d–%d above the added "
                    + "files' tiles (%s, %.1f s).", worker, q.minZoom(), top - 1, Counted.of(tiles, "tile"),
                    (System.nanoTime() - started) / 1e9));
        }
        statuses.log(q.layerId(), "Dropping empty tiles.", ParseStatus.DROPPING_EMPTY_TILES, null);
        java.util.SortedSet<Integer> levels = new java.util.TreeSet<>(statuses.find(q.layerId())
                .map(LayerParseStatus::tileLevels).orElse(List.of()));
        for (int z = top; z >= q.minZoom(); z--) {
            statuses.log(q.layerId(), String.format(Locale.ROOT, "Zoom %d: %s re-made, %d empty dropped.", z,
                    Counted.of(made.getOrDefault(z, 0L), "tile"), empty.getOrDefault(z, 0L)));
            if (made.getOrDefault(z, 0L) > 0) {
                levels.add(z);
            }
        }
        long remade = made.values().stream().mapToLong(Long::longValue).sum();
        long total = runs.tilesAfterSwap(q.layerId(), lower.remade(), remade);
        int addedFiles = mosaicOf(q.layerId(), q.addedAfter()).map(m -> m.files().size()).orElse(0) - q.addedAfter();
        statuses.log(q.layerId(), String.format(Locale.ROOT, "Added %s on workers: %s re-made of %,d.",
                Counted.of(addedFiles, "file"), Counted.grouped(remade, "tile"), total));
        statuses.log(q.layerId(), "Successfully finished parsing raster");
        ReprojectedCopies.Copy copy = q.copyInputs() != null ? new ReprojectedCopies.Copy(top, q.sourcePixelSize(),
                q.copyInputs(), ReprojectedCopies.Storage.TILES) : null;
        List<Long> all = new ArrayList<>(blockRuns);
        all.add(attempt);
        all.add(q.parseId());
        commit(q, List.copyOf(levels), copy, c -> runs.swapTiles(c, q.layerId(), all.toArray(Long[]::new),
                lower.remade()));
    }

    /** @param painted whether the pyramid's run painted over tiles of the blocks' runs (files that overlap) */
    private void swap(Queued q, RasterLayer layer, SortedMap<Integer, Long> made, SortedMap<Integer, Long> empty,
                      List<Long> blockRuns, long pyramidRun, boolean painted) throws SQLException {
        statuses.log(q.layerId(), "Dropping empty tiles.", ParseStatus.DROPPING_EMPTY_TILES, null);
        List<Integer> levels = new ArrayList<>();
        for (int z = q.top().z(); z >= q.minZoom(); z--) {
            statuses.log(q.layerId(), String.format(Locale.ROOT, "Zoom %d: %s, %d empty dropped.", z,
                    Counted.of(made.getOrDefault(z, 0L), "tile"), empty.getOrDefault(z, 0L)));
            if (made.getOrDefault(z, 0L) > 0) {
                levels.add(0, z);
            }
        }
        long total = made.values().stream().mapToLong(Long::longValue).sum();
        ReprojectedCopies.Copy copy = q.copyInputs() != null && made.getOrDefault(q.top().z(), 0L) > 0
                ? new ReprojectedCopies.Copy(q.top().z(), q.sourcePixelSize(), q.copyInputs(),
                ReprojectedCopies.Storage.TILES) : null;
        if (copy != null) {
            statuses.log(q.layerId(), "The tiles of zoom " + q.top().z() + " are kept as the reprojected raster.");
        }
        statuses.log(q.layerId(), total == 0 ? "The raster has no data pixels: no tiles were made."
                : "Made " + Counted.of(total, "tile") + " on workers.");
        statuses.log(q.layerId(), "Successfully finished parsing raster");
        List<Long> all = new ArrayList<>(blockRuns);
        all.add(pyramidRun);
        all.add(q.parseId());
        commit(q, levels, copy, c -> {
            if (painted) {
                runs.dropPaintedOver(c, blockRuns.toArray(Long[]::new), pyramidRun, q.top().z());
            }
            runs.swapTiles(c, q.layerId(), all.toArray(Long[]::new));
        });
        new ReprojectedCopies(dataSource).recorded(layer, copy != null);
    }

    /** The swap's last step on its transaction's connection: the new tiles become the layer's. */
    @FunctionalInterface
    private interface Swap {
        void run(Connection c) throws SQLException;
    }

    /**
     * Gives the layer its new metadata, statistics, status and tiles in one transaction, as a local parse does; a
     * mosaic's tally, resampling and added files go in with them. Nothing happens when the parse ended meanwhile.
     *
     * @param copy the reprojected copy the new top zoom is, or null to drop an earlier one
     */
    private void commit(Queued q, List<Integer> levels, ReprojectedCopies.Copy copy, Swap swap)
            throws SQLException {
        LayerMetadata meta;
        List<BandMetadata> bands;
        Map<Integer, Map<Integer, Integer>> palettes;
        try {
            meta = JSON.readValue(q.metadata(), LayerMetadata.class);
            bands = JSON.readValue(q.bands(), new TypeReference<List<BandMetadata>>() { });
            palettes = JSON.readValue(q.palettes(), new TypeReference<Map<Integer, Map<Integer, Integer>>>() { });
        } catch (IOException e) {
            throw new SQLException("The parse's kept metadata cannot be read: " + e.getMessage(), e);
        }
        String log = statuses.find(q.layerId()).map(LayerParseStatus::log).orElse("");
        LayerMetadataRepository metadata = new LayerMetadataRepository(dataSource);
        ReprojectedCopies copies = new ReprojectedCopies(dataSource);
        try {
            Transactions.inTransaction(dataSource, "storing the parsed layer " + q.layerId(), c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_queuedparse SET state = 'finished' "
                        + "WHERE parse_id = ? AND state = 'blocks'")) {
                    ps.setLong(1, q.parseId());
                    if (ps.executeUpdate() == 0) {
                        return null;
                    }
                }
                metadata.save(c, meta);
                metadata.replaceBands(c, q.layerId(), bands);
                new LayerDisplayRepository(dataSource).replacePalettes(c, q.layerId(), palettes);
                statuses.save(c, new LayerParseStatus(q.layerId(), ParseStatus.FINISHED, log, levels));
                // The new top zoom is the copy, as after a local parse from the source; else an earlier copy goes,
                // as it no longer matches the tiles.
                if (copy != null) {
                    copies.recordTiles(c, q.layerId(), copy);
                } else {
                    copies.delete(c, q.layerId());
                }
                if (q.addedAfter() != null) {
                    MosaicFiles.commitAdditions(c, q.layerId());
                }
                if (q.tallyInputs() != null) {
                    MosaicTally.replace(c, q.layerId(), q.tallyInputs(), MosaicTally.fromText(q.tally()));
                    MosaicFiles.recordResampling(c, q.layerId(), q.resampling().name());
                }
                swap.run(c);
                return null;
            });
        } catch (DataAccessException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
    }

    private static Reduction reduction(RasterLayer layer) {
        return layer.datatype().isDiscrete() ? Reduction.MODE : Reduction.AVERAGE;
    }

    /** What a parse's first unit kept for the others. */
    private record Queued(long parseId, int layerId, String state, TileRange top, int minZoom,
                          Resampling resampling, double[] tileNodata, PixelType pixelType, String metadata,
                          String bands, String palettes, String copyInputs, double sourcePixelSize,
                          long topTiles, Integer addedAfter, TileCover remadeTop, String tally, String tallyInputs) {
    }

    private Optional<Queued> queued(long parseId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT rasterlayer_id, state, zoom, min_zoom, min_x, min_y, "
                     + "max_x, max_y, resampling, tile_nodata, pixel_type, metadata, bands, palettes, copy_inputs, "
                     + "coalesce(source_pixel_size, 0), coalesce(top_tiles, 0), added_after, remade_top, tally, "
                     + "tally_inputs "
                     + "FROM rasterdesk_queuedparse "
                     + "WHERE parse_id = ?")) {
            ps.setLong(1, parseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Double[] nodata = (Double[]) rs.getArray(10).getArray();
                double[] tileNodata = new double[nodata.length];
                for (int b = 0; b < nodata.length; b++) {
                    tileNodata[b] = nodata[b];
                }
                return Optional.of(new Queued(parseId, rs.getInt(1), rs.getString(2), new TileRange(rs.getInt(3),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8)), rs.getInt(4),
                        Resampling.valueOf(rs.getString(9)), tileNodata, PixelType.valueOf(rs.getString(11)),
                        rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getDouble(16),
                        rs.getLong(17), (Integer) rs.getObject(18), rs.getString(19) == null ? null
                        : MosaicUnits.fromText(rs.getInt(3), rs.getString(19)), rs.getString(20), rs.getString(21)));
            }
        }
    }

    private void failQueued(Queued q, Exception e) throws SQLException {
        dropStaged(q.layerId(), q.addedAfter());
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_queuedparse SET state = 'failed' "
                     + "WHERE parse_id = ? AND state = 'blocks'")) {
            ps.setLong(1, q.parseId());
            if (ps.executeUpdate() == 0) {
                return;
            }
        }
        fail(q.layerId(), q.parseId(), e);
        // The blocks already written are dropped with the parse.
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT attempt FROM rasterdesk_parseblock WHERE parse_id = ? "
                     + "AND attempt IS NOT NULL")) {
            ps.setLong(1, q.parseId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.discard(rs.getLong(1), "failed");
                }
            }
        }
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
        if (queued(parseId).isPresent()) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE rasterdesk_queuedparse SET state = 'failed' "
                         + "WHERE parse_id = ? AND state = 'blocks' RETURNING rasterlayer_id")) {
                ps.setLong(1, parseId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                    layer = rs.getInt(1);
                }
            }
            List<Long> attempts;
            try (Connection c = dataSource.getConnection()) {
                attempts = WorkerParseState.attempts(c, parseId);
            }
            for (long attempt : attempts) {
                runs.discard(attempt, "failed");
            }
        } else {
            if (!new WorkerParseState(dataSource).unfinished(parseId)) {
                return;
            }
            layer = layerId;
        }
        runs.discard(parseId, "failed");
        new MosaicFiles(dataSource).dropAdditions(layer);
        String why = reason == null || reason.isBlank() ? "." : ", the last time with: "
                + ParseErrors.sentence(new Exception(reason));
        statuses.log(layer, "Parsing failed on workers: " + unit + " failed on every try" + why
                + " The previous tiles are kept.", ParseStatus.FAILED, null);
    }

    /** "block 3 (rows 40–47)", for the log, or "block 3" when the parse has no such block (any more). */
    public String describeBlock(long parseId, int block) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT min_y, max_y, part FROM rasterdesk_parseblock "
                     + "WHERE parse_id = ? AND block = ?")) {
            ps.setLong(1, parseId);
            ps.setInt(2, block);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "block " + block;
                }
                int part = rs.getInt(3);
                return "block " + block + " (" + (rs.wasNull() ? "" : "file " + (part + 1) + ", ") + "rows "
                        + rs.getInt(1) + "–" + rs.getInt(2) + ")";
            }
        }
    }

    private void fail(int layerId, long parseId, Exception e) throws SQLException {
        LOG.log(Level.INFO, "Parse of layer " + layerId + " on workers failed", e);
        runs.discard(parseId, "failed");
        // This parse is the layer's only one (others are refused meanwhile): files it staged to add go with it.
        new MosaicFiles(dataSource).dropAdditions(layerId);
        statuses.log(layerId, "Parsing failed on worker " + worker + ": " + ParseErrors.sentence(e)
                + " The previous tiles are kept.", ParseStatus.FAILED, null);
    }

    @Override
    public synchronized void close() {
        sources.values().forEach(h -> h.sources.close());
        retired.forEach(h -> h.sources.close());
        sources.clear();
        retired.clear();
    }
}
