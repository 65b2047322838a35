package org.rasterdesk.ui.inspector;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.scene.control.Label;
import org.rasterdesk.parse.FilePreflight;
import org.rasterdesk.parse.ParseRates;
import org.rasterdesk.parse.Preflight;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The pre-flight in the layer form, before Save: for a layer whose source is a file on this computer or one kept in
 * the database (as files given to the window are), the tiles per
 * zoom, database size and time a parse with the form's settings would take, the max zoom's reason and the warnings
 * a parse would ask about. The file's header is read once in the background (again when the source or SRID
 * changes); a max zoom typed in updates it at once. Shown below the buttons, so that it moves nothing above them.
 */
final class FormPreflight {

    /** What a read file gives: its header's pre-flight maker and the database's parse rates. */
    private record Read(String source, Integer srid, FilePreflight file, ParseRates rates) {
    }

    private final Label view = new Label();
    private final TaskExecutor executor;
    private LayerRecords records;
    private Read read;
    /** The source and SRID being read, to drop an answer that no longer fits the form. */
    private String readingKey;
    private Settings settings;

    /** The form's settings a pre-flight depends on. */
    record Settings(int layerId, String source, Integer srid, Integer maxZoom, boolean nextHigher,
                    boolean buildPyramid) {
    }

    FormPreflight(TaskExecutor executor) {
        this.executor = executor;
        view.setId("layer-preflight");
        view.getStyleClass().add("form-preflight");
        view.setWrapText(true);
        view.managedProperty().bind(view.textProperty().isNotEmpty());
        view.visibleProperty().bind(view.textProperty().isNotEmpty());
    }

    Label getView() {
        return view;
    }

    void setRecords(LayerRecords records) {
        this.records = records;
        read = null;
    }

    /** The form's settings changed (or another layer is shown); null when no layer is. On the FX thread. */
    void update(Settings now) {
        settings = now;
        Path file = now == null ? null : localFile(now.source());
        boolean stored = now != null && isStoredUpload(now.source());
        if (file == null && !stored || records == null) {
            readingKey = null;
            view.setText("");
            return;
        }
        if (read != null && read.source().equals(now.source()) && Objects.equals(read.srid(), now.srid())) {
            show();
            return;
        }
        String key = now.source() + "|" + now.srid();
        if (key.equals(readingKey)) {
            return;
        }
        readingKey = key;
        LayerRecords from = records;
        BackgroundTask.of(() -> new Read(now.source(), now.srid(), file != null
                        ? FilePreflight.read(file, now.srid())
                        : from.storedPreflight(now.layerId(), now.source(), now.srid()), from.parseRates()))
                .onSuccess(r -> {
                    if (key.equals(readingKey)) {
                        readingKey = null;
                        read = r;
                        show();
                    }
                })
                .onFailure(e -> {
                    if (key.equals(readingKey)) {
                        readingKey = null;
                        view.getStyleClass().remove("warning");
                        view.setText("No pre-flight: " + ErrorText.of(e));
                    }
                })
                .executeWith(executor);
    }

    private void show() {
        Preflight p = read.file().preflight(settings.maxZoom(), settings.nextHigher(), settings.buildPyramid(),
                read.rates());
        view.setText(String.join("\n", text(p)));
        view.getStyleClass().remove("warning");
        if (p.asks()) {
            view.getStyleClass().add("warning");
        }
    }

    /** The pre-flight in a few lines: tiles, size and time; the zoom's reason; each warning. */
    static List<String> text(Preflight p) {
        List<String> lines = new ArrayList<>();
        long top = p.tilesPerZoom().getOrDefault(p.maxZoom(), 0L);
        lines.add(String.format(Locale.ROOT, "Pre-flight: up to %,d tiles (%,d at zoom %d), about %s in the "
                + "database and %s.", p.totalTiles(), top, p.maxZoom(), Preflight.size(p.bytes()),
                Preflight.duration(p.seconds())));
        lines.add(p.zoomReason());
        for (String warning : p.warnings()) {
            lines.add("⚠ " + warning);
        }
        return lines;
    }

    /** Whether a source is a file kept in the database: a stored name ("rasters/NAME.tif"), no URL. */
    static boolean isStoredUpload(String source) {
        return source != null && !source.isBlank() && !source.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    }

    /** The file a source names on this computer, null for a URL, a stored upload or a file that is not there. */
    static Path localFile(String source) {
        if (source == null || !source.startsWith("file:")) {
            return null;
        }
        try {
            Path path = Path.of(URI.create(source));
            return Files.isRegularFile(path) ? path : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
