package org.rasterdesk.ui.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The parse log of the selected layer, below the list and the map. While this window parses the layer, the lines
 * come live from the parse; otherwise the stored log is read every {@link #POLL_PERIOD}, so a parse by another
 * client or the command line shows too. Lines of failures are shown in red. Only the layer's own log is shown: a
 * file refused before it became a layer has no log, and is told in the window's notice instead.
 */
public final class ParseLogPane {

    public static final Duration POLL_PERIOD = Duration.seconds(2);

    private static final Logger LOG = Logger.getLogger(ParseLogPane.class.getName());

    private final TaskExecutor executor;
    private final ParseQueue parses;
    private final BorderPane view = new BorderPane();
    private final Label title = new Label();
    private final ListView<String> lines = new ListView<>();
    private final ObjectProperty<LayerSummary> layer = new SimpleObjectProperty<>(this, "layer");
    private final ObjectProperty<ParseStatusRepository> repository = new SimpleObjectProperty<>(this, "repository");
    private final Timeline poll = new Timeline(new KeyFrame(POLL_PERIOD, e -> readStored()));
    private final ListChangeListener<String> liveLines = c -> showLog();
    private final List<String> logLines = new ArrayList<>();

    /** The live parse followed now, null when the stored log is shown. */
    private QueuedParse following;
    /** Bumped whenever what is followed changes, so that a late read of the stored log is dropped. */
    private long generation;
    private boolean reading;
    private boolean storedFailed;

    /** @param executor runs the reads of the stored log */
    public ParseLogPane(TaskExecutor executor, ParseQueue parses) {
        this.executor = executor;
        this.parses = parses;
        view.getStyleClass().add("parse-log-pane");
        title.getStyleClass().add("parse-log-title");
        lines.getStyleClass().add("parse-log");
        lines.setPlaceholder(new Label("No layer selected"));
        lines.setCellFactory(list -> new LogCell());
        view.setTop(title);
        view.setCenter(lines);
        poll.setCycleCount(Timeline.INDEFINITE);

        layer.addListener((obs, old, now) -> {
            if (old == null || now == null || old.id() != now.id()) {
                follow(true);
            } else if (following == null && old.status() != now.status()) {
                readStored();
            }
        });
        repository.addListener((obs, old, now) -> follow(true));
        parses.parses().addListener((MapChangeListener<Integer, QueuedParse>) change -> {
            LayerSummary shown = layer.get();
            if (shown != null && change.getKey() == shown.id()) {
                follow(false);
            }
        });
        follow(true);
    }

    public Node getView() {
        return view;
    }

    /** The layer whose log is shown; null shows nothing. */
    public ObjectProperty<LayerSummary> layerProperty() {
        return layer;
    }

    /** Where stored logs are read; null while there is no database. */
    public ObjectProperty<ParseStatusRepository> repositoryProperty() {
        return repository;
    }

    /** The lines shown now. */
    public ObservableList<String> lines() {
        return lines.getItems();
    }

    /** Stops reading the stored log; the window is gone. */
    public void dispose() {
        poll.stop();
        if (following != null) {
            following.logLines().removeListener(liveLines);
        }
    }

    /** @param otherLayer whether the layer changed, rather than a parse of it starting or ending */
    private void follow(boolean otherLayer) {
        generation++;
        if (following != null) {
            following.logLines().removeListener(liveLines);
            following = null;
        }
        LayerSummary shown = layer.get();
        if (shown == null) {
            poll.stop();
            title.setText("Parse log");
            logLines.clear();
            lines.setPlaceholder(new Label("No layer selected"));
            refreshItems();
            return;
        }
        title.setText("Parse log of " + shown.name());
        QueuedParse live = parses.find(shown.id());
        if (live != null) {
            poll.stop();
            following = live;
            live.logLines().addListener(liveLines);
            lines.setPlaceholder(new Label(live.stateProperty().get() == QueuedParse.State.QUEUED
                    ? "Waiting for a free parse slot…" : "Starting…"));
            showLog();
        } else {
            // When a parse has just ended, its lines stay until the stored log (the same lines) replaces them.
            if (otherLayer) {
                logLines.clear();
                lines.setPlaceholder(new Label("Reading the log…"));
                refreshItems();
            }
            readStored();
            poll.playFromStart();
        }
    }

    private void showLog() {
        if (following != null) {
            logLines.clear();
            logLines.addAll(following.logLines());
            refreshItems();
            scrollToEnd();
        }
    }

    private void readStored() {
        ParseStatusRepository statuses = repository.get();
        LayerSummary shown = layer.get();
        if (statuses == null || shown == null || following != null || reading) {
            return;
        }
        long requested = generation;
        int layerId = shown.id();
        reading = true;
        BackgroundTask.of(() -> statuses.find(layerId).orElse(LayerParseStatus.unparsed(layerId)))
                .onFinished(() -> reading = false)
                .onSuccess(status -> {
                    storedFailed = false;
                    if (requested == generation) {
                        showStored(layerId, status);
                    } else {
                        readStored();
                    }
                })
                .onFailure(failure -> {
                    if (!storedFailed) {
                        LOG.log(Level.INFO, "Reading the parse log of layer " + layerId + " failed", failure);
                    }
                    storedFailed = true;
                    if (requested == generation) {
                        lines.setPlaceholder(new Label("Cannot read the log: " + ErrorText.of(failure)));
                    } else {
                        readStored();
                    }
                })
                .executeWith(executor);
    }

    private void showStored(int layerId, LayerParseStatus status) {
        List<String> stored = status.logLines();
        QueuedParse failed = parses.unrecordedFailure(layerId);
        if (stored.isEmpty() && failed != null) {
            stored = List.copyOf(failed.logLines());
        }
        if (!stored.equals(logLines)) {
            logLines.clear();
            logLines.addAll(stored);
            refreshItems();
            scrollToEnd();
        }
        lines.setPlaceholder(new Label(status.status() == ParseStatus.UNPARSED
                ? "Not parsed yet" : "The log is empty"));
    }

    private void scrollToEnd() {
        lines.scrollTo(lines.getItems().size() - 1);
        // Lines added in this pulse are laid out in the next one; scroll again once they are.
        Platform.runLater(() -> lines.scrollTo(lines.getItems().size() - 1));
    }

    private void refreshItems() {
        if (!Objects.equals(logLines, lines.getItems())) {
            lines.getItems().setAll(logLines);
        }
    }

    /** Whether a log line tells of a failure; django-raster's logs have no levels, only words. */
    static boolean isError(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.contains("failed") || lower.contains("error") || lower.contains("refused")
                || lower.contains("cannot");
    }

    /** Whether a log line is a warning: the parse went on, but the result is not what was wanted. */
    static boolean isWarning(String line) {
        int text = line.indexOf("] ");
        return line.startsWith("Warning", text < 0 ? 0 : text + 2);
    }

    private static final class LogCell extends ListCell<String> {
        @Override
        protected void updateItem(String line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("log-error", "log-warning");
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(line);
            if (isWarning(line)) {
                getStyleClass().add("log-warning");
            } else if (isError(line)) {
                getStyleClass().add("log-error");
            }
        }
    }
}
