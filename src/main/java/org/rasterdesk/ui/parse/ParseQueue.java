package org.rasterdesk.ui.parse;

import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The window's parses: each runs as a {@link BackgroundTask} on the injected executor, at most {@code maxRunning} at a time,
 * the others wait in order. Every method is called on the FX thread. A cancel only raises the flag the engine polls
 * between units of work: the thread is never interrupted in the middle of a database write, and the slot frees when
 * the parse has really stopped (within about a second, with the layer's previous tiles kept).
 */
public final class ParseQueue {

    public static final int DEFAULT_MAX_RUNNING = 2;

    /**
     * @param upload the new layer's file going into the database while it is parsed, or null
     * @param added  the sources added to the layer's mosaic by this parse, or null
     */
    private record Pending(QueuedParse parse, ParseRunner runner, PendingUpload upload, List<String> added) {
    }

    private final TaskExecutor executor;
    private final TaskExecutor watching;
    private final int maxRunning;
    private final ObjectProperty<ParseRunner> runner = new SimpleObjectProperty<>(this, "runner");
    private final ObjectProperty<WorkerParseRunner> workers = new SimpleObjectProperty<>(this, "workers");
    private final BooleanProperty onWorkers = new SimpleBooleanProperty(this, "onWorkers");
    /** Layers whose stored status is looked at for a parse on workers to follow. */
    /** Whether a look for parses on workers runs now. */
    private boolean lookingForWorkerParses;
    /** Parses of this window that run here (as opposed to followed on workers): they take the slots. */
    private int runningHere;
    private final ObservableMap<Integer, QueuedParse> parses = FXCollections.observableHashMap();
    private final ObservableMap<Integer, QueuedParse> readOnlyParses = FXCollections.unmodifiableObservableMap(parses);
    private final ObservableMap<Integer, QueuedParse> ended = FXCollections.observableHashMap();
    private final ObservableMap<Integer, QueuedParse> readOnlyEnded = FXCollections.unmodifiableObservableMap(ended);
    private final Deque<Pending> waiting = new ArrayDeque<>();
    /** Parses of other programs this window asked to stop and follows until they have: they take no slot. */
    private final java.util.Set<QueuedParse> stopping = new java.util.HashSet<>();
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(this, "running");
    private final ReadOnlyIntegerWrapper queued = new ReadOnlyIntegerWrapper(this, "queued");
    private final List<Consumer<QueuedParse>> finishListeners = new ArrayList<>();

    /** @param executor runs the parses; give it at least {@code maxRunning} threads of its own */
    public ParseQueue(TaskExecutor executor, int maxRunning) {
        this(executor, maxRunning, executor);
    }

    /**
     * @param watching follows parses that workers run (a thread each while it lasts, mostly asleep): give it
     *                 threads of its own
     */
    public ParseQueue(TaskExecutor executor, int maxRunning, TaskExecutor watching) {
        this.executor = executor;
        this.maxRunning = maxRunning;
        this.watching = watching;
    }

    public ParseQueue(TaskExecutor executor) {
        this(executor, DEFAULT_MAX_RUNNING);
    }

    /** What runs a parse: the open database's; null while there is none. A parse keeps the runner it started with. */
    public ObjectProperty<ParseRunner> runnerProperty() {
        return runner;
    }

    /** What queues parses on the workers of the open database and follows them; null while there is none. */
    public ObjectProperty<WorkerParseRunner> workersProperty() {
        return workers;
    }

    /** "Parse on workers": new parses are queued for {@code rasterdesk worker}s instead of run here. */
    public BooleanProperty onWorkersProperty() {
        return onWorkers;
    }

    /** Parses waiting or running, by layer id. A parse leaves the map when it has ended. */
    public ObservableMap<Integer, QueuedParse> parses() {
        return readOnlyParses;
    }

    /** The last parse of each layer that ended in this window, by layer id. */
    public ObservableMap<Integer, QueuedParse> ended() {
        return readOnlyEnded;
    }

    /** The last parse of the layer if it failed without a stored trace ({@link QueuedParse#failedUnrecorded}). */
    public QueuedParse unrecordedFailure(int layerId) {
        QueuedParse last = ended.get(layerId);
        return last != null && last.failedUnrecorded() ? last : null;
    }

    /** The waiting or running parse of a layer, null when there is none. */
    public QueuedParse find(int layerId) {
        return parses.get(layerId);
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty queuedProperty() {
        return queued.getReadOnlyProperty();
    }

    /** Called on the FX thread with each parse that has ended, whether finished, failed or cancelled. */
    public void addFinishListener(Consumer<QueuedParse> listener) {
        finishListeners.add(listener);
    }

    /**
     * Parses a layer (again): now when a slot is free, else after the parses before it. A layer already waiting or
     * running is not queued twice; its parse is returned.
     *
     * @throws IllegalStateException when there is no runner (no database)
     */
    public QueuedParse start(int layerId, String layerName) {
        return start(layerId, layerName, null);
    }

    /**
     * As {@link #start(int, String)}, for a new layer whose file is parsed from the disk while its upload stores it.
     *
     * @param upload the layer's upload, or null to parse the layer from its stored source
     */
    public QueuedParse start(int layerId, String layerName, PendingUpload upload) {
        QueuedParse existing = parses.get(layerId);
        if (existing != null) {
            return existing;
        }
        WorkerParseRunner remote = workers.get();
        if (onWorkers.get() && remote != null) {
            return launchOnWorkers(new QueuedParse(layerId, layerName, true), remote, upload);
        }
        ParseRunner current = runner.get();
        if (current == null) {
            throw new IllegalStateException("There is no database to parse into");
        }
        QueuedParse parse = new QueuedParse(layerId, layerName);
        parses.put(layerId, parse);
        waiting.addLast(new Pending(parse, current, upload, null));
        launchWaiting();
        return parse;
    }

    /**
     * Adds rasters to a mosaic layer: a parse of the tiles they touch, queued as any parse; with "Parse on workers"
     * on, the workers make them, a job per file. A layer already waiting or running is not queued twice.
     */
    public QueuedParse add(int layerId, String layerName, List<String> sources) {
        QueuedParse existing = parses.get(layerId);
        if (existing != null) {
            return existing;
        }
        WorkerParseRunner remote = workers.get();
        if (onWorkers.get() && remote != null) {
            QueuedParse parse = new QueuedParse(layerId, layerName, true);
            List<String> added = List.copyOf(sources);
            launchWorkers(parse, feed -> remote.queueAddition(layerId, added, feed, parse.cancelRequested::get,
                    parse.detached::get));
            return parse;
        }
        ParseRunner current = runner.get();
        if (current == null) {
            throw new IllegalStateException("There is no database to parse into");
        }
        QueuedParse parse = new QueuedParse(layerId, layerName);
        parses.put(layerId, parse);
        waiting.addLast(new Pending(parse, current, null, List.copyOf(sources)));
        launchWaiting();
        return parse;
    }

    /**
     * Cancels the parse of a layer: a waiting one leaves the queue at once, a running one stops at its next check.
     *
     * @return whether the layer had a parse to cancel
     */
    public boolean cancel(int layerId) {
        QueuedParse parse = parses.get(layerId);
        if (parse == null || parse.isCancelRequested()) {
            return parse != null;
        }
        parse.requestCancel();
        if (parse.stateProperty().get() == QueuedParse.State.QUEUED) {
            ParseRunner owner = waiting.stream().filter(p -> p.parse() == parse).map(Pending::runner)
                    .findFirst().orElse(null);
            waiting.removeIf(p -> p.parse() == parse);
            parse.addLogLines(List.of(ParseStatusRepository.logLine(LocalDateTime.now(),
                    "Parse cancelled before it started.")));
            ended(parse, null, null, false);
            if (owner != null) {
                // The save that queued it may have reset the layer: its tiles' state comes back, and the list
                // shows it once it has.
                BackgroundTask.of(() -> {
                    owner.cancelledBeforeStart(layerId);
                    return null;
                }).describedAs("Restoring layer " + layerId + " after a cancel failed")
                        .onSuccess(done -> finishListeners.forEach(l -> l.accept(parse)))
                        .executeWith(executor);
            }
        }
        return true;
    }

    /**
     * Cancels the layer's local parse that another program runs on this database (a terminal's {@code rasterdesk
     * parse}, another window), as {@code rasterdesk cancel LAYER} does: the request is stored for that program, and
     * the layer's row says "Cancelling…" until it has stopped. It takes no parse slot. A parse of this window's is
     * cancelled as {@link #cancel} does.
     *
     * @throws IllegalStateException when there is no runner (no database)
     */
    public QueuedParse cancelElsewhere(int layerId, String layerName) {
        QueuedParse existing = parses.get(layerId);
        if (existing != null) {
            cancel(layerId);
            return existing;
        }
        ParseRunner current = runner.get();
        if (current == null) {
            throw new IllegalStateException("There is no database to cancel a parse in");
        }
        QueuedParse parse = new QueuedParse(layerId, layerName);
        parse.requestCancel();
        stopping.add(parse);
        parses.put(layerId, parse);
        run(parse, feed -> current.cancelElsewhere(layerId, feed, () -> !parse.detached.get()), watching);
        return parse;
    }

    /** Cancels every parse this window runs, as when the window closes; parses on workers go on without it. */
    public void cancelAll() {
        for (QueuedParse parse : List.copyOf(parses.values())) {
            if (parse.onWorkers() || stopping.contains(parse)) {
                parse.detached.set(true);
            } else {
                cancel(parse.layerId());
            }
        }
    }

    /**
     * Follows the parses on workers of listed layers that have none here, from the moment they are queued: parses
     * queued by another client ({@code rasterdesk parse --queue}, another window) show as this window's own do,
     * "Waiting for a worker" until one takes them, and can be cancelled from here. One query for all layers; a call
     * while one runs is dropped (the next list change or poll asks again).
     */
    public void followWorkerParses(List<LayerSummary> layers) {
        WorkerParseRunner remote = workers.get();
        if (remote == null || lookingForWorkerParses) {
            return;
        }
        lookingForWorkerParses = true;
        BackgroundTask.of(remote::underWay)
                .describedAs("Looking for parses on workers")
                .onFinished(() -> lookingForWorkerParses = false)
                .onSuccess(underWay -> {
                    for (LayerSummary layer : layers) {
                        int id = layer.id();
                        Long parseId = underWay.get(id);
                        if (parseId == null || parses.containsKey(id) || workers.get() != remote) {
                            continue;
                        }
                        QueuedParse parse = new QueuedParse(id, layer.name(), true);
                        parse.addLogLines(List.of(ParseStatusRepository.logLine(LocalDateTime.now(),
                                "Following the parse on workers queued by another client.")));
                        launchWorkers(parse, feed -> remote.follow(id, parseId, feed, parse.cancelRequested::get,
                                parse.detached::get));
                    }
                })
                .onFailure(failure -> { })
                .executeWith(executor);
    }

    /**
     * A new layer's file goes into the database first: the workers read it from there. A pre-flight that warns is
     * asked about before the parse is queued, as before a local parse.
     */
    private QueuedParse launchOnWorkers(QueuedParse parse, WorkerParseRunner remote, PendingUpload upload) {
        launchWorkers(parse, feed -> {
            if (upload != null) {
                upload.start(parse.cancelRequested::get);
                upload.await();
            }
            List<java.nio.file.Path> local = upload != null ? upload.files() : List.of();
            return remote.queue(parse.layerId(), local, feed, parse.cancelRequested::get, parse.detached::get);
        });
        return parse;
    }

    /** A parse on workers takes no slot here: it is followed at once, however many run. */
    private void launchWorkers(QueuedParse parse, Run follow) {
        parses.put(parse.layerId(), parse);
        run(parse, follow, watching);
    }

    /** One parse's work on its thread, reporting to its feed. */
    @FunctionalInterface
    private interface Run {
        ParseResult call(ParseFeed feed) throws Exception;
    }

    private void launchWaiting() {
        while (runningHere < maxRunning && !waiting.isEmpty()) {
            launch(waiting.removeFirst());
        }
        queued.set(waiting.size());
    }

    private void launch(Pending pending) {
        runningHere++;
        QueuedParse parse = pending.parse();
        run(parse, feed -> pending.added() != null
                ? pending.runner().add(parse.layerId(), pending.added(), feed, parse.cancelRequested::get)
                : pending.upload() != null
                ? pending.runner().parse(pending.upload(), feed, parse.cancelRequested::get)
                : pending.runner().parse(parse.layerId(), feed, parse.cancelRequested::get), executor);
    }

    private void run(QueuedParse parse, Run work, TaskExecutor on) {
        ParseFeed feed = new ParseFeed(parse);
        parse.setState(QueuedParse.State.RUNNING);
        running.set(running.get() + 1);
        BackgroundTask.of(() -> work.call(feed))
                .describedAs("Parse of layer " + parse.layerId() + " could not run")
                .onFinished(feed::flush)
                .onSuccess(result -> {
                    // A parse that fails before it starts its log (a source it cannot read) leaves nothing stored.
                    boolean unrecorded = result.status() == ParseStatus.FAILED && parse.logLines().isEmpty();
                    if (unrecorded) {
                        parse.addLogLines(List.of(ParseStatusRepository.logLine(LocalDateTime.now(),
                                "Parsing failed: " + result.message())));
                    }
                    ended(parse, result, null, unrecorded);
                })
                .onFailure(failure -> {
                    String text = ErrorText.of(failure);
                    parse.addLogLines(List.of(ParseStatusRepository.logLine(LocalDateTime.now(),
                            "Parsing failed: " + text)));
                    ended(parse, null, text, true);
                })
                .executeWith(on);
    }

    private void ended(QueuedParse parse, ParseResult result, String failure, boolean unrecorded) {
        boolean wasRunning = parse.stateProperty().get() == QueuedParse.State.RUNNING;
        parse.finish(result, failure, unrecorded);
        ended.put(parse.layerId(), parse);
        parses.remove(parse.layerId());
        if (wasRunning) {
            running.set(running.get() - 1);
            if (!parse.onWorkers() && !stopping.remove(parse)) {
                runningHere--;
            }
        }
        launchWaiting();
        for (Consumer<QueuedParse> listener : List.copyOf(finishListeners)) {
            listener.accept(parse);
        }
    }
}
