package org.rasterdesk.ui.parse;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
public final class ParseTasksView implements AutoCloseable {

    private final TaskProgressView<ParseProgress> view = new TaskProgressView<>();
    private final Map<Integer, ParseProgress> rows = new HashMap<>();
    /**
     * The view enables a row's cancel button only while its task runs, so each row waits for the end of its parse
     * on a thread of its own (parked, no CPU); the parse itself runs in the parse queue.
     */
    private final ExecutorService waiting = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "parse-task-row");
        t.setDaemon(true);
        return t;
    });

    public ParseTasksView(ParseQueue queue) {
        view.setId("parse-tasks");
        // Room for about four rows: the view's own preferred size is mostly empty.
        view.setPrefSize(460, 260);
        queue.parses().addListener((MapChangeListener<Integer, QueuedParse>) change -> {
            if (change.wasRemoved()) {
                ParseProgress row = rows.remove(change.getKey());
                if (row != null) {
                    view.getTasks().remove(row);
                }
            }
            if (change.wasAdded()) {
                add(change.getValueAdded(), queue);
            }
        });
        queue.parses().values().forEach(parse -> add(parse, queue));
    }

    private void add(QueuedParse parse, ParseQueue queue) {
        ParseProgress row = new ParseProgress(parse, queue);
        rows.put(parse.layerId(), row);
        view.getTasks().add(row);
        waiting.execute(row);
    }

    /** Lets the rows' threads go; the window is closing. */
    @Override
    public void close() {
        rows.values().forEach(ParseProgress::release);
        waiting.shutdownNow();
    }

    public Node getView() {
        return view;
    }

    /** The rows shown, for tests. */
    public TaskProgressView<ParseProgress> taskView() {
        return view;
    }

    /**
     * One parse as a row of the task view. It mirrors the parse, which runs in the parse queue: running, the row
     * only waits for the parse to end; its cancel button cancels the parse.
     */
    public static final class ParseProgress extends Task<Void> {

        private final QueuedParse parse;
        private final CountDownLatch ended = new CountDownLatch(1);

        ParseProgress(QueuedParse parse, ParseQueue queue) {
            this.parse = parse;
            updateTitle("Parsing " + (parse.layerName() == null || parse.layerName().isBlank()
                    ? "layer " + parse.layerId() : parse.layerName()));
            InvalidationListener changed = this::show;
            for (Observable o : new Observable[] {parse.stateProperty(), parse.phaseProperty(),
                    parse.fractionProperty(), parse.tilesPerSecondProperty(), parse.secondsLeftProperty(),
                    parse.cancellingProperty(), parse.databaseLostProperty()}) {
                o.addListener(changed);
            }
            stateProperty().addListener((obs, was, now) -> {
                if (now == Worker.State.CANCELLED) {
                    queue.cancel(parse.layerId());
                }
            });
            parse.stateProperty().addListener((obs, was, now) -> {
                if (now == QueuedParse.State.DONE) {
                    release();
                }
            });
            show(null);
        }

        void release() {
            ended.countDown();
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
            updateMessage(ParseStatusCell.progressText(parse));
            double fraction = parse.fractionProperty().get();
            updateProgress(fraction < 0 ? -1 : fraction, 1);
        }

        @Override
        protected Void call() throws InterruptedException {
            ended.await();
            return null;
        }
    }
}
