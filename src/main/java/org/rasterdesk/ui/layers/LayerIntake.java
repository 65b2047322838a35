package org.rasterdesk.ui.layers;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.input.Clipboard;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.RasterFileNames;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.parse.ParseQueue;

/**
 * Turns files and URLs given to the window (dropped, chosen, typed) into layers: one per raster, named after it,
 * datatype guessed from its values, parsed at once. Files that are no raster are refused with the reason and
 * create nothing. Looking at the files and creating the rows run on the background executor.
 */
public final class LayerIntake {

    /** What came of one batch of sources: the layers made and one sentence per source refused. */
    public record Outcome(List<RasterLayer> created, List<String> refused) {
    }

    /** A batch's outcome and the uploads of its new layers' files, by layer id, to be stored while they parse. */
    private record Made(Outcome outcome, Map<Integer, PendingUpload> uploads) {
    }

    private static final Logger LOG = Logger.getLogger(LayerIntake.class.getName());

    private final TaskExecutor executor;
    private final ParseQueue parses;
    private final ObjectProperty<RasterLayerRepository> repository = new SimpleObjectProperty<>(this, "repository");
    private final ObjectProperty<LayerUploads> uploads = new SimpleObjectProperty<>(this, "uploads");
    private final ReadOnlyIntegerWrapper pending = new ReadOnlyIntegerWrapper(this, "pending");
    private final List<Consumer<Outcome>> outcomeListeners = new ArrayList<>();

    public LayerIntake(TaskExecutor executor, ParseQueue parses) {
        this.executor = executor;
        this.parses = parses;
    }

    /** Where new layers are stored; null while there is no database. */
    /** Where dropped files are kept: in the database, so that every client can parse them again. */
    public ObjectProperty<LayerUploads> uploadsProperty() {
        return uploads;
    }

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

    /** Whether a drag carries anything this intake takes: files or URLs. */
    public static boolean accepts(Clipboard board) {
        return board.hasFiles() || board.hasUrl() || urlsOf(board).size() > 0;
    }

    /** Takes what a drop carries: its files, else the URLs a browser puts on the board (text/uri-list). */
    public void addFrom(Clipboard board) {
        if (board.hasFiles()) {
            addFiles(board.getFiles().stream().map(File::toPath).toList());
            return;
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
        addFiles(files);
        addUrls(urls);
    }

    public void addFiles(List<Path> files) {
        // A world file, .prj or .aux.xml dropped with its image is no layer of its own: it travels with the image.
        List<Path> rasters = files.stream().filter(p -> !RasterFileNames.isSideFile(p.getFileName().toString()))
                .toList();
        run(rasters, p -> RasterInspection.layerFor(p), p -> p.getFileName().toString());
    }

    public void addUrls(List<String> urls) {
        run(urls, RasterInspection::layerFor, u -> u);
    }

    private interface Inspection<T> {
        RasterLayer layerFor(T source) throws IOException;
    }

    private <T> void run(List<T> sources, Inspection<T> inspect, Function<T, String> label) {
        RasterLayerRepository layers = repository.get();
        LayerUploads store = uploads.get();
        if (layers == null) {
            publish(new Outcome(List.of(), List.of("There is no database to add layers to.")));
            return;
        }
        if (sources.isEmpty()) {
            return;
        }
        List<T> batch = List.copyOf(sources);
        pending.set(pending.get() + 1);
        BackgroundTask.of(() -> create(batch, inspect, label, layers, store))
                .onFinished(() -> pending.set(pending.get() - 1))
                .onSuccess(made -> {
                    for (RasterLayer layer : made.outcome().created()) {
                        parses.start(layer.id(), layer.name(), made.uploads().get(layer.id()));
                    }
                    publish(made.outcome());
                })
                .onFailure(failure -> publish(new Outcome(List.of(),
                        List.of("Cannot add layers: " + ErrorText.of(failure)))))
                .executeWith(executor);
    }

    /**
     * Inspects each source and creates its layer; off the FX thread. A source that fails is refused alone. A local
     * file is stored in the database while it is parsed, as the command line does: its upload starts now and goes
     * on whatever becomes of the parse, so that the layer always keeps its file.
     */
    private static <T> Made create(List<T> batch, Inspection<T> inspect, Function<T, String> label,
                                   RasterLayerRepository layers, LayerUploads store) {
        List<RasterLayer> created = new ArrayList<>();
        Map<Integer, PendingUpload> uploads = new HashMap<>();
        List<String> refused = new ArrayList<>();
        for (T source : batch) {
            RasterLayer layer;
            try {
                layer = inspect.layerFor(source);
            } catch (IOException | RuntimeException e) {
                refused.add("Refused " + label.apply(source) + ": " + ErrorText.of(e));
                LOG.info("Refused " + label.apply(source) + ": " + e);
                continue;
            }
            try {
                String url = layer.sourceUrl();
                Path file = store != null && url.startsWith("file:") ? Path.of(URI.create(url)) : null;
                if (file != null && LayerUploads.storedAlone(file)) {
                    PendingUpload upload = store.begin(layer, file);
                    upload.startKept();
                    uploads.put(upload.layer().id(), upload);
                    created.add(upload.layer());
                } else {
                    created.add(file != null ? store.create(layer, file, false) : layers.create(layer));
                }
            } catch (IOException | java.sql.SQLException | RuntimeException e) {
                LOG.log(Level.INFO, "Creating a layer for " + label.apply(source) + " failed", e);
                refused.add("Cannot add " + label.apply(source) + ": " + ErrorText.of(e));
            }
        }
        return new Made(new Outcome(List.copyOf(created), List.copyOf(refused)), uploads);
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
