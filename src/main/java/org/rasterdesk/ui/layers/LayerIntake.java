package org.rasterdesk.ui.layers;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.Clipboard;
import javafx.stage.Window;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.MosaicSources;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.RasterFileNames;
import org.rasterdesk.source.ZipRasterExtractor;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.parse.ParseQueue;
import org.rasterdesk.ui.parse.QueuedParse;

/**
 * Turns files and URLs given to the window (dropped, chosen, typed) into layers: one per raster, named after it,
 * datatype guessed from its values, parsed at once. Files that are no raster are refused with the reason and
 * create nothing. Looking at the files and creating the rows run on the background executor, one file after the
 * other, each layer's parse queued as soon as the layer exists.
 */
public final class LayerIntake {

    /** What came of one batch of sources: the layers made and one sentence per source refused. */
    public record Outcome(List<RasterLayer> created, List<String> refused) {
    }

    /**
     * What came of one source: its new layer and the upload of its file, to be stored while it parses (null for a
     * URL's layer), or the sentence that refused it.
     */
    private record Made(RasterLayer layer, PendingUpload upload, String refused) {
    }

    private static final Logger LOG = Logger.getLogger(LayerIntake.class.getName());

    private final TaskExecutor executor;
    private final ParseQueue parses;
    private final ObjectProperty<RasterLayerRepository> repository = new SimpleObjectProperty<>(this, "repository");
    private final ObjectProperty<LayerUploads> uploads = new SimpleObjectProperty<>(this, "uploads");
    private final ObjectProperty<MosaicFiles> mosaics = new SimpleObjectProperty<>(this, "mosaics");
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");
    private final List<Consumer<Outcome>> outcomeListeners = new ArrayList<>();
    private final List<Consumer<RasterLayer>> firstLayerListeners = new ArrayList<>();
    private Supplier<Window> owner = () -> null;

    public LayerIntake(TaskExecutor executor, ParseQueue parses) {
        this.executor = executor;
        this.parses = parses;
    }

    /** Where dropped files are kept: in the database, so that every client can parse them again. */
    public ObjectProperty<LayerUploads> uploadsProperty() {
        return uploads;
    }

    /** Where mosaic layers are made; null while there is no database. */
    public ObjectProperty<MosaicFiles> mosaicsProperty() {
        return mosaics;
    }

    /** Where new layers are stored; null while there is no database. */
    public ObjectProperty<RasterLayerRepository> repositoryProperty() {
        return repository;
    }

    /** Batches still being looked at. */
    public ReadOnlyIntegerProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** Called on the FX thread with each batch's outcome, after its layers were queued for parsing. */
    public void addOutcomeListener(Consumer<Outcome> listener) {
        outcomeListeners.add(listener);
    }

    /**
     * Called on the FX thread with a batch's first new layer as soon as its parse is queued, before the rest of the
     * batch is looked at (the batch's outcome names it again, once every file has been); once for every outcome
     * that made layers.
     */
    public void addFirstLayerListener(Consumer<RasterLayer> listener) {
        firstLayerListeners.add(listener);
    }

    /** Whether a drag carries anything this intake takes: files or URLs. */
    public static boolean accepts(Clipboard board) {
        return board.hasFiles() || board.hasUrl() || urlsOf(board).size() > 0;
    }

    /** What a drop carries: local files and URLs, read off the board while the drop lasts. */
    private record Given(List<Path> files, List<String> urls) {

        /** The files and URLs as the command line's {@code --add} takes them. */
        List<String> sources() {
            List<String> all = new ArrayList<>();
            files.forEach(f -> all.add(f.toAbsolutePath().toString()));
            all.addAll(urls);
            return all;
        }
    }

    /** Takes what a drop carries: its files, else the URLs a browser puts on the board (text/uri-list). */
    public void addFrom(Clipboard board) {
        add(givenBy(board));
    }

