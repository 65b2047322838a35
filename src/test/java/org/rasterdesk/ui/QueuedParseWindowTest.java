package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.parse.QueuedParse;
import org.rasterdesk.work.JobQueue;
import org.rasterdesk.work.WorkerProcesses;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A parse queued from a terminal while no worker runs shows in the window at once, "Waiting for a worker", and the
 * window's Cancel stops it there: the layer is put back and the job never runs.
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class QueuedParseWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("queued-test");

    private static Database database;

    private MainWindow window;

    @BeforeAll
    static void setUp() {
        database = TestDatabase.shared();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        MainWindowFixture.show(stage, window, 1100, 700);
    }

    @Test
    void aParseWaitingForAWorkerShowsInItsRowAndIsCancelledFromTheWindow(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS,
                () -> JobQueue.liveWorkers(database.dataSource()) == 0);
        String out = WorkerProcesses.run("parse", "--db", WorkerProcesses.url(), "--queue", "--yes", "--max-zoom",
                "12", "--name", "waiting in the window", ParsedFile.data("real/LisbonElevation.tif").toString());
        Matcher created = Pattern.compile("Created layer (\\d+)").matcher(out);
        assertTrue(created.find(), out);
        int layerId = Integer.parseInt(created.group(1));
        AtomicReference<QueuedParse> followed = new AtomicReference<>();
        OnFx.waitUntil(() -> {
            QueuedParse p = window.parseQueue().find(layerId);
            followed.set(p);
            return p != null;
        });
        assertTrue(followed.get().onWorkers());
        // The row's status cell, while no worker runs. The shared test database holds other tests' layers: the row
        // is selected and scrolled to, as the table makes cells only for the rows it shows.
        OnFx.waitUntil(() -> LayerRows.select(window, layerId).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = new CopyOnWriteArrayList<>();
        OnFx.waitUntil(() -> {
            robot.lookup(".parse-progress-text").queryAllAs(Label.class).forEach(l -> texts.add(l.getText()));
            return texts.contains("Waiting for a worker");
        });
        assertTrue(new WorkerParseState(database.dataSource()).underWay(layerId).isPresent());

        robot.clickOn("#cancel-parse");
        OnFx.waitUntil(() -> followed.get().isDone());
        assertTrue(followed.get().resultProperty().get().cancelled(), followed.get().logLines().toString());
        assertTrue(new WorkerParseState(database.dataSource()).underWay(layerId).isEmpty());
        assertEquals(ParseStatus.UNPARSED, new ParseStatusRepository(database.dataSource()).status(layerId));
        String log = new ParseStatusRepository(database.dataSource()).find(layerId).orElseThrow().log();
        assertTrue(log.contains("Parsing on workers was cancelled; the layer has no tiles."), log);
    }

    /**
     * "Parse on workers" asks about a pre-flight that warns before anything is queued, with the dialog of a local
     * parse: "Don't parse" queues nothing and says so in the layer's log, "Parse anyway" queues the parse.
     */
    @Test
    void aParseOnWorkersWhosePreflightWarnsIsAskedAboutBeforeItIsQueued(FxRobot robot) throws Exception {
        RasterLayer layer = new LayerUploads(database.dataSource()).create(RasterLayer.create("too fine on workers")
                .withDatatype(DataType.CATEGORICAL).withMaxZoom(14).withStoreReprojected(false),
                ParsedFile.data("real/django_raster_test.tif"), false);
        OnFx.waitUntil(() -> window.parseQueue().workersProperty().get() != null);
        robot.interact(() -> window.parseQueue().onWorkersProperty().set(true));
        try {
            AtomicReference<QueuedParse> parse = new AtomicReference<>();
            robot.interact(() -> parse.set(window.parseQueue().start(layer.id(), layer.name())));
            assertTrue(parse.get().onWorkers());
            DialogPane asked = Dialogs.await(robot, "#preflight-dialog");
            assertTrue(OnFx.read(asked::getHeaderText).startsWith("Max zoom 14 is 3 levels finer than the raster's "
                    + "resolution asks for (zoom 11)"), OnFx.read(asked::getHeaderText));
            Dialogs.press(robot, asked, "Don't parse");
            OnFx.waitUntil(() -> parse.get().isDone());
            assertTrue(parse.get().resultProperty().get().cancelled());
            assertEquals(0L, queuedRuns(layer.id()), "nothing was queued");
            List<String> log = new ParseStatusRepository(database.dataSource()).find(layer.id()).orElseThrow()
                    .logLines();
            assertTrue(log.get(log.size() - 1).contains("] Not queued for the workers, as asked: Max zoom 14 is 3 "
                    + "levels finer"), log.toString());
            assertEquals(ParseStatus.UNPARSED, new ParseStatusRepository(database.dataSource()).status(layer.id()));

            robot.interact(() -> parse.set(window.parseQueue().start(layer.id(), layer.name())));
            Dialogs.press(robot, Dialogs.await(robot, "#preflight-dialog"), "Parse anyway");
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS,
                    () -> new WorkerParseState(database.dataSource())
                    .underWay(layer.id()).isPresent());
            assertEquals(1L, queuedRuns(layer.id()), "queued once answered");
            robot.interact(() -> window.parseQueue().cancel(layer.id()));
            OnFx.waitUntil(() -> parse.get().isDone());
            assertTrue(new WorkerParseState(database.dataSource()).underWay(layer.id()).isEmpty());
        } finally {
            robot.interact(() -> window.parseQueue().onWorkersProperty().set(false));
        }
    }

    private static long queuedRuns(int layerId) throws Exception {
        try (java.sql.Connection c = database.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM rasterdesk_parse "
                     + "WHERE rasterlayer_id = ? AND queued")) {
            ps.setInt(1, layerId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
