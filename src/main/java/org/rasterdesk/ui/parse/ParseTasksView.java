package org.rasterdesk.ui.parse;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.collections.MapChangeListener;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.scene.Node;
import org.controlsfx.control.TaskProgressView;

/**
 * The parses of the window as a task manager (ControlsFX's task progress view, as QGIS shows its tasks): one row per
 * running or queued parse with its phase, rate and time left, a progress bar and a cancel button.
 */
public final class ParseTasksView {

    private final TaskProgressView<ParseProgress> view = new TaskProgressView<>();
    private final Map<Integer, ParseProgress> rows = new HashMap<>();

    public ParseTasksView(ParseQueue queue) {
        view.setId("parse-tasks");
        queue.parses().addListener((MapChangeListener<Integer, QueuedParse>) change -> {
            if (change.wasRemoved()) {
                ParseProgress row = rows.remove(change.getKey());
                if (row != null) {
                    view.getTasks().remove(row);
                }
            }
            if (change.wasAdded()) {
                ParseProgress row = new ParseProgress(change.getValueAdded(), queue);
                rows.put(change.getKey(), row);
                view.getTasks().add(row);
            }
        });
        queue.parses().values().forEach(parse -> {
            ParseProgress row = new ParseProgress(parse, queue);
            rows.put(parse.layerId(), row);
            view.getTasks().add(row);
        });
    }

    public Node getView() {
        return view;
    }

    /** The rows shown, for tests. */
    public TaskProgressView<ParseProgress> taskView() {
        return view;
    }

    /**
     * One parse as a row of the task view. It only mirrors the parse, which runs in the parse queue: the row is
     * never run itself, and its cancel button cancels the parse.
     */
    public static final class ParseProgress extends Task<Void> {

        private final QueuedParse parse;

        ParseProgress(QueuedParse parse, ParseQueue queue) {
            this.parse = parse;
            updateTitle("Parsing " + (parse.layerName() == null || parse.layerName().isBlank()
                    ? "layer " + parse.layerId() : parse.layerName()));
            InvalidationListener changed = this::show;
            for (Observable o : new Observable[] {parse.stateProperty(), parse.phaseProperty(),
                    parse.fractionProperty(), parse.tilesPerSecondProperty(), parse.secondsLeftProperty(),
                    parse.cancellingProperty()}) {
                o.addListener(changed);
            }
            stateProperty().addListener((obs, was, now) -> {
                if (now == Worker.State.CANCELLED) {
                    queue.cancel(parse.layerId());
                }
            });
            show(null);
        }

        public QueuedParse parse() {
            return parse;
        }

        private void show(Observable ignored) {
            if (parse.stateProperty().get() == QueuedParse.State.QUEUED) {
                updateMessage("Queued");
                updateProgress(0, 1);
                return;
            }
            updateMessage(ParseStatusCell.progressText(parse.phaseProperty().get(), parse.cancellingProperty().get(),
                    parse.tilesPerSecondProperty().get(), parse.secondsLeftProperty().get()));
            double fraction = parse.fractionProperty().get();
            updateProgress(fraction < 0 ? -1 : fraction, 1);
        }

        @Override
        protected Void call() {
            throw new UnsupportedOperationException("the parse queue runs the parse; this row only shows it");
        }
    }
}
