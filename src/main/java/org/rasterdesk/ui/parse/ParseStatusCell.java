package org.rasterdesk.ui.parse;

import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;

/**
 * The status column of the layer list: a coloured mark and django-raster's status text, or, while this window
 * parses the layer, a progress bar with the phase and per cent done (as QGIS's task list shows a task); the tile rate
 * and the time left are added when the column has room, and the whole line is in the cell's tooltip.
 */
public final class ParseStatusCell extends TableCell<LayerSummary, ParseStatus> {

    private static final String[] STATUS_CLASSES = {"parse-failed", "parse-running", "parse-finished",
            "parse-unparsed", "parse-queued", "parse-warning"};

    /** What a parse's progress says while it waits for a database that went away. */
    public static final String DATABASE_LOST_TEXT = "Database unavailable, retrying…";
    static final String WAITING_FOR_WORKER = "Waiting for a worker";
    static final String ON_WORKERS = "On workers · ";

    private final IntFunction<QueuedParse> parses;
    private final IntFunction<QueuedParse> unrecordedFailures;
    private final Region mark = new Region();
    private final HBox markBox = new HBox(mark);
    private final ProgressBar bar = new ProgressBar();
    private final Label barText = new Label();
    private final StackPane progress = new StackPane(bar, barText);
    private final InvalidationListener parseChanged = this::showParse;
    private final Tooltip progressTip = new Tooltip();
    private QueuedParse shown;

    /**
     * @param parses             the running or waiting parse of a layer id, null when there is none
     * @param unrecordedFailures the layer's last parse here if it failed without storing its status, else null
     */
    public ParseStatusCell(IntFunction<QueuedParse> parses, IntFunction<QueuedParse> unrecordedFailures) {
        this.parses = parses;
        this.unrecordedFailures = unrecordedFailures;
        mark.getStyleClass().add("status-mark");
        mark.setMinSize(10, 10);
        mark.setPrefSize(10, 10);
        mark.setMaxSize(10, 10);
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.getStyleClass().add("parse-progress");
        barText.getStyleClass().add("parse-progress-text");
        progress.getStyleClass().add("parse-progress-pane");
        progress.setMinWidth(0);
        // A narrower or wider column chooses another of the progress texts.
        widthProperty().addListener((obs, was, now) -> showParse(null));
    }

    @Override
    protected void updateItem(ParseStatus status, boolean empty) {
        super.updateItem(status, empty);
        LayerSummary layer = empty || getTableRow() == null ? null : getTableRow().getItem();
        QueuedParse parse = layer == null ? null : parses.apply(layer.id());
        if (parse != shown) {
            if (shown != null) {
                observed(shown).forEach(o -> o.removeListener(parseChanged));
            }
            shown = parse;
            if (parse != null) {
                observed(parse).forEach(o -> o.addListener(parseChanged));
            }
        }
        getStyleClass().removeAll(STATUS_CLASSES);
        setTooltip(null);
        if (empty || status == null) {
            setText(null);
            setGraphic(null);
        } else if (parse != null) {
            showParse(null);
        } else {
            // The stored status cannot tell of a parse that failed before it could store anything.
            QueuedParse failed = status == ParseStatus.UNPARSED ? unrecordedFailures.apply(layer.id()) : null;
            ParseStatus shownStatus = failed != null ? ParseStatus.FAILED : status;
            boolean noTiles = failed == null && layer.finishedEmpty();
            setText(noTiles ? layer.statusText() : shownStatus.displayText());
            setGraphic(markBox);
            if (failed != null) {
                setTooltip(new Tooltip(failed.lastLogLineProperty().get()));
            } else if (noTiles) {
                setTooltip(new Tooltip("The parse finished but made no tiles: every pixel is nodata. "
                        + "Check the layer's nodata value."));
            }
            getStyleClass().add(noTiles ? "parse-warning" : styleClassOf(shownStatus));
        }
    }

    private static List<Observable> observed(QueuedParse p) {
        return List.of(p.stateProperty(), p.phaseProperty(), p.fractionProperty(),
                p.tilesPerSecondProperty(), p.secondsLeftProperty(), p.cancellingProperty(),
                p.databaseLostProperty());
    }

