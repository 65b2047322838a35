package org.rasterdesk.ui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.scene.control.Label;
import org.rasterdesk.parse.ParseRates;
import org.rasterdesk.parse.Preflight;
import org.rasterdesk.parse.QueuePreflight;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The pre-flight in the layer form, before Save: for a layer whose source is a file on this computer, one kept in
 * the database (as files given to the window are) or a mosaic's files, the tiles per zoom, database size and time a
 * parse with the form's settings would take, the max zoom's reason and the warnings a parse would ask about; for a
 * raster at a URL, that its parse tells it. The headers are read once in the background (again when the source or
 * SRID changes); a max zoom typed in updates it at once. Shown below the buttons, so that it moves nothing above them.
 */
final class FormPreflight {

    /** What a read gives: the headers' pre-flight maker (or why there is none) and the database's parse rates. */
    private record Read(int layerId, String source, Integer srid, QueuePreflight.Header header, ParseRates rates) {
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

    /**
     * The form's settings changed (or another layer is shown); null when no layer is. On the FX thread. What is read
     * (the file, the stored upload, a mosaic's files, or nothing for a URL) is {@link QueuePreflight}'s choice.
     */
    void update(Settings now) {
        settings = now;
        if (now == null || records == null) {
            readingKey = null;
            view.setText("");
            return;
        }
        if (read != null && read.layerId() == now.layerId() && Objects.equals(read.source(), now.source())
                && Objects.equals(read.srid(), now.srid())) {
            show();
            return;
        }
        String key = now.layerId() + "|" + now.source() + "|" + now.srid();
        if (key.equals(readingKey)) {
            return;
        }
        readingKey = key;
        LayerRecords from = records;
        BackgroundTask.of(() -> {
            QueuePreflight.Header header = from.preflightHeader(now.layerId(), now.source(), now.srid());
            return new Read(now.layerId(), now.source(), now.srid(), header,
                    header.file() == null ? null : from.parseRates());
        })
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
                        read = null;
                        view.getStyleClass().remove("warning");
                        view.setText("No pre-flight: " + ErrorText.of(e));
                    }
                })
                .executeWith(executor);
    }

    private void show() {
        view.getStyleClass().remove("warning");
        if (read.header().file() == null) {
            String why = read.header().unavailable();
            view.setText(why == null ? "" : why);
            return;
        }
        Preflight p = read.header().file().preflight(settings.maxZoom(), settings.nextHigher(), settings.buildPyramid(),
                read.rates());
        view.setText(String.join("\n", text(p)));
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
}