    /**
     * A drop on a layer's row: on a mosaic layer's, its files and URLs join that mosaic once the user confirms
     * (what "Add files to mosaic…" does with the files chosen); on any other layer's, they are added as a drop
     * elsewhere is.
     */
    public void addFromOnLayer(Clipboard board, int layerId, String layerName) {
        Given given = givenBy(board);
        MosaicFiles store = mosaics.get();
        if (store == null || given.sources().isEmpty()) {
            add(given);
            return;
        }
        pending.set(pending.get() + 1);
        BackgroundTask.of(() -> store.find(layerId))
                .onFinished(() -> pending.set(pending.get() - 1))
                .onSuccess(mosaic -> {
                    if (mosaic.isEmpty()) {
                        add(given);
                        return;
                    }
                    List<String> sources = given.sources();
                    AddToMosaicQuestion.ask(owner.get(), layerName, mosaic.get(), sources, answer -> {
                        if (answer == AddToMosaicQuestion.Answer.ADD) {
                            addToMosaic(layerId, layerName, sources);
                        } else if (answer == AddToMosaicQuestion.Answer.NEW_LAYERS) {
                            add(given);
                        }
                    });
                })
                .onFailure(failure -> publish(new Outcome(List.of(),
                        List.of("Cannot add files to " + layerName + ": " + ErrorText.of(failure)))))
                .executeWith(executor);
    }

    /**
     * Answers on the FX thread whether the layer is a mosaic (null when it cannot be told: no database, a failed
     * read); the database is asked off the FX thread.
     */
    void askWhetherMosaic(int layerId, Consumer<Boolean> answer) {
        MosaicFiles store = mosaics.get();
        if (store == null) {
            answer.accept(null);
            return;
        }
        BackgroundTask.of(() -> store.find(layerId).isPresent())
                .onSuccess(answer::accept)
                .onFailure(failure -> answer.accept(null))
                .executeWith(executor);
    }

    private void add(Given given) {
        addFiles(given.files());
        addUrls(given.urls());
    }

    private static Given givenBy(Clipboard board) {
        if (board.hasFiles()) {
            return new Given(board.getFiles().stream().map(File::toPath).toList(), List.of());
        }
        List<Path> files = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (String url : urlsOf(board)) {
            if (url.toLowerCase(Locale.ROOT).startsWith("file:")) {
                try {
                    files.add(Path.of(URI.create(url)));
                    continue;
                } catch (IllegalArgumentException e) {
                    // Not a local file after all: the URL path below refuses it with a reason.
                }
            }
            urls.add(url);
        }
        return new Given(List.copyOf(files), List.copyOf(urls));
    }