    private void showParse(Observable ignored) {
        QueuedParse parse = shown;
        if (parse == null) {
            return;
        }
        getStyleClass().removeAll(STATUS_CLASSES);
        setText(null);
        setGraphic(progress);
        if (parse.stateProperty().get() == QueuedParse.State.QUEUED) {
            getStyleClass().add("parse-queued");
            bar.setProgress(0);
            barText.setText("Queued");
            return;
        }
        getStyleClass().add("parse-running");
        double fraction = parse.fractionProperty().get();
        bar.setProgress(fraction < 0 ? ProgressBar.INDETERMINATE_PROGRESS : fraction);
        List<String> texts = progressTexts(parse);
        barText.setText(fitting(texts, barText.getFont(), textRoom()));
        progressTip.setText(texts.get(0));
        setTooltip(progressTip);
    }

    /** The width the progress text has inside this cell: the cell's less its own and the label's padding. */
    private double textRoom() {
        double width = getWidth() > 0 ? getWidth() : getTableColumn() == null ? 0 : getTableColumn().getWidth();
        return width - snappedLeftInset() - snappedRightInset() - barText.snappedLeftInset()
                - barText.snappedRightInset();
    }

    /** The first of these texts (longest first) that fits the width in this font whole, else the last. */
    static String fitting(List<String> texts, Font font, double width) {
        Text probe = new Text();
        probe.setFont(font);
        for (String text : texts) {
            probe.setText(text);
            if (probe.getLayoutBounds().getWidth() <= width) {
                return text;
            }
        }
        return texts.get(texts.size() - 1);
    }

    /**
     * What a running parse's progress can say, from the whole line to the shortest: "Creating tiles · 43 % · 240
     * tiles/s · 0:42 left", "Creating tiles · 43 %", "43 %".
     */
    static List<String> progressTexts(QueuedParse parse) {
        String whole = progressText(parse);
        double fraction = parse.fractionProperty().get();
        if (whole.equals(DATABASE_LOST_TEXT)) {
            return List.of(whole, "Database away, retrying…", "Retrying…");
        }
        if (parse.cancellingProperty().get()) {
            return List.of(whole);
        }
        ParseStatus phase = parse.phaseProperty().get();
        if (whole.equals(WAITING_FOR_WORKER)) {
            return List.of(whole, "Waiting…");
        }
        // A parse on workers keeps its marker in every shortened form: the row must not look like a local parse.
        String marker = parse.onWorkers() ? ON_WORKERS : "";
        String phaseText = marker + (phase == null ? "Starting" : phase.displayText());
        if (fraction < 0) {
            return List.of(whole, phaseText);
        }
        String percent = percent(fraction);
        return parse.onWorkers()
                ? List.of(whole, phaseText + " · " + percent, "Workers · " + percent, percent)
                : List.of(whole, phaseText + " · " + percent, percent);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", Math.floor(fraction * 100));
    }

    /** What a running parse's progress says now. */
    static String progressText(QueuedParse parse) {
        if (parse.databaseLostProperty().get() && !parse.cancellingProperty().get()) {
            return DATABASE_LOST_TEXT;
        }
        String text = progressText(parse.phaseProperty().get(), parse.cancellingProperty().get(),
                parse.fractionProperty().get(), parse.tilesPerSecondProperty().get(),
                parse.secondsLeftProperty().get());
        if (!parse.onWorkers() || parse.cancellingProperty().get()) {
            return text;
        }
        return parse.phaseProperty().get() == null ? WAITING_FOR_WORKER : ON_WORKERS + text;
    }

    /** "Creating tiles · 43 % · 240 tiles/s · 0:42 left"; a negative fraction is an unknown one. */
    static String progressText(ParseStatus phase, boolean cancelling, double fraction, double tilesPerSecond,
            double secondsLeft) {
        if (cancelling) {
            return "Cancelling…";
        }
        StringBuilder text = new StringBuilder(phase == null ? "Starting" : phase.displayText());
        if (fraction >= 0) {
            text.append(" · ").append(percent(fraction));
        }
        if (phase == ParseStatus.CREATING_TILES && tilesPerSecond > 0) {
            text.append(String.format(Locale.ROOT, " · %.0f tiles/s", tilesPerSecond));
        }
        if (!Double.isNaN(secondsLeft) && secondsLeft >= 0) {
            long s = Math.round(secondsLeft);
            text.append(String.format(Locale.ROOT, " · %d:%02d left", s / 60, s % 60));
        }
        return text.toString();
    }

    static String styleClassOf(ParseStatus status) {
        if (status == ParseStatus.FAILED) {
            return "parse-failed";
        }
        if (status == ParseStatus.FINISHED) {
            return "parse-finished";
        }
        return status.isInProgress() ? "parse-running" : "parse-unparsed";
    }
}
