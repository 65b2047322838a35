package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
import org.rasterdesk.parse.LayerParser;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.parse.QueuedParse;
import org.rasterdesk.work.JobQueue;
import org.rasterdesk.work.StoredTiles;
import org.rasterdesk.work.WorkerProcesses;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Files added from the window to a mosaic layer with "Parse on workers" on: the layer's row shows the addition's
 * progress while a worker process makes its tiles, the layer keeping its tiles until the swap; and the window's
 * Cancel stops a queued addition whose blocks were partly made, the layer's previous tiles, files and status kept.
 * The cancel runs first, while no worker runs.
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MosaicAdditionWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("addition-window-test");

    @TempDir
    static Path work;
    private static List<Path> base;
    private static List<Path> added;
    private static Database database;

    private MainWindow window;

    /** Pieces of the cropland raster (Byte, nodata 255 over the sea): two make the mosaic, two overlap them. */
    @BeforeAll
    static void cutFiles() throws Exception {
        database = TestDatabase.shared();
        Path source = ParsedFile.data("real/openlandmap_cropland_10km_2016.tif");
        base = List.of(GdalRaster.cut(source, work.resolve("scene_a.tif"), 2040, 400, 300, 200),
                GdalRaster.cut(source, work.resolve("scene_b.tif"), 2150, 450, 300, 200));
        added = List.of(GdalRaster.cut(source, work.resolve("scene_c.tif"), 2300, 550, 200, 150),
                GdalRaster.cut(source, work.resolve("scene_d.tif"), 2100, 520, 260, 60));
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        MainWindowFixture.show(stage, window, 1100, 700);
    }

    @Test
    @Order(1)
    void cancellingAQueuedAdditionKeepsTheLayersPreviousTilesFilesAndStatus(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS,
                () -> JobQueue.liveWorkers(database.dataSource()) == 0);
        RasterLayer layer = parsedMosaic("addition cancelled in window");
        Map<String, String> before = StoredTiles.byKey(database.dataSource(), layer.id(), "rid::text");
        long lastRun = new WorkerParseState(database.dataSource()).lastRun(layer.id());
        QueuedParse parse = queueAddition(robot, layer, added.subList(0, 1));
        long parseId = awaitQueued(layer.id());

        // No worker runs: a worker's units run here instead, the plan and the first block, so that the addition is
        // caught with pending tiles written and the rest not made.
        try (WorkerParse units = new WorkerParse(database.dataSource(), "test:" + ProcessHandle.current().pid())) {
            WorkerParse.Planned planned = units.plan(parseId, layer.id(), ParseOptions.defaults(),
                    WorkerParse.DEFAULT_BLOCK_TILES, false, 2).orElseThrow(() -> new AssertionError(log(layer.id())));
            assertTrue(planned.blocks() > 0);
            units.runBlock(parseId, 0);
        }
        assertTrue(pendingTiles(parseId) > 0, "the first block's tiles are written, not yet the layer's");
        OnFx.waitUntil(() -> parse.fractionProperty().get() > 0.05);
        assertFalse(parse.isDone());

        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> LayerRows.select(window, layer.id()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#cancel-parse");
        OnFx.waitUntil(() -> parse.isDone());
        assertTrue(parse.resultProperty().get().cancelled(), parse.logLines().toString());
        assertTrue(new WorkerParseState(database.dataSource()).read(layer.id(), lastRun).ended());

        String log = log(layer.id());
        assertEquals(before, StoredTiles.byKey(database.dataSource(), layer.id(), "rid::text"),
                "every tile of the layer is the row it was: " + log);
        assertEquals(0, pendingTiles(parseId), "the block's pending tiles went with the cancel");
        assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(database.dataSource()).status(layer.id()), log);
        assertTrue(log.contains("Parsing on workers was cancelled"), log);
        assertEquals(List.of("scene_a.tif", "scene_b.tif"), fileNames(layer.id()));
        assertEquals(0, stagedFiles(layer.id()), "the file staged to be added went");
    }

    @Test
    @Order(2)
    void anAdditionQueuedFromTheWindowShowsItsProgressWhileAWorkerProcessMakesIt(FxRobot robot) throws Exception {
        RasterLayer layer = parsedMosaic("added to in window");
        Map<String, String> before = StoredTiles.byKey(database.dataSource(), layer.id(), "rid::text");
        long lastRun = new WorkerParseState(database.dataSource()).lastRun(layer.id());
        Process worker = null;
        // Held until the layer's new metadata may be written: the finish's swap waits for it, so that the addition
        // is seen with its tiles made and not yet the layer's, however fast the worker is.
        try (Connection held = database.dataSource().getConnection()) {
            held.setAutoCommit(false);
            try (PreparedStatement ps = held.prepareStatement("SELECT 1 FROM raster_rasterlayermetadata "
                    + "WHERE rasterlayer_id = ? FOR SHARE")) {
                ps.setInt(1, layer.id());
                ps.executeQuery().close();
            }
            worker = WorkerProcesses.startWorker("addition-window");
            Process started = worker;
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> {
                assertTrue(started.isAlive(), "the worker stopped; see target/worker-logs");
                return JobQueue.liveWorkers(database.dataSource()) > 0;
            });
            QueuedParse parse = queueAddition(robot, layer, added);
            List<Double> fractions = new CopyOnWriteArrayList<>();
            robot.interact(() -> parse.fractionProperty().addListener((obs, was, now) ->
                    fractions.add(now.doubleValue())));
            List<String> texts = new CopyOnWriteArrayList<>();
            WaitForAsyncUtils.waitFor(240, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.asyncFx(() -> {
                    window.layerList().refresh();
                    LayerRows.scrollTo(window, layer.id());
                    robot.lookup(".parse-progress-text").queryAllAs(Label.class).forEach(l -> texts.add(l.getText()));
                }).get();
                WorkerParseState.Snapshot s = new WorkerParseState(database.dataSource()).read(layer.id(), lastRun);
                assertFalse(s.ended(), s.status().log());
                return s.blocks() > 0 && s.blocksDone() == s.blocks() && parse.fractionProperty().get() > 0.85;
            });
            String log = log(layer.id());
            assertFalse(parse.isDone(), log);
            assertTrue(new ParseStatusRepository(database.dataSource()).status(layer.id()).isInProgress(), log);
            assertEquals(before, StoredTiles.byKey(database.dataSource(), layer.id(), "rid::text"),
                    "until the swap the layer keeps its tiles");
            assertTrue(fractions.stream().anyMatch(f -> f > 0.05 && f < 1), "the row's progress moved: " + fractions);
            assertTrue(texts.stream().anyMatch(t -> t.contains("tiles") || t.endsWith("%")),
                    "the row showed the parse's progress: " + texts);
            Matcher made = Pattern.compile("Worker \\S+:(\\d+) made file (\\d) of 4").matcher(log);
            assertTrue(made.find(), log);
            assertEquals(worker.pid(), Long.parseLong(made.group(1)), "the worker process made the tiles: " + log);
            held.rollback();

            OnFx.waitUntil(240, () -> parse.isDone());
            log = log(layer.id());
            assertEquals(ParseStatus.FINISHED, parse.resultProperty().get().status(), log);
            assertTrue(log.contains("Added 2 files on workers"), log);
            assertEquals(List.of("scene_a.tif", "scene_b.tif", "scene_c.tif", "scene_d.tif"), fileNames(layer.id()));
            Map<String, String> after = StoredTiles.byKey(database.dataSource(), layer.id(), "rid::text");
            long kept = after.entrySet().stream().filter(t -> t.getValue().equals(before.get(t.getKey()))).count();
            assertTrue(kept > 0 && kept < after.size(), "some tiles re-made, the others kept: " + kept + " of "
                    + after.size());
            assertNotEquals(before, after);
        } finally {
            robot.interact(() -> window.parseQueue().onWorkersProperty().set(false));
            if (worker != null) {
                worker.destroy();
                if (!worker.waitFor(60, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
        }
    }

    /** A mosaic of the two base pieces, parsed on this machine. */
    private RasterLayer parsedMosaic(String name) throws Exception {
        RasterLayer layer = new MosaicFiles(database.dataSource()).create(RasterLayer.create(name)
                .withDatatype(DataType.CATEGORICAL).withMaxZoom(8).withStoreReprojected(false), base, false, false);
        ParseResult parsed = new LayerParser(database.dataSource()).parse(layer.id(), base, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(parsed.finished(), parsed.message());
        return layer;
    }

    /** Turns "Parse on workers" on and adds the files to the layer as the window's "Add files to mosaic…" does. */
    private QueuedParse queueAddition(FxRobot robot, RasterLayer layer, List<Path> files) throws Exception {
        OnFx.waitUntil(() -> window.parseQueue().workersProperty().get() != null);
        robot.interact(() -> {
            window.parseQueue().onWorkersProperty().set(true);
            window.intake().addToMosaic(layer.id(), layer.name(), files.stream().map(Path::toString).toList());
        });
        AtomicReference<QueuedParse> parse = new AtomicReference<>();
        OnFx.waitUntil(() -> {
            parse.set(window.parseQueue().find(layer.id()));
            return parse.get() != null;
        });
        assertTrue(parse.get().onWorkers());
        return parse.get();
    }

    /** The queued addition's parse, once the window queued it. */
    private static long awaitQueued(int layerId) throws Exception {
        AtomicReference<Long> parseId = new AtomicReference<>();
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> {
            new WorkerParseState(database.dataSource()).underWay(layerId).ifPresent(parseId::set);
            return parseId.get() != null;
        });
        return parseId.get();
    }

    private static long pendingTiles(long parseId) throws Exception {
        return StoredTiles.count(database.dataSource(), "SELECT count(*) FROM rasterdesk_pendingtile p "
                + "JOIN rasterdesk_parseblock b ON b.attempt = p.parse_id WHERE b.parse_id = " + parseId);
    }

    private static long stagedFiles(int layerId) throws Exception {
        return StoredTiles.count(database.dataSource(), "SELECT count(*) FROM rasterdesk_sourcefile "
                + "WHERE rasterlayer_id = " + layerId + " AND kind LIKE 'adding-%'");
    }

    private static List<String> fileNames(int layerId) throws Exception {
        return new MosaicFiles(database.dataSource()).find(layerId).orElseThrow().files().stream()
                .map(f -> f.name()).toList();
    }

    private static String log(int layerId) {
        return new ParseStatusRepository(database.dataSource()).find(layerId).map(LayerParseStatus::log)
                .orElse("");
    }
}
