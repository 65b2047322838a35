package org.rasterdesk.ui.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The queue on parses the test controls: two at a time, the rest in order, cancels, throttled progress. */
@Tag("gui")
class ParseQueueTest {

    private final FxRobot robot = new FxRobot();
    private final BackgroundThreads threads = new BackgroundThreads("queue-test", 4);
    /** Per layer, the latch its parse waits on until the test lets it end. */
    private final Map<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final List<Integer> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger progressCalls = new AtomicInteger();
    private ParseQueue queue;

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() {
        gates.values().forEach(CountDownLatch::countDown);
        threads.close();
    }

    /** A parse that reports progress per "tile" as the engine does, until its gate opens or it is cancelled. */
    private ParseResult fakeParse(int layerId, org.rasterdesk.parse.ParseListener listener,
                                 java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        started.add(layerId);
        listener.phase(ParseStatus.CREATING_TILES);
        listener.logLine("[2026-11-25 10:00:00] Started parsing raster.");
        CountDownLatch gate = gates.computeIfAbsent(layerId, id -> new CountDownLatch(1));
        long tiles = 0;
        while (!gate.await(1, TimeUnit.MILLISECONDS)) {
            if (cancelled.getAsBoolean()) {
                return new ParseResult(ParseStatus.FINISHED, true, "cancelled", new TreeMap<>(), 0);
            }
            tiles++;
            progressCalls.incrementAndGet();
            listener.progress(Math.min(0.99, tiles / 10_000.0), tiles, 1000);
        }
        listener.logLine("[2026-11-25 10:00:05] Successfully finished parsing raster");
        listener.phase(ParseStatus.FINISHED);
        return new ParseResult(ParseStatus.FINISHED, false, "done", new TreeMap<>(Map.of(3, tiles)), 1);
    }

    private void newQueue() {
        robot.interact(() -> {
            queue = new ParseQueue(threads, 2);
            queue.runnerProperty().set(this::fakeParse);
        });
    }

    @Test
    void twoParsesRunAtATimeAndTheThirdWaitsForAFreeSlot() throws TimeoutException {
        newQueue();
        QueuedParse[] parses = new QueuedParse[3];
        robot.interact(() -> {
            for (int i = 0; i < 3; i++) {
                parses[i] = queue.start(i + 1, "layer " + (i + 1));
            }
        });
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> started.size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(1, 2), started.stream().sorted().toList());
        assertEquals(2, queue.runningProperty().get());
        assertEquals(1, queue.queuedProperty().get());
        assertEquals(QueuedParse.State.QUEUED, parses[2].stateProperty().get());

