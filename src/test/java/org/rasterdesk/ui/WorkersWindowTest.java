package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParseRuns;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.TileWritesHeld;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.layers.LayerIntake;
import org.rasterdesk.ui.parse.QueuedParse;
import org.rasterdesk.work.WorkerProcesses;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window with a real {@code rasterdesk worker} process on the test PostGIS: the status bar counts the worker,
 * "Parse on workers" queues a parse that the worker runs while the layer's row shows its progress move and finish,
 * a parse queued from a terminal ({@code rasterdesk parse --queue}) shows the same way, and several files ask
 * whether they make one mosaic layer.
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class WorkersWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("workers-test");

    private static final Pattern MADE_BY = Pattern.compile("Worker \\S+:(\\d+) made zoom");

    private static Database database;
    private static Process worker;

    private MainWindow window;
    private final List<LayerIntake.Outcome> outcomes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startWorker() throws IOException {
        database = TestDatabase.shared();
        worker = WorkerProcesses.startWorker("window-test");
    }

    @AfterAll
    static void stopWorker() throws InterruptedException {
        worker.destroy();
        if (!worker.waitFor(60, TimeUnit.SECONDS)) {
            worker.destroyForcibly();
        }
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.intake().addOutcomeListener(outcomes::add);
        MainWindowFixture.show(stage, window, 1100, 700);
    }

    @Test
    void aParseOnWorkersShowsItsProgressMoveAndFinishWhileTheWorkerProcessDoesTheWork(FxRobot robot)
            throws Exception {
        awaitLiveWorker(robot);
        robot.clickOn("Parse").clickOn("Parse on workers");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.parseQueue().onWorkersProperty().get(), "the menu item turned the setting on");

        // Zoom 16: 784 max-zoom tiles, 28 rows of 28, in blocks of nine rows: four jobs for the worker.
        Path file = ParsedFile.data("real/LisbonElevation.tif");
        RasterLayer layer = new LayerUploads(database.dataSource()).create(RasterLayer.create("on a worker")
                .withDatatype(DataType.CONTINUOUS).withMaxZoom(16).withStoreReprojected(false), file, false);
        List<Double> fractions = new CopyOnWriteArrayList<>();
        List<String> texts = new CopyOnWriteArrayList<>();
        AtomicReference<QueuedParse> started = new AtomicReference<>();
        // What the layer's row says while the worker parses: its status cell's progress text. The row is scrolled
        // into view: in the whole suite the shared database holds other tests' layers, and only shown rows have cells.
        Callable<Void> lookAtTheRow = () -> WaitForAsyncUtils.asyncFx(() -> {
            LayerRows.scrollTo(window, layer.id());
            robot.lookup(".parse-progress-text").queryAllAs(Label.class).forEach(l -> texts.add(l.getText()));
        }).get();
        // Once a block is done the others wait, until the window has shown the progress between the blocks: a
        // worker let run could make them all between two looks at the row.
        try (TileWritesHeld held = TileWritesHeld.afterBlocks(database.settings(), layer.id(), 1)) {
            robot.interact(() -> {
                window.layerList().refresh();
                QueuedParse parse = window.parseQueue().start(layer.id(), layer.name());
                started.set(parse);
                parse.fractionProperty().addListener((obs, was, now) -> fractions.add(now.doubleValue()));
            });
            assertTrue(started.get().onWorkers());
            // Zoom 16 is three levels finer than the raster's 13: asked about before the parse is queued.
            parseAnyway(robot);
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> {
                lookAtTheRow.call();
                return fractions.stream().anyMatch(f -> f > 0.05 && f < 0.9)
                        && texts.stream().anyMatch(t -> t.contains("Creating tiles") || t.endsWith("%"));
            });
        }
        WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> {
            lookAtTheRow.call();
            return started.get().isDone();
        });
        ParseStatus status = started.get().resultProperty().get().status();
        String log = log(layer.id());
        assertEquals(ParseStatus.FINISHED, status, log);
        assertTrue(fractions.stream().anyMatch(f -> f > 0.05 && f < 0.9),
                "the progress moved between the blocks: " + fractions);
        // The row's progress while the worker made tiles ("On workers · Creating tiles · …" where it fits).
        assertTrue(texts.stream().anyMatch(t -> t.contains("Creating tiles") || t.endsWith("%")), texts.toString());
        Matcher m = MADE_BY.matcher(log);
        assertTrue(m.find() && Long.parseLong(m.group(1)) == worker.pid(), "the worker process made the tiles: "
                + log);
        assertTrue(new TileRepository(database.dataSource()).count(layer.id()) > 700);
        assertTrue(started.get().logLines().stream().anyMatch(l -> l.contains("Queued for the workers")),
                started.get().logLines().toString());
        assertTrue(started.get().logLines().stream().anyMatch(l -> l.contains("Successfully finished")),
                "the log pane's lines came live: " + started.get().logLines());
        robot.interact(() -> window.parseQueue().onWorkersProperty().set(false));
    }

    @Test
    void theCancelButtonStopsAParseOnWorkersAndPutsTheLayerBack(FxRobot robot) throws Exception {
        awaitLiveWorker(robot);
        robot.interact(() -> window.parseQueue().onWorkersProperty().set(true));
        RasterLayer layer = new LayerUploads(database.dataSource()).create(RasterLayer.create("cancelled in window")
                .withDatatype(DataType.CONTINUOUS).withMaxZoom(16).withStoreReprojected(false),
                ParsedFile.data("real/LisbonElevation.tif"), false);
        AtomicReference<QueuedParse> started = new AtomicReference<>();
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream().anyMatch(l -> l.id() == layer.id()));
        robot.interact(() -> {
            LayerRows.select(window, layer.id());
            started.set(window.parseQueue().start(layer.id(), layer.name()));
        });
        // Once the worker has made a block, the tool bar's Cancel; the other blocks wait meanwhile, so the parse
        // cannot have ended first.
        try (TileWritesHeld held = TileWritesHeld.afterBlocks(database.settings(), layer.id(), 1)) {
            parseAnyway(robot);
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> started.get().fractionProperty().get() > 0.05
                    || started.get().isDone());
            assertFalse(started.get().isDone(), log(layer.id()));
            robot.clickOn("#cancel-parse");
        }
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> started.get().isDone());
        assertTrue(started.get().resultProperty().get().cancelled(), started.get().logLines().toString());
        assertEquals(ParseStatus.UNPARSED, status(layer.id()), log(layer.id()));
        assertTrue(log(layer.id()).contains("Parsing on workers was cancelled; the layer has no tiles."),
                log(layer.id()));
        assertEquals(0, new TileRepository(database.dataSource()).count(layer.id()));
        robot.interact(() -> window.parseQueue().onWorkersProperty().set(false));
    }

    @Test
    void aParseQueuedFromATerminalShowsInTheWindowUntilItFinishes(FxRobot robot) throws Exception {
        awaitLiveWorker(robot);
        AtomicReference<QueuedParse> followed = new AtomicReference<>();
        int layerId;
        // Runs an earlier parse left unfinished are cleaned up now: the command cleans them up when it opens the
        // database, and would wait for the hold below.
        new ParseRuns(database.dataSource()).recoverInterrupted();
        // The worker's tiles wait until the window follows the parse: a parse on a fast worker could end before the
        // window's list looked again.
        try (TileWritesHeld held = new TileWritesHeld(database.settings())) {
            // Zoom 16: 784 max-zoom tiles in blocks of one row, 28 jobs.
            String out = run("parse", "--db", url(), "--queue", "--yes", "--block-tiles", "28", "--max-zoom", "16",
                    "--no-store-reprojected", "--name", "queued elsewhere",
                    ParsedFile.data("real/LisbonElevation.tif").toString());
            Matcher created = Pattern.compile("Created layer (\\d+)").matcher(out);
            assertTrue(created.find(), out);
            layerId = Integer.parseInt(created.group(1));
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> {
                // The list reloads every 5 s by itself.
                QueuedParse p = WaitForAsyncUtils.asyncFx(() -> {
                    window.layerList().refresh();
                    return window.parseQueue().find(layerId);
                }).get();
                if (p != null) {
                    followed.set(p);
                }
                return followed.get() != null;
            });
        }
        assertTrue(followed.get().onWorkers());
        OnFx.waitUntil(() -> followed.get().isDone());
        assertEquals(ParseStatus.FINISHED, followed.get().resultProperty().get().status(), log(layerId));
        assertTrue(followed.get().logLines().stream().anyMatch(l -> l.contains("made zoom")),
                followed.get().logLines().toString());
    }

    @Test
    void severalFilesAskAndMakeOneMosaicLayer(FxRobot robot, @TempDir Path dir) throws Exception {
        awaitLiveWorker(robot);
        // Two overlapping pieces of one real raster, cut by GDAL.
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path a = dir.resolve("scene_west.tif");
        Path b = dir.resolve("scene_east.tif");
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "0", "0", "100", "174",
                whole.toString(), a.toString());
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "60", "0", "103", "174",
                whole.toString(), b.toString());
        robot.interact(() -> window.intake().addFiles(List.of(a, b)));
        OnFx.waitUntil(() -> robot.lookup("#several-files-question").tryQuery().isPresent());
        TextField name = robot.lookup("#mosaic-name").queryAs(TextField.class);
        assertEquals("scene mosaic", name.getText(), "the files' common name");
        robot.interact(() -> name.setText("two scenes"));
        robot.clickOn("One mosaic layer");
        OnFx.waitUntil(() -> !outcomes.isEmpty());
        LayerIntake.Outcome outcome = outcomes.get(0);
        assertEquals(List.of(), outcome.refused());
        assertEquals(1, outcome.created().size(), "one layer of both files");
        RasterLayer layer = outcome.created().get(0);
        assertEquals("two scenes", layer.name());
        assertEquals(2, new MosaicFiles(database.dataSource()).find(layer.id()).orElseThrow().files().size());
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                window.parseQueue().find(layer.id()) == null).get() && !status(layer.id()).isInProgress()
                && status(layer.id()) != ParseStatus.UNPARSED);
        assertEquals(ParseStatus.FINISHED, status(layer.id()), log(layer.id()));

        // One zip of both pieces asks the same, and its rasters make the mosaic.
        Path zip = dir.resolve("scenes.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path p : List.of(a, b)) {
                out.putNextEntry(new java.util.zip.ZipEntry(p.getFileName().toString()));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        outcomes.clear();
        robot.interact(() -> window.intake().addFiles(List.of(zip)));
        OnFx.waitUntil(() -> robot.lookup("#several-files-question").tryQuery().isPresent());
        robot.clickOn("One mosaic layer");
        OnFx.waitUntil(() -> !outcomes.isEmpty());
        RasterLayer zipped = outcomes.get(0).created().get(0);
        assertEquals(List.of("scene_east.tif", "scene_west.tif"), new MosaicFiles(database.dataSource())
                .find(zipped.id()).orElseThrow().files().stream().map(f -> f.name()).toList(),
                "the zip's rasters in the order of their names");
    }

    /** Answers "Parse anyway" to the pre-flight's question, asked before a parse on workers is queued. */
    private static void parseAnyway(FxRobot robot) throws TimeoutException {
        Dialogs.press(robot, Dialogs.await(robot, "#preflight-dialog"), "Parse anyway");
    }

    private void awaitLiveWorker(FxRobot robot) throws TimeoutException {
        Label count = robot.lookup("#status-workers").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
            assertTrue(worker.isAlive(), "the worker stopped; see target/worker-logs");
            String text = WaitForAsyncUtils.asyncFx(count::getText).get();
            return text != null && text.matches("\\d+ workers?");
        });
        assertFalse(count.getText().isEmpty());
    }

    private ParseStatus status(int layerId) {
        return new ParseStatusRepository(database.dataSource()).status(layerId);
    }

    private String log(int layerId) {
        return new ParseStatusRepository(database.dataSource()).find(layerId).map(LayerParseStatus::log)
                .orElse("");
    }

    private static String run(String... args) throws Exception {
        return WorkerProcesses.run(args);
    }

    private static String url() {
        return WorkerProcesses.url();
    }
}
