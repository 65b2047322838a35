package org.rasterdesk.cli;

import java.io.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.Counted;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParseTimings;
import org.rasterdesk.parse.Preflight;
import org.rasterdesk.parse.RasterProbe;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.raster.RasterOverrides;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.work.JobQueue;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates a layer from a raster file and parses it, or re-parses an existing layer, printing the log live. */
@Command(name = "parse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a layer from a raster file and parse it into tiles, or re-parse a layer.",
                "Exits 0 when the parse finished, 1 when it failed."})
final class ParseCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption db;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--layer", paramLabel = "ID", description = "Re-parse this existing layer (or, with --add, "
                + "add files to this mosaic layer).")
        Integer layerId;

        @ArgGroup(exclusive = false)
        NewLayer newLayer;
    }

    static final class NewLayer {
        @Option(names = "--name", required = true, description = "Name of the new layer.")
        String name;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "The raster: a GeoTIFF (or a zip holding "
                + "one), or an http(s):// or s3://BUCKET/KEY URL. Several files or URLs, a folder of GeoTIFFs, or a zip "
                + "of several rasters make one mosaic layer.")
        List<String> sources;

        @Option(names = "--first-wins", description = "In a mosaic, the earlier file wins where files overlap "
                + "(default: the later one).")
        boolean firstWins;

        @Option(names = "--keep-path", description = "Keep only the file's path instead of storing its bytes in the "
                + "database (for very large files on a disk every client shares).")
        boolean keepPath;

        @Option(names = "--datatype", defaultValue = "co", paramLabel = "co|ca|ma|ro",
                description = "continuous, categorical, mask or rank ordered (default: ${DEFAULT-VALUE}).")
        String datatype;

        @Option(names = "--srid", description = "EPSG code that overrides the file's CRS.")
        Integer srid;

        @Option(names = "--nodata", description = "Nodata value that overrides every band's own.")
        String nodata;

        @Option(names = "--max-zoom", paramLabel = "Z", description = "Highest zoom level (default: from the "
                + "raster's resolution).")
        Integer maxZoom;

        @Option(names = "--next-lower", description = "Snap to the next lower zoom level instead of the next higher.")
        boolean nextLower;

        @Option(names = "--no-pyramid", description = "Only make tiles at max zoom.")
        boolean noPyramid;

        @Option(names = "--no-store-reprojected", description = "Do not keep the reprojected raster.")
        boolean noStoreReprojected;
    }

    @Option(names = "--add", arity = "1..*", paramLabel = "FILE", description = "With --layer: add these rasters "
            + "(files, folders of GeoTIFFs, zips, http(s) or s3 URLs) to the mosaic layer after its files; only the "
            + "tiles they touch are made again. With --queue, workers make them, a job per file.")
    List<String> add;

    @Option(names = "--queue", description = "Queue the parse for workers (rasterdesk worker) and exit at once, "
            + "printing the layer's id.")
    boolean queue;

    @Option(names = "--block-tiles", paramLabel = "N", description = "With --queue: about how many max-zoom tiles "
            + "one job makes (default: ${DEFAULT-VALUE}).")
    int blockTiles = WorkerParse.DEFAULT_BLOCK_TILES;

    @Option(names = "--resampling", paramLabel = "M", description = "nearest, bilinear, cubic or average "
            + "(continuous data only; default bilinear; discrete data always uses nearest).")
    String resampling;

    @Option(names = "--timings", description = "At the end, print where the time went (busy seconds per phase, "
            + "summed over threads) and the peak memory, as one line of key=value figures.")
    boolean timings;

    private final java.util.concurrent.atomic.AtomicReference<ParseTimings> measured =
            new java.util.concurrent.atomic.AtomicReference<>();

    @Option(names = {"-y", "--yes"}, description = "Parse even when the pre-flight warns (a max zoom far finer "
            + "than the raster's resolution asks for, coordinates that cannot be right for the CRS). Without it the "
            + "command asks on the terminal, and does not parse when there is none to ask on (with --queue: the "
            + "worker that plans the parse stops it).")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        int exit = parseLayer();
        if (timings) {
            ParseTimings t = measured.get();
            System.out.println("timings: " + (t == null ? "none" : t.summary()) + " " + MemoryPeaks.summary());
        }
        return exit;
    }

    private int parseLayer() throws Exception {
        ParseOptions options = new ParseOptions(resampling == null ? null
                : Resampling.valueOf(resampling.toUpperCase(Locale.ROOT)));
        try (ConnectedDatabase connected = db.open(); MosaicInput.Fetched fetched = new MosaicInput.Fetched()) {
            RasterLayerRepository layers = new RasterLayerRepository(connected.database().dataSource());
            LayerParseJob job = new LayerParseJob(connected.database().dataSource());
            if (target.layerId != null) {
                RasterLayer layer = layers.find(target.layerId).orElseThrow(() ->
                        new IllegalArgumentException("There is no layer " + target.layerId));
                if (add != null) {
                    if (queue) {
                        return enqueueAddition(connected, layer.id(), options);
                    }
                    return parse(() -> job.add(layer.id(), add, options, printer(), cancelled::get));
                }
                if (queue) {
                    return enqueue(connected, layer.id(), options);
                }
                return parse(() -> job.run(layer.id(), options, printer(), cancelled::get));
            }
            if (add != null) {
                throw new IllegalArgumentException("--add needs the mosaic layer to add to: --layer ID.");
            }
            NewLayer n = target.newLayer;
            List<Path> mosaic = MosaicInput.files(n.sources, fetched);
            if (fetched.any() && n.keepPath) {
                throw new IllegalArgumentException("--keep-path keeps the paths of local files; a mosaic of URLs or "
                        + "of a zip's rasters is kept in the database.");
            }
            String source = n.sources.get(0);
            boolean remote = mosaic.isEmpty() && source.matches("(?i)(https?|s3)://.+");
            Path file = remote || !mosaic.isEmpty() ? null : Path.of(source).toAbsolutePath();
            if (file != null && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException("No such file: " + source);
            }
            RasterOverrides.check(n.srid, n.nodata);
            if (file != null) {
                // A file that cannot be read is refused before a layer is made of it (and before its upload).
                RasterProbe.check(file);
            }
            RasterLayer template = RasterLayer.create(n.name)
                    .withDatatype(DataType.fromCode(n.datatype))
                    .withSrid(n.srid)
                    .withNodata(n.nodata)
                    .withMaxZoom(n.maxZoom)
                    .withNextHigher(!n.nextLower)
                    .withBuildPyramid(!n.noPyramid)
                    .withStoreReprojected(!n.noStoreReprojected);
            if (!mosaic.isEmpty()) {
                MosaicFiles mosaics = new MosaicFiles(connected.database().dataSource());
                if (!queue && !n.keepPath) {
                    // The files' bytes go into the database while they are parsed from the disk.
                    PendingUpload upload = mosaics.begin(template, mosaic, n.firstWins);
                    System.out.println("Created mosaic layer " + upload.layer().id() + " \"" + upload.layer().name()
                            + "\" of " + Counted.of(mosaic.size(), "file"));
                    return removedIfFailed(layers, upload.layer().id(),
                            parse(() -> job.run(upload, options, printer(), cancelled::get)));
                }
                RasterLayer layer = mosaics.create(template, mosaic, n.firstWins, n.keepPath);
                System.out.println("Created mosaic layer " + layer.id() + " \"" + layer.name() + "\" of "
                        + Counted.of(mosaic.size(), "file"));
                if (queue) {
                    return enqueue(connected, layer.id(), options);
                }
                return parse(() -> job.run(layer.id(), mosaic, options, printer(), cancelled::get));
            }
            LayerUploads uploads = new LayerUploads(connected.database().dataSource());
            if (!remote && !queue && !n.keepPath) {
                // The file's bytes (zipped with its side files, if it has any) go into the database while it is
                // parsed from the disk.
                PendingUpload upload = uploads.begin(template, file);
                System.out.println("Created layer " + upload.layer().id() + " \"" + upload.layer().name() + "\"");
                return removedIfFailed(layers, upload.layer().id(),
                        parse(() -> job.run(upload, options, printer(), cancelled::get)));
            }
            RasterLayer layer = remote
                    ? layers.create(template.withSourceUrl(source))
                    : uploads.create(template, file, n.keepPath);
            System.out.println("Created layer " + layer.id() + " \"" + layer.name() + "\"");
            if (queue) {
                if (n.keepPath) {
                    System.err.println("rasterdesk: the layer keeps only the path " + file + ": workers on other "
                            + "machines can parse it only where that path reaches the same file.");
                }
                return enqueue(connected, layer.id(), options);
            }
            int status = remote ? parse(() -> job.run(layer.id(), options, printer(), cancelled::get))
                    : parse(() -> job.run(layer.id(), file, options, printer(), cancelled::get));
            return removedIfFailed(layers, layer.id(), status);
        }
    }

    /** A layer this command made and could not parse would be left half made: it goes again. */
    private static int removedIfFailed(RasterLayerRepository layers, int layerId, int status) {
        if (status != 0) {
            layers.delete(layerId);
            System.err.println("rasterdesk: layer " + layerId + " was removed again.");
        }
        return status;
    }

    private final AtomicBoolean cancelled = new AtomicBoolean();

    private int enqueue(ConnectedDatabase connected, int layerId, ParseOptions options) throws SQLException {
        if (blockTiles < 1) {
            throw new IllegalArgumentException("--block-tiles must be at least 1.");
        }
        try (JobQueue jobs = JobQueue.client(connected.database().dataSource())) {
            // Nobody is there to ask when a worker's pre-flight warns: without --yes, the parse stops there.
            long parseId = jobs.enqueueParse(layerId, options, blockTiles, !yes);
            int workers = jobs.liveWorkers();
            System.out.println("Queued the parse of layer " + layerId + " for the workers (parse " + parseId + ", "
                    + workers + " worker(s) running now); rasterdesk cancel " + layerId + " stops it.");
            System.out.println(layerId);
        }
        return 0;
    }

    /**
     * The files to add (URLs downloaded, zips unpacked here) are stored with the layer, then the workers parse the
     * tiles they touch.
     */
    private int enqueueAddition(ConnectedDatabase connected, int layerId, ParseOptions options) throws Exception {
        if (blockTiles < 1) {
            throw new IllegalArgumentException("--block-tiles must be at least 1.");
        }
        try (org.rasterdesk.source.MosaicSources fetched = org.rasterdesk.source.MosaicSources.fetch(add,
                org.rasterdesk.source.FetchListener.NONE, cancelled::get);
             JobQueue jobs = JobQueue.client(connected.database().dataSource())) {
            if (fetched.files().isEmpty()) {
                throw new IllegalArgumentException("There is no raster to add in " + String.join(", ", add) + ".");
            }
            long parseId = jobs.enqueueAddition(layerId, fetched.files(), options, blockTiles, !yes);
            int workers = jobs.liveWorkers();
            System.out.println("Queued the addition of " + Counted.of(fetched.files().size(), "file") + " to layer "
                    + layerId + " for the workers (parse " + parseId + ", " + workers + " worker(s) running now); "
                    + "rasterdesk cancel " + layerId + " stops it.");
            System.out.println(layerId);
        }
        return 0;
    }

    /** A parse to run; its result decides the exit code. */
    @FunctionalInterface
    private interface Run {
        ParseResult call() throws Exception;
    }

    private ParseListener printer() {
        return new ParseListener() {
            @Override
            public void logLine(String line) {
                System.out.println(line);
            }

            @Override
            public void timings(ParseTimings t) {
                measured.set(t);
            }

            @Override
            public boolean confirm(Preflight preflight) {
                return yes || ask(preflight);
            }
        };
    }

    /** The pre-flight's lines are printed already; asks on the terminal, or says how to go on without one. */
    private static boolean ask(Preflight preflight) {
        Console console = System.console();
        if (console == null) {
            System.err.println("rasterdesk: the pre-flight warns (see above) and there is no terminal to ask on; "
                    + "add --yes to parse anyway.");
            return false;
        }
        String answer = console.readLine("Parse anyway? [y/N] ");
        return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    }

    private int parse(Run run) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C cancels the parse and waits for it to put the layer back as it was.
        Thread onInterrupt = new Thread(() -> {
            cancelled.set(true);
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            ParseResult result = run.call();
            if (!result.finished() || result.empty()) {
                System.err.println("rasterdesk: " + result.message());
            }
            return result.finished() ? 0 : 1;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }
}