        gates.computeIfAbsent(1, id -> new CountDownLatch(1)).countDown();
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> started.contains(3));
        OnFx.waitUntil(parses[0]::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("[2026-11-25 10:00:00] Started parsing raster.",
                "[2026-11-25 10:00:05] Successfully finished parsing raster"), parses[0].logLines());
        assertEquals(ParseStatus.FINISHED, parses[0].phaseProperty().get());
        assertEquals(0, queue.queuedProperty().get());
        assertEquals(2, queue.runningProperty().get());
    }

    @Test
    void startingALayerThatIsAlreadyQueuedReturnsItsParse() {
        newQueue();
        QueuedParse[] twice = new QueuedParse[2];
        robot.interact(() -> {
            twice[0] = queue.start(7, "seven");
            twice[1] = queue.start(7, "seven");
        });
        assertSame(twice[0], twice[1]);
    }

    @Test
    void cancelStopsARunningParseAndDropsAQueuedOne() throws TimeoutException {
        newQueue();
        QueuedParse[] parses = new QueuedParse[3];
        robot.interact(() -> {
            for (int i = 0; i < 3; i++) {
                parses[i] = queue.start(i + 1, "layer " + (i + 1));
            }
        });
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> started.size() == 2);
        robot.interact(() -> {
            queue.cancel(3);
            queue.cancel(1);
        });
        OnFx.waitUntil(parses[0]::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(parses[0].resultProperty().get().cancelled());
        assertTrue(parses[2].isDone());
        assertEquals(null, parses[2].resultProperty().get(), "the queued parse never ran");
        assertEquals(List.of(1, 2), started.stream().sorted().toList(), "a cancelled queued parse never starts");
        assertEquals(1, queue.runningProperty().get());
        assertEquals(0, queue.queuedProperty().get());
    }

    @Test
    void progressReachesTheFxThreadFarLessOftenThanItIsReported() throws TimeoutException {
        newQueue();
        QueuedParse[] parse = new QueuedParse[1];
        AtomicInteger fxUpdates = new AtomicInteger();
        CountDownLatch gate = gates.computeIfAbsent(1, id -> new CountDownLatch(1));
        robot.interact(() -> {
            // Reports without pause, as a parse of many small tiles does: a report every millisecond or so, as the
            // other tests' parse makes, could be slowed by a busy machine to fewer than the reports of one period,
            // and then the count of reports per update would tell the machine's load, not the feed's throttling.
            queue.runnerProperty().set((id, listener, cancelled) -> {
                long tiles = 0;
                while (gate.getCount() > 0) {
                    tiles++;
                    progressCalls.incrementAndGet();
                    listener.progress(Math.min(0.99, tiles / 1e9), tiles, 1000);
                }
                return new ParseResult(ParseStatus.FINISHED, false, "done", new TreeMap<>(Map.of(3, tiles)), 1);
            });
            parse[0] = queue.start(1, "one");
            parse[0].tilesDoneProperty().addListener((obs, was, now) -> {
                assertTrue(Platform.isFxApplicationThread());
                fxUpdates.incrementAndGet();
            });
        });
        // Several updates, a throttling period apart: the loop, which never waits, reports thousands of times in
        // a period however little of it a busy machine gives the loop.
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> fxUpdates.get() >= 4);
        gate.countDown();
        OnFx.waitUntil(parse[0]::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fxUpdates.get() > 0, "progress was shown");
        assertTrue(fxUpdates.get() * 50 < progressCalls.get(),
                fxUpdates.get() + " updates for " + progressCalls.get() + " progress reports");
    }

    @Test
    void theTaskViewShowsEachParseAndItsCancelButtonCancelsIt() throws Exception {
        newQueue();
        ParseTasksView[] view = new ParseTasksView[1];
        QueuedParse[] parses = new QueuedParse[3];
        robot.interact(() -> {
            view[0] = new ParseTasksView(queue);
            for (int i = 0; i < 3; i++) {
                parses[i] = queue.start(i + 1, "layer " + (i + 1));
            }
        });
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> started.size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        List<ParseTasksView.ParseProgress> rows = List.copyOf(view[0].taskView().getTasks());
        ParseTasksView.ParseProgress first = rows.stream().filter(r -> r.parse() == parses[0]).findFirst()
                .orElseThrow();
        ParseTasksView.ParseProgress third = rows.stream().filter(r -> r.parse() == parses[2]).findFirst()
                .orElseThrow();
        // A task is read on the FX thread.
        assertEquals(List.of("Parsing layer 1", "Parsing layer 2", "Parsing layer 3"), onFx(() ->
                rows.stream().map(ParseTasksView.ParseProgress::getTitle).sorted().toList()));
        assertEquals("Queued", onFx(third::getMessage));
        OnFx.waitUntil(() -> onFx(first::getMessage).startsWith("Creating tiles"));
        // The view enables a row's cancel button only while its task runs: every row does, queued ones too.
        OnFx.waitUntil(() -> onFx(() -> rows.stream().allMatch(Task::isRunning)));

        // The row's cancel button cancels its task, which cancels the parse.
        robot.interact(() -> {
            first.cancel();
        });
        OnFx.waitUntil(parses[0]::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(parses[0].resultProperty().get().cancelled());
        assertTrue(view[0].taskView().getTasks().stream().noneMatch(r -> r.parse() == parses[0]));
        view[0].close();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return OnFx.read(read);
    }

    @Test
    void aParseThatCannotRunEndsWithItsReasonInTheLog() throws TimeoutException {
        newQueue();
        QueuedParse[] parse = new QueuedParse[1];
        robot.interact(() -> {
            queue.runnerProperty().set((id, listener, cancelled) -> {
                throw new java.sql.SQLException("There is no layer " + id);
            });
            parse[0] = queue.start(99, "gone");
        });
        OnFx.waitUntil(parse[0]::isDone);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("There is no layer 99", parse[0].failureProperty().get());
        assertEquals(ParseStatus.FAILED, parse[0].phaseProperty().get());
        assertTrue(parse[0].lastLogLineProperty().get().endsWith("] Parsing failed: There is no layer 99"),
                parse[0].lastLogLineProperty().get());
    }
}
