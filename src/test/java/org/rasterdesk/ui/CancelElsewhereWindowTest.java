package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.CancelRequests;
import org.rasterdesk.parse.LayerLock;
import org.rasterdesk.parse.LayerParser;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.parse.QueuedParse;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's Cancel on a layer that another program parses locally on the same database (a terminal's
 * {@code rasterdesk parse}): it stores the cancel request {@code rasterdesk cancel} stores, the row says
 * "Cancelling…" until that program has stopped, and the layer keeps its previous state.
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class CancelElsewhereWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("cancel-elsewhere");

    private static Database database;

    private MainWindow window;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.shared();
    }

    @Start
    void start(Stage stage) {
        window = MainWindowFixture.show(stage, fixture.window(database), 1240, 790);
    }

    @Test
    void cancelInTheWindowStopsALocalParseOfAnotherProgramAndShowsItStopping(FxRobot robot) throws Exception {
        Path file = ParsedFile.data("real/LisbonElevation.tif");
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(RasterLayer
                .create("parsed in a terminal").withDatatype(DataType.CONTINUOUS).withMaxZoom(13)
                .withSourceUrl(file.toUri().toString()));
        // The other program's parse waits before its tiles until the window has stored its cancel, so that the
        // cancel lands in the middle whatever the machine's speed; a stored request is seen within a second.
        CompletableFuture<Void> asked = new CompletableFuture<>();
        CompletableFuture<Long> heldSince = new CompletableFuture<>();
        List<String> otherLog = new CopyOnWriteArrayList<>();
        ParseListener held = new ParseListener() {
            @Override
            public void phase(ParseStatus status) {
                if (status == ParseStatus.CREATING_TILES) {
                    heldSince.complete(System.nanoTime());
                    try {
                        asked.get(120, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void logLine(String line) {
                otherLog.add(line);
            }
        };
        CompletableFuture<ParseResult> other = CompletableFuture.supplyAsync(() -> {
            try {
                return new LayerParser(database.dataSource()).parse(layer.id(), file, ParseOptions.defaults(), held,
                        () -> false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> LayerLock.isHeld(layer.id(),
                    database.dataSource()) && new ParseStatusRepository(database.dataSource()).status(layer.id())
                    .isInProgress());
            robot.interact(() -> window.layerList().refresh());
            OnFx.waitUntil(() -> LayerRows.select(window, layer.id()).filter(l -> l.status().isInProgress())
                    .isPresent());
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(OnFx.read(() -> window.parseQueue().find(layer.id()) == null), "not this window's parse");
            assertFalse(OnFx.read(() -> robot.lookup("#cancel-parse").queryButton().isDisabled()),
                    "Cancel is offered for another program's parse");

            robot.clickOn("#cancel-parse");
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> cancelStored(layer.id()));
            QueuedParse stopping = OnFx.read(() -> window.parseQueue().find(layer.id()));
            assertTrue(stopping != null && OnFx.read(() -> stopping.cancellingProperty().get()));
            OnFx.waitUntil(() -> robot.lookup(".parse-progress-text").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getText().equals("Cancelling…")));
            assertTrue(OnFx.read(() -> stopping.logLines().stream().anyMatch(l -> l.contains("] Asked the parse of "
                    + "this layer by ") && l.endsWith(" to stop; it stops at its next check, within about a second."))),
                    OnFx.read(() -> List.copyOf(stopping.logLines())).toString());
            ScreenShots.shot("cancelling-another-programs-parse");
            // The parse asks the database at most once a second, and its last answer may be from just before the
            // hold: released sooner, its 51 tiles could be made before it asks again (on an idle machine in 0.1 s).
            long sinceHeld = System.nanoTime() - heldSince.get(120, TimeUnit.SECONDS);
            if (sinceHeld < CancelRequests.POLL_NANOS) {
                TimeUnit.NANOSECONDS.sleep(CancelRequests.POLL_NANOS - sinceHeld + 100_000_000L);
            }
            asked.complete(null);

            ParseResult result = other.get(120, TimeUnit.SECONDS);
            assertTrue(result.cancelled(), result.toString());
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, stopping::isDone);
            assertTrue(OnFx.read(() -> stopping.resultProperty().get().cancelled()),
                    OnFx.read(() -> List.copyOf(stopping.logLines())).toString());
            String last = OnFx.read(() -> stopping.lastLogLineProperty().get());
            assertTrue(last.contains("Parsing was cancelled from another program (rasterdesk cancel); "), last);
            assertEquals(ParseStatus.UNPARSED, new ParseStatusRepository(database.dataSource()).status(layer.id()));
            assertFalse(LayerLock.isHeld(layer.id(), database.dataSource()));
            OnFx.waitUntil(() -> window.layerList().layers().stream()
                    .anyMatch(l -> l.id() == layer.id() && l.status() == ParseStatus.UNPARSED));
            OnFx.waitUntil(() -> robot.lookup("#cancel-parse").queryButton().isDisabled());
        } finally {
            asked.complete(null);
            other.handle((r, e) -> null).get(120, TimeUnit.SECONDS);
        }
    }

    private static boolean cancelStored(int layerId) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM rasterdesk_parse WHERE "
                     + "rasterlayer_id = ? AND cancel_requested IS NOT NULL")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }
}