    /**
     * Files dropped, chosen or given on the command line: one becomes a layer; several ask first whether they make
     * one layer each or one mosaic layer.
     */
    public void addFiles(List<Path> files) {
        List<Path> given = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Path file : files) {
            if (!java.nio.file.Files.isDirectory(file)) {
                given.add(file);
                continue;
            }
            // A folder stands for its GeoTIFFs, by name, as on the command line.
            try {
                List<Path> tiffs = MosaicSources.tiffsIn(file);
                if (tiffs.isEmpty()) {
                    refused.add("Refused the folder " + file.getFileName() + ": it holds no GeoTIFF (.tif or .tiff) "
                            + "files.");
                }
                given.addAll(tiffs);
            } catch (IOException e) {
                refused.add("Cannot read the folder " + file.getFileName() + ": " + ErrorText.of(e));
            }
        }
        if (!refused.isEmpty()) {
            publish(new Outcome(List.of(), List.copyOf(refused)));
        }
        // A world file, .prj or .aux.xml dropped with its image is no layer of its own: it travels with the image.
        List<Path> rasters = given.stream().filter(p -> !RasterFileNames.isSideFile(p.getFileName().toString()))
                .toList();
        // A zip of several rasters is several files: it may make one mosaic layer.
        if (rasters.size() < 2 && (rasters.isEmpty() || !MosaicSources.isZipOfMany(rasters.get(0)))) {
            addEach(rasters);
            return;
        }
        List<String> sources = rasters.stream().map(p -> p.toAbsolutePath().toString()).toList();
        Consumer<SeveralFilesQuestion.Answer> then = answer -> {
            if (answer != null && answer.mosaic()) {
                addMosaic(sources, answer.name(), answer.firstWins());
            } else if (answer != null) {
                addEach(rasters);
            }
        };
        if (rasters.size() == 1) {
            // One zip: the question lists the rasters in it and offers the zip's name, as for a zip at a URL.
            SeveralFilesQuestion.ask(owner.get(), ZipRasterExtractor.rasterNames(rasters.get(0)),
                    RasterInspection.nameOf(rasters.get(0).getFileName().toString()), then);
        } else {
            SeveralFilesQuestion.ask(owner.get(), sources, then);
        }
    }

    /** Each file its own layer, without asking; a zip of several rasters gives a layer of each raster in it. */
    public void addEach(List<Path> rasters) {
        List<Path> zips = rasters.stream().filter(LayerIntake::isZipName).toList();
        run(rasters.stream().filter(p -> !isZipName(p)).toList(), p -> RasterInspection.layerFor(p),
                p -> p.getFileName().toString());
        zips.forEach(this::addZipEach);
    }

    private static boolean isZipName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * A zip of several rasters makes a layer of each, unpacked as a zip of a mosaic is and each kept in the database
     * as a file given alone is; a zip of one raster is that raster's layer, as before.
     */
    private void addZipEach(Path zip) {
        String label = zip.getFileName().toString();
        pending.set(pending.get() + 1);
        BackgroundTask.of(() -> MosaicSources.isZipOfMany(zip)
                        ? MosaicSources.fetch(List.of(zip.toString()), FetchListener.NONE, () -> false) : null)
                .onFinished(() -> pending.set(pending.get() - 1))
                .onSuccess(fetched -> {
                    if (fetched == null) {
                        run(List.of(zip), p -> RasterInspection.layerFor(p), p -> label);
                    } else {
                        addFetchedEach(fetched);
                    }
                })
                .onFailure(failure -> publish(new Outcome(List.of(),
                        List.of("Cannot add " + label + ": " + ErrorText.of(failure)))))
                .executeWith(executor);
    }

    /**
     * A layer of each raster fetched already (a zip's, unpacked), made and parsed as a file given alone is: parsed
     * from its unpacked file while the file is stored. The unpacked files go once every layer made of them has ended
     * its parse and has its file stored.
     */
    private void addFetchedEach(MosaicSources fetched) {
        UnpackedRasters unpacked = new UnpackedRasters(fetched, executor);
        run(fetched.files(), RasterInspection::layerFor, p -> p.getFileName().toString(), unpacked::deleteAfter);
    }

    /**
     * One mosaic layer of the sources in their order (the later wins where they overlap, or the first): local files,
     * zips of several rasters, http(s) and s3 URLs, each got as a layer of one raster gets it, then kept in the
     * database. Its datatype is guessed from the first file; a file that is no raster is refused and the mosaic
     * made of the others.
     */
    public void addMosaic(List<String> rasters, String name, boolean firstWins) {
        MosaicFiles store = mosaics.get();
        if (store == null) {
            publish(new Outcome(List.of(), List.of("There is no database to add layers to.")));
            return;
        }
        List<String> batch = List.copyOf(rasters);
        pending.set(pending.get() + 1);
        BackgroundTask.of(() -> createMosaic(batch, name, firstWins, store))
                .onFinished(() -> pending.set(pending.get() - 1))
                .onSuccess(this::queue)
                .onFailure(failure -> publish(new Outcome(List.of(),
                        List.of("Cannot add the mosaic " + name + ": " + ErrorText.of(failure)))))
                .executeWith(executor);
    }

    private static Outcome createMosaic(List<String> sources, String name, boolean firstWins, MosaicFiles mosaics)
            throws IOException, java.sql.SQLException, ParseCancelledException {
        try (MosaicSources fetched = MosaicSources.fetch(sources, FetchListener.NONE, () -> false)) {
            return createMosaicOf(fetched.files(), name, firstWins, mosaics);
        }
    }

    private static Outcome createMosaicOf(List<Path> files, String name, boolean firstWins, MosaicFiles mosaics)
            throws IOException, java.sql.SQLException {
        List<Path> rasters = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        RasterLayer template = null;
        for (Path file : files) {
            try {
                RasterLayer looked = RasterInspection.layerFor(file);
                template = template == null ? looked : template;
                rasters.add(file);
            } catch (IOException | RuntimeException e) {
                refused.add("Refused " + file.getFileName() + ": " + ErrorText.of(e));
            }
        }
        if (template == null) {
            return new Outcome(List.of(), refused);
        }
        RasterLayer layer = mosaics.create(RasterLayer.create(name).withDatatype(template.datatype()), rasters,
                firstWins, false);
        return new Outcome(List.of(layer), List.copyOf(refused));
    }

    /** The window the several-files question belongs to. */
    public void setOwner(Supplier<Window> window) {
        owner = java.util.Objects.requireNonNull(window);
    }

    /**
     * URLs dropped, pasted or typed: several ask first, as several files do. A URL of a zip of several rasters
     * makes one mosaic layer of them, named after the zip.
     */
    public void addUrls(List<String> urls) {
        if (urls.size() == 1 && MosaicSources.isZipUrl(urls.get(0)) && mosaics.get() != null) {
            addZipUrl(urls.get(0), mosaics.get());
            return;
        }
        if (urls.size() < 2) {
            run(urls, RasterInspection::layerFor, u -> u);
            return;
        }
        List<String> sources = List.copyOf(urls);
        SeveralFilesQuestion.ask(owner.get(), sources, answer -> {
            if (answer != null && answer.mosaic()) {
                addMosaic(sources, answer.name(), answer.firstWins());
            } else if (answer != null) {
                run(sources, RasterInspection::layerFor, u -> u);
            }
        });
    }

    /**
     * Only its download tells whether a zip holds several rasters: one makes a layer of the URL as any other; several
     * ask, as several files do, whether they make one layer each or one mosaic layer (named after the zip). The
     * download is kept until the answer, so that a mosaic is made of it without fetching it again.
     */
    private void addZipUrl(String url, MosaicFiles store) {
        String file = url.replaceFirst("[?#].*$", "");
        String name = file.substring(file.lastIndexOf('/') + 1).replaceFirst("(?i)\\.zip$", "");
        pending.set(pending.get() + 1);
        BackgroundTask.of(() -> MosaicSources.fetch(List.of(url), FetchListener.NONE, () -> false))
                .onFinished(() -> pending.set(pending.get() - 1))
                .onSuccess(fetched -> {
                    List<Path> rasters = fetched.files();
                    if (rasters.size() < 2) {
                        closeLater(fetched);
                        run(List.of(url), RasterInspection::layerFor, u -> u);
                        return;
                    }
                    List<String> names = rasters.stream().map(p -> p.getFileName().toString()).toList();
                    SeveralFilesQuestion.ask(owner.get(), names, name, answer -> {
                        if (answer != null && answer.mosaic()) {
                            addFetchedMosaic(fetched, answer.name(), answer.firstWins(), store);
                        } else if (answer != null) {
                            // One layer each, as for a local zip: a layer of each raster the download holds.
                            addFetchedEach(fetched);
                        } else {
                            closeLater(fetched);
                        }
                    });
                })
                .onFailure(failure -> publish(new Outcome(List.of(),
                        List.of("Cannot add " + url + ": " + ErrorText.of(failure)))))
                .executeWith(executor);
    }

    /** A mosaic of rasters fetched already (a zip's); the download goes once the layer is made. */
    private void addFetchedMosaic(MosaicSources fetched, String name, boolean firstWins, MosaicFiles store) {
        pending.set(pending.get() + 1);
        BackgroundTask.of(() -> {
            try (fetched) {
                return createMosaicOf(fetched.files(), name, firstWins, store);
            }
        })
                .onFinished(() -> pending.set(pending.get() - 1))
                .onSuccess(this::queue)
                .onFailure(failure -> publish(new Outcome(List.of(),
                        List.of("Cannot add the mosaic " + name + ": " + ErrorText.of(failure)))))
                .executeWith(executor);
    }

    /** Deletes a download that is not needed, off the FX thread. */
    private void closeLater(MosaicSources fetched) {
        BackgroundTask.of(() -> {
            fetched.close();
            return null;
        }).describedAs("Deleting a download failed").executeWith(executor);
    }

    /**
     * Adds rasters (files, folders of GeoTIFFs, zips, URLs) to a mosaic layer after its files: a parse of the
     * tiles they touch, the command line's {@code parse --layer ID --add}. A layer that is no mosaic is refused with
     * a notice, and its parse not started.
     */
    public void addToMosaic(int layerId, String layerName, List<String> sources) {
        MosaicFiles store = mosaics.get();
        if (store == null) {
            publish(new Outcome(List.of(), List.of("There is no database to add files to.")));
            return;
        }
        if (sources.isEmpty()) {
            return;
        }
        List<String> batch = List.copyOf(sources);
        pending.set(pending.get() + 1);
        BackgroundTask.of(() -> store.find(layerId).isPresent())
                .onFinished(() -> pending.set(pending.get() - 1))
                .onSuccess(mosaic -> {
                    if (mosaic) {
                        parses.add(layerId, layerName, batch);
                    } else {
                        publish(new Outcome(List.of(), List.of("Cannot add files to " + layerName + ": it is not a "
                                + "mosaic; files can be added only to a layer made of several files.")));
                    }
                })
                .onFailure(failure -> publish(new Outcome(List.of(),
                        List.of("Cannot add files to " + layerName + ": " + ErrorText.of(failure)))))
                .executeWith(executor);
    }

    private interface Inspection<T> {
        RasterLayer layerFor(T source) throws IOException;
    }

    private <T> void run(List<T> sources, Inspection<T> inspect, Function<T, String> label) {
        run(sources, inspect, label, (parses, uploads) -> { });
    }

    /**
     * Makes a layer of each source in the sources' order, one after the other on the background executor, and
     * queues each layer's parse as soon as the layer exists: the first file parses while the others are still looked
     * at, and the list shows the layers in the order they were given. The batch's outcome is published once every
     * source has been looked at.
     *
     * @param then called on the FX thread after the outcome, with the parses queued and their files' uploads
     */
    private <T> void run(List<T> sources, Inspection<T> inspect, Function<T, String> label, Queued then) {
        RasterLayerRepository layers = repository.get();
        LayerUploads store = uploads.get();
        if (layers == null) {
            publish(new Outcome(List.of(), List.of("There is no database to add layers to.")));
            then.accept(List.of(), List.of());
            return;
        }
        if (sources.isEmpty()) {
            then.accept(List.of(), List.of());
            return;
        }
        pending.set(pending.get() + 1);
        new Batch<>(List.copyOf(sources), inspect, label, layers, store, then).makeNext();
    }

    /** Told the parses a batch queued, and the uploads of their files (fewer: a URL's layer has none). */
    @FunctionalInterface
    interface Queued {
        void accept(List<QueuedParse> parses, List<PendingUpload> uploads);
    }

    /** One batch of sources going through {@link #make} in turn; its methods run on the FX thread. */
    private final class Batch<T> {

        private final List<T> sources;
        private final Inspection<T> inspect;
        private final Function<T, String> label;
        private final RasterLayerRepository layers;
        private final LayerUploads store;
        private final Queued then;
        private final List<RasterLayer> created = new ArrayList<>();
        private final List<String> refused = new ArrayList<>();
        private final List<QueuedParse> queued = new ArrayList<>();
        private final List<PendingUpload> uploading = new ArrayList<>();
        private int next;

        Batch(List<T> sources, Inspection<T> inspect, Function<T, String> label, RasterLayerRepository layers,
              LayerUploads store, Queued then) {
            this.sources = sources;
            this.inspect = inspect;
            this.label = label;
            this.layers = layers;
            this.store = store;
            this.then = then;
        }

        void makeNext() {
            if (next == sources.size()) {
                pending.set(pending.get() - 1);
                publish(new Outcome(List.copyOf(created), List.copyOf(refused)));
                then.accept(List.copyOf(queued), List.copyOf(uploading));
                return;
            }
            T source = sources.get(next++);
            BackgroundTask.of(() -> make(source, inspect, label, layers, store))
                    .onSuccess(this::made)
                    .onFailure(failure -> {
                        refused.add("Cannot add " + label.apply(source) + ": " + ErrorText.of(failure));
                        makeNext();
                    })
                    .executeWith(executor);
        }

        private void made(Made made) {
            RasterLayer layer = made.layer();
            if (layer == null) {
                refused.add(made.refused());
            } else {
                created.add(layer);
                if (made.upload() != null) {
                    uploading.add(made.upload());
                }
                try {
                    queued.add(parses.start(layer.id(), layer.name(), made.upload()));
                } catch (IllegalStateException e) {
                    // The database closed meanwhile: the layer is kept (its file too) and parsed when asked.
                    refused.add("Cannot parse " + layer.name() + ": " + e.getMessage());
                }
                if (created.size() == 1) {
                    firstMade(layer);
                }
            }
            makeNext();
        }
    }

    /**
     * Inspects one source and creates its layer; off the FX thread. A local file is stored in the database while it
     * is parsed, as the command line does: its upload starts now and goes on whatever becomes of the parse, so that
     * the layer always keeps its file.
     */
    private static <T> Made make(T source, Inspection<T> inspect, Function<T, String> label,
                                 RasterLayerRepository layers, LayerUploads store) {
        RasterLayer layer;
        try {
            layer = inspect.layerFor(source);
        } catch (IOException | RuntimeException e) {
            LOG.info("Refused " + label.apply(source) + ": " + e);
            return new Made(null, null, "Refused " + label.apply(source) + ": " + ErrorText.of(e));
        }
        try {
            String url = layer.sourceUrl();
            Path file = store != null && url.startsWith("file:") ? Path.of(URI.create(url)) : null;
            if (file == null) {
                return new Made(layers.create(layer), null, null);
            }
            PendingUpload upload = store.begin(layer, file);
            upload.startKept();
            return new Made(upload.layer(), upload, null);
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            LOG.log(Level.INFO, "Creating a layer for " + label.apply(source) + " failed", e);
            return new Made(null, null, "Cannot add " + label.apply(source) + ": " + ErrorText.of(e));
        }
    }

    private void queue(Outcome outcome) {
        for (RasterLayer layer : outcome.created()) {
            parses.start(layer.id(), layer.name());
        }
        if (!outcome.created().isEmpty()) {
            firstMade(outcome.created().get(0));
        }
        publish(outcome);
    }

    private void firstMade(RasterLayer layer) {
        List.copyOf(firstLayerListeners).forEach(listener -> listener.accept(layer));
    }

    private void publish(Outcome outcome) {
        for (Consumer<Outcome> listener : List.copyOf(outcomeListeners)) {
            listener.accept(outcome);
        }
    }

    /** The URLs of a text/uri-list or plain-text drag, one per line; comment lines start with '#'. */
    static List<String> urlsOf(Clipboard board) {
        Set<String> urls = new LinkedHashSet<>();
        if (board.hasUrl()) {
            urls.add(board.getUrl().strip());
        }
        if (board.hasString()) {
            for (String line : board.getString().split("\\R")) {
                String s = line.strip();
                String lower = s.toLowerCase(Locale.ROOT);
                if (!s.startsWith("#") && (lower.startsWith("http://") || lower.startsWith("https://")
                        || lower.startsWith("s3://") || lower.startsWith("file:"))) {
                    urls.add(s);
                }
            }
        }
        urls.removeIf(String::isEmpty);
        return List.copyOf(urls);
    }
}
