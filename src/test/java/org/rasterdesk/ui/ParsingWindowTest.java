package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.db.TileRows;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.TileWritesHeld;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.layers.LayerIntake;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.ui.parse.QueuedParse;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window parsing real GeoTIFFs into the test PostGIS: dropped files become layers that parse in the
 * background with their logs shown live, files that are no raster are refused, a cancel keeps the old tiles.
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class ParsingWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("parse-test");

    private static Database database;

    private MainWindow window;
    private final List<LayerIntake.Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<String> activities = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.shared();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.intake().addOutcomeListener(outcomes::add);
        window.statusBar().activityProperty().addListener((obs, was, now) -> activities.add(now));
        MainWindowFixture.show(stage, window, 1100, 700);
    }

    @Test
    void twoDroppedRastersBecomeLayersThatFinishParsingWithTheirLogsShown(FxRobot robot) throws Exception {
        Path categories = data("real/django_raster_test.tif");
        Path rain = data("real/gpm_1d.20240617.tif");
        LayerIntake.Outcome outcome;
        // Both parses wait at their first tiles until the status bar has counted them running together: the small
        // one could otherwise end before the other began.
        try (TileWritesHeld writes = new TileWritesHeld(database.settings())) {
            // A real drop on the layer list: the files on a drag board as a file manager puts them there.
            robot.interact(() -> FileDrops.drop(window.layerList().getView(), List.of(categories, rain)));
            // Several files ask first: one layer each, or one mosaic layer.
            OnFx.waitUntil(() -> robot.lookup("#several-files-question").tryQuery().isPresent());
            robot.clickOn("One layer each");
            outcome = awaitOutcome();
            OnFx.waitUntil(() -> activities.stream().anyMatch(a -> a.contains("Parsing 2 layers")));
        }
        assertEquals(List.of(), outcome.refused());
        assertEquals(List.of("django_raster_test", "gpm_1d.20240617"),
                outcome.created().stream().map(RasterLayer::name).toList());
        assertEquals(List.of(DataType.CATEGORICAL, DataType.CONTINUOUS),
                outcome.created().stream().map(RasterLayer::datatype).toList(),
                "Byte data of ten classes is categorical, UInt16 rain is continuous");
        assertEquals("rasters/django_raster_test.tif", outcome.created().get(0).rasterfile(),
                "a dropped file is kept in the database as django-raster keeps uploads");
        assertEquals("", outcome.created().get(0).sourceUrl());

        for (RasterLayer layer : outcome.created()) {
            awaitShownStatus(layer.id(), ParseStatus.FINISHED);
        }
        assertTrue(activities.stream().anyMatch(a -> a.contains("Parsing 2 layers")), activities.toString());
        for (RasterLayer layer : outcome.created()) {
            long stored = new TileRepository(database.dataSource()).count(layer.id());
            assertTrue(stored > 0, layer.name() + " has tiles");
            assertEquals(stored, shownLayer(layer.id()).tileCount(), "the row counts the stored tiles");
        }
        // As on the command line, a dropped file is parsed from the disk while its bytes go into the database: the
        // parse does not fetch it back out of the database, and the layer has its file once it is parsed.
        List<Path> files = List.of(categories, rain);
        for (int i = 0; i < files.size(); i++) {
            int id = outcome.created().get(i).id();
            assertEquals(Files.size(files.get(i)), new SourceFileStore(database.dataSource()).find(id).orElseThrow()
                    .size(), "the stored file of layer " + id);
            String log = new ParseStatusRepository(database.dataSource()).find(id).orElseThrow().log();
            assertFalse(log.contains("Getting the raster from"), log);
        }

        for (RasterLayer layer : outcome.created()) {
            select(robot, layer.id());
            OnFx.waitUntil(() -> shownLog().stream()
                    .anyMatch(l -> l.endsWith("] Successfully finished parsing raster")));
            WaitForAsyncUtils.waitForFxEvents();
            List<String> shown = shownLog();
            assertTrue(shown.get(0).matches("\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] Started parsing raster\\."),
                    shown.get(0));
            assertEquals(new ParseStatusRepository(database.dataSource()).find(layer.id()).orElseThrow().logLines(),
                    shown, "the pane shows the stored log once the parse has ended");
        }
    }

    /**
     * A dropped folder is its GeoTIFFs, asked about as several files are; files added to the mosaic afterwards (what
     * "Add files to mosaic…" does with the files chosen) re-make only their tiles, and the layer equals a mosaic of
     * all the files made at once.
     */
    @Test
    void aDroppedFolderMakesAMosaicAndFilesAddedToItMakeTheMosaicOfAllOfThem(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path whole = data("real/LisbonElevation.tif");
        Path folder = Files.createDirectories(dir.resolve("scenes"));
        Path west = folder.resolve("scene_west.tif");
        Path middle = folder.resolve("scene_middle.tif");
        Path east = dir.resolve("scene_east.tif");
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "0", "0", "300", "250",
                whole.toString(), west.toString());
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "200", "150", "347", "271",
                whole.toString(), middle.toString());
        org.rasterdesk.tiling.GdalRaster.run("gdal_translate", "-q", "-srcwin", "430", "330", "117", "91",
                whole.toString(), east.toString());
        robot.interact(() -> FileDrops.drop(window.layerList().getView(), List.of(folder)));
        OnFx.waitUntil(() -> robot.lookup("#several-files-question").tryQuery().isPresent());
        robot.clickOn("One mosaic layer");
        LayerIntake.Outcome outcome = awaitOutcome();
        assertEquals(List.of(), outcome.refused());
        RasterLayer mosaic = outcome.created().get(0);
        try {
            awaitShownStatus(mosaic.id(), ParseStatus.FINISHED);
        } catch (TimeoutException e) {
            throw new AssertionError("layer " + mosaic.id() + ": " + new ParseStatusRepository(database.dataSource())
                    .find(mosaic.id()).map(LayerParseStatus::log).orElse("no status") + " queue "
                    + window.parseQueue().find(mosaic.id()) + " shown " + window.layerList().layers(), e);
        }
        assertEquals(List.of("scene_middle.tif", "scene_west.tif"), new org.rasterdesk.source.MosaicFiles(
                database.dataSource()).find(mosaic.id()).orElseThrow().files().stream()
                .map(org.rasterdesk.source.StoredFile::name).toList(), "the folder's GeoTIFFs by name");
        long before = new TileRepository(database.dataSource()).count(mosaic.id());

        select(robot, mosaic.id());
        robot.interact(() -> window.intake().addToMosaic(mosaic.id(), mosaic.name(), List.of(east.toString())));
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS,
                () -> new ParseStatusRepository(database.dataSource())
                .find(mosaic.id()).orElseThrow().log().contains("Added 1 file: "));
        awaitShownStatus(mosaic.id(), ParseStatus.FINISHED);
        long after = new TileRepository(database.dataSource()).count(mosaic.id());
        assertEquals(after, shownLayer(mosaic.id()).tileCount(), "the row counts the tiles after the addition");
        assertTrue(after >= before, before + " tiles, then " + after);
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.matches(".*\\] Added 1 file: [0-9,]+ tiles re-made of [0-9,]+\\.")));

        RasterLayer atOnce = new org.rasterdesk.source.MosaicFiles(database.dataSource()).create(
                RasterLayer.create("at once").withDatatype(mosaic.datatype()), List.of(middle, west, east), false,
                false);
        assertTrue(new LayerParseJob(database.dataSource()).run(atOnce.id(), ParseOptions.defaults(),
                ParseListener.NONE, () -> false).finished());
        DataSource tiles = database.dataSource();
        assertEquals(TileRows.md5(tiles, atOnce.id()), TileRows.md5(tiles, mosaic.id()));

        // A layer of one raster takes no files: a notice says so, and nothing is parsed.
        RasterLayer single = new org.rasterdesk.source.LayerUploads(database.dataSource()).create(
                RasterLayer.create("one raster"), west, false);
        int seen = outcomes.size();
        robot.interact(() -> window.intake().addToMosaic(single.id(), single.name(), List.of(east.toString())));
        OnFx.waitUntil(() -> outcomes.size() > seen);
        String refusal = outcomes.get(outcomes.size() - 1).refused().get(0);
        assertTrue(refusal.contains("it is not a mosaic"), refusal);
        assertTrue(OnFx.read(() -> window.parseQueue().find(single.id()) == null),
                "no parse of the layer of one raster");
    }

    @Test
    void aFileThatIsNoRasterIsRefusedWithItsReasonAndCreatesNoLayer(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path fake = Files.writeString(dir.resolve("x.tif"), "This is a text file, not a GeoTIFF.\n");
        RasterLayer other = new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("Bystander")
                .withSourceUrl(data("real/django_raster_test.tif").toUri().toString()));
        new ParseStatusRepository(database.dataSource()).log(other.id(), "Its own line.");
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == other.id()));
        select(robot, other.id());
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.endsWith("] Its own line.")));
        int layersBefore = new RasterLayerRepository(database.dataSource()).listSummaries().size();

        robot.interact(() -> window.intake().addFiles(List.of(fake)));

        LayerIntake.Outcome outcome = awaitOutcome();
        assertEquals(List.of(), outcome.created());
        assertEquals(1, outcome.refused().size());
        String refusal = outcome.refused().get(0);
        assertTrue(refusal.startsWith("Refused x.tif: "), refusal);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(refusal, OnFx.read(() -> window.notices().text()));
        // The refused file has no layer: the log of the layer that happens to be selected is not its place.
        assertEquals(new ParseStatusRepository(database.dataSource()).find(other.id()).orElseThrow().logLines(),
                shownLog());
        assertTrue(shownLog().stream().noneMatch(l -> l.contains("Refused")),
                shownLog().toString());
        assertTrue(new ParseStatusRepository(database.dataSource()).find(other.id()).orElseThrow().log()
                .lines().noneMatch(l -> l.contains("Refused")));
        assertEquals(layersBefore, new RasterLayerRepository(database.dataSource()).listSummaries().size());
    }

    @Test
    void cancellingAParseKeepsThePreviousTilesAndTheRowGoesBackToFinished(FxRobot robot) throws Exception {
        // Zoom 15 instead of the file's own 13: some 400 tiles, enough for a cancel to land in the middle.
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(
                RasterLayer.create("Lisbon elevation").withMaxZoom(15)
                        .withSourceUrl(data("real/LisbonElevation.tif").toUri().toString()));
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layer.id()));
        select(robot, layer.id());
        robot.type(KeyCode.F5);
        awaitShownStatus(layer.id(), ParseStatus.FINISHED);
        TileRepository tiles = new TileRepository(database.dataSource());
        Map<Integer, Long> before = tiles.countByZoom(layer.id());
        assertTrue(before.values().stream().mapToLong(Long::longValue).sum() > 0);

        select(robot, layer.id());
        AtomicReference<QueuedParse> parse = new AtomicReference<>();
        // The parse waits after its first tiles until the cancel is asked: let run, it could end before the key.
        try (TileWritesHeld held = TileWritesHeld.after(database.settings(), layer.id(), 64)) {
            robot.type(KeyCode.F5);
            robot.interact(() -> parse.set(window.parseQueue().find(layer.id())));
            assertNotNull(parse.get(), "F5 started a parse of the selected layer");
            OnFx.waitUntil(() -> parse.get().tilesDoneProperty().get() > 0);
            WaitForAsyncUtils.waitForFxEvents();
            double progress = OnFx.read(() -> robot.from(rowOf(robot, layer.id())).lookup(".parse-progress")
                    .queryAs(ProgressBar.class).getProgress());
            assertTrue(progress > 0 && progress < 1, "progress " + progress);

            robot.type(KeyCode.ESCAPE);
            assertTrue(parse.get().isCancelRequested(), "Esc asked the parse to stop");
        }
        OnFx.waitUntil(() -> parse.get().isDone());
        WaitForAsyncUtils.waitForFxEvents();

        ParseResult result = parse.get().resultProperty().get();
        assertTrue(result.cancelled(), result.toString());
        assertEquals(before, tiles.countByZoom(layer.id()), "the tiles of the first parse are kept");
        awaitShownStatus(layer.id(), ParseStatus.FINISHED);
        assertEquals(ParseStatus.FINISHED,
                new ParseStatusRepository(database.dataSource()).find(layer.id()).orElseThrow().status());
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.toLowerCase().contains("cancelled")));
    }

    @Test
    void aReparseAfterASaveThatIsCancelledLeavesStatusLogAndSettingsOfTheTilesThatExist(FxRobot robot)
            throws Exception {
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(
                RasterLayer.create("Lisbon saved and cancelled").withMaxZoom(14)
                        .withSourceUrl(data("real/LisbonElevation.tif").toUri().toString()));
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layer.id()));
        select(robot, layer.id());
        robot.interact(() -> window.parseQueue().start(layer.id(), layer.name()));
        awaitShownStatus(layer.id(), ParseStatus.FINISHED);
        TileRepository tiles = new TileRepository(database.dataSource());
        Map<Integer, Long> before = tiles.countByZoom(layer.id());
        String logBefore = new ParseStatusRepository(database.dataSource()).find(layer.id()).orElseThrow().log();

        // The user asks for one more zoom level in the form and saves: the save resets the parse and starts it.
        select(robot, layer.id());
        TextField maxZoom = OnFx.read(() -> robot.lookup("#layer-max-zoom").queryAs(TextField.class));
        OnFx.waitUntil(() -> "14".equals(maxZoom.getText()));
        robot.interact(() -> maxZoom.setText("15"));
        AtomicReference<QueuedParse> parse = new AtomicReference<>();
        // The parse waits after its first tiles until the cancel is asked: let run, it could end before the click.
        try (TileWritesHeld held = TileWritesHeld.after(database.settings(), layer.id(), 64)) {
            robot.interact(() -> robot.lookup("#save-layer").queryButton().fire());
            OnFx.waitUntil(() -> window.parseQueue().find(layer.id()) != null);
            robot.interact(() -> parse.set(window.parseQueue().find(layer.id())));
            OnFx.waitUntil(() -> parse.get().tilesDoneProperty().get() > 0);
            robot.interact(() -> robot.lookup("#cancel-parse").queryButton().fire());
            assertTrue(OnFx.read(() -> parse.get().isCancelRequested()), "the button asked the parse to stop");
        }
        OnFx.waitUntil(() -> parse.get().isDone());

        assertTrue(parse.get().resultProperty().get().cancelled());
        assertEquals(before, tiles.countByZoom(layer.id()));
        awaitShownStatus(layer.id(), ParseStatus.FINISHED);
        assertEquals(before.values().stream().mapToLong(Long::longValue).sum(), shownLayer(layer.id()).tileCount());
        LayerParseStatus stored = new ParseStatusRepository(database.dataSource()).find(layer.id()).orElseThrow();
        assertTrue(stored.log().startsWith(logBefore + "\n"), "the previous parse's log is kept: " + stored.log());
        assertEquals(14, new RasterLayerRepository(database.dataSource()).find(layer.id()).orElseThrow().maxZoom(),
                "the max zoom that was never parsed is not kept");
        OnFx.waitUntil(() -> "14".equals(maxZoom.getText()));
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.contains("Successfully finished parsing raster")) && shownLog()
                .stream().anyMatch(l -> l.contains("settings are back to those its tiles were made with")));
    }

    @Test
    void aDatabaseRestartDuringAParseIsRiddenOutAndTheRowSaysSoMeanwhile(FxRobot robot) throws Exception {
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(
                RasterLayer.create("Lisbon through a restart").withMaxZoom(15)
                        .withSourceUrl(data("real/LisbonElevation.tif").toUri().toString()));
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layer.id()));
        select(robot, layer.id());
        AtomicReference<QueuedParse> parse = new AtomicReference<>();
        List<String> shown = new CopyOnWriteArrayList<>();
        // What the row's progress says whenever it changes, caught on the FX thread as it is shown. The table makes
        // new cells as it changes, and shows the row in any of them: every cell's label is heard from the layout
        // pass that made it, while it shows the row.
        java.util.Set<Label> heard = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Runnable hearNewLabels = () -> window.getView().lookupAll(".parse-progress-text").forEach(node -> {
            if (node instanceof Label label && heard.add(label)) {
                if (showsLayer(label, layer.id()) && label.getText() != null) {
                    shown.add(label.getText());
                }
                label.textProperty().addListener((obs, was, now) -> {
                    if (showsLayer(label, layer.id())) {
                        shown.add(now);
                    }
                });
            }
        });
        // The parse waits at its tiles until the restart, which ends the hold's session: the restart comes in the
        // middle of the parse however fast the machine, where a parse let run could have ended before it.
        try (TileWritesHeld writes = new TileWritesHeld(database.settings())) {
            robot.interact(() -> parse.set(window.parseQueue().start(layer.id(), layer.name())));
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> writes.waitingWriters() > 0);
            OnFx.waitUntil(() -> robot.lookup(".parse-progress-text").queryAllAs(Label.class).stream()
                    .anyMatch(label -> showsLayer(label, layer.id())));
            robot.interact(() -> {
                hearNewLabels.run();
                window.getView().getScene().addPostLayoutPulseListener(hearNewLabels);
            });

            TestDatabase.cluster().restart();
        }

        awaitShownStatus(layer.id(), ParseStatus.FINISHED);
        robot.interact(() -> window.getView().getScene().removePostLayoutPulseListener(hearNewLabels));
        assertTrue(parse.get().resultProperty().get().finished(), parse.get().resultProperty().get().toString());
        // The whole "Database unavailable, retrying…" when the column has room, a shorter form of it when not.
        assertTrue(shown.stream().anyMatch(t -> t.toLowerCase(java.util.Locale.ROOT).contains("retrying…")),
                shown.toString());
        assertTrue(new TileRepository(database.dataSource()).count(layer.id()) > 0);
        select(robot, layer.id());
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.contains("The database is back after")));
    }

    @Test
    void aMaxZoomFarBeyondTheRastersIsAskedAboutBeforeAnyTileIsMade(FxRobot robot) throws Exception {
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(
                RasterLayer.create("Florida too fine").withDatatype(DataType.CATEGORICAL).withMaxZoom(14)
                        .withSourceUrl(data("real/django_raster_test.tif").toUri().toString()));
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layer.id()));
        select(robot, layer.id());

        AtomicReference<QueuedParse> parse = new AtomicReference<>();
        robot.interact(() -> parse.set(window.parseQueue().start(layer.id(), layer.name())));
        DialogPane asked = awaitPreflightDialog(robot);
        assertTrue(OnFx.read(() -> ((Label) asked.lookup(".header-panel .label")).getText())
                .startsWith("Max zoom 14 is 3 levels finer than the raster's resolution asks for (zoom 11)"));
        assertTrue(((Label) asked.getContent()).getText().startsWith("Pre-flight: up to "),
                ((Label) asked.getContent()).getText());
        // The log pane shows the pre-flight while the question is open.
        assertTrue(shownLog().stream().anyMatch(l -> l.contains("] Pre-flight: up to ")),
                shownLog().toString());
        answer(robot, asked, "Don't parse");
        OnFx.waitUntil(() -> parse.get().isDone());
        assertTrue(parse.get().resultProperty().get().cancelled());
        assertEquals(0, new TileRepository(database.dataSource()).count(layer.id()), "no tile was made");

        robot.interact(() -> parse.set(window.parseQueue().start(layer.id(), layer.name())));
        answer(robot, awaitPreflightDialog(robot), "Parse anyway");
        awaitShownStatus(layer.id(), ParseStatus.FINISHED);
        assertTrue(new TileRepository(database.dataSource()).count(layer.id()) > 0);
    }

    private List<String> shownLog() {
        return OnFx.read(() -> List.copyOf(window.logPane().lines()));
    }

    private static DialogPane awaitPreflightDialog(FxRobot robot) throws TimeoutException {
        OnFx.waitUntil(() -> robot.lookup("#preflight-dialog")
                .tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return OnFx.read(() -> robot.lookup("#preflight-dialog").queryAs(DialogPane.class));
    }

    private static void answer(FxRobot robot, DialogPane dialog, String button) {
        robot.interact(() -> dialog.getButtonTypes().stream().filter(b -> b.getText().equals(button)).findFirst()
                .map(b -> (Button) dialog.lookupButton(b)).orElseThrow().fire());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theLogPaneFollowsAParseByAnotherClientFromTheStoredLog(FxRobot robot) throws Exception {
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("Elsewhere")
                .withSourceUrl(data("real/django_raster_test.tif").toUri().toString()));
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layer.id()));
        select(robot, layer.id());

        // Another client: the engine called directly, with no listener the window could hear.
        ParseResult result = new LayerParseJob(database.dataSource()).run(layer.id(),
                ParseOptions.defaults(), ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.toString());

        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.endsWith("] Successfully finished parsing raster")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new ParseStatusRepository(database.dataSource()).find(layer.id()).orElseThrow().logLines(),
                shownLog());
    }

    @Test
    void aParseThatFailsShowsFailedAndItsErrorInRed(FxRobot robot) throws Exception {
        robot.interact(() -> window.intake().addUrls(List.of("https://example.invalid/rasters/flood_depth.tif")));
        RasterLayer layer = awaitOutcome().created().get(0);
        assertEquals("flood_depth", layer.name());
        // The host does not exist: the engine stores the failure, and the list shows it.
        awaitShownStatus(layer.id(), ParseStatus.FAILED);
        select(robot, layer.id());
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.contains("Parsing failed")));
        WaitForAsyncUtils.waitForFxEvents();

        List<String> red = OnFx.read(() -> robot.lookup(".parse-log .list-cell.log-error")
                .<ListCell<?>>queryAll().stream().map(ListCell::getText).toList());
        assertTrue(red.stream().anyMatch(t -> t != null && t.contains("Parsing failed")
                        && t.contains("example.invalid")), red.toString());
        assertEquals("Failed parsing", OnFx.read(() -> robot.from(rowOf(robot, layer.id()))
                .lookup(".table-cell.parse-failed").queryAs(TableCell.class).getText()));
    }

    @Test
    void badFilesSayWhatIsTrueAndAnEmptyResultIsAWarning(FxRobot robot) throws Exception {
        robot.interact(() -> window.intake().addEach(List.of(data("bad/all-nodata.tif"), data("bad/corrupt.tif"))));
        LayerIntake.Outcome outcome = awaitOutcome();
        assertEquals(List.of(), outcome.refused());
        RasterLayer empty = outcome.created().get(0);
        RasterLayer corrupt = outcome.created().get(1);

        awaitShownStatus(empty.id(), ParseStatus.FINISHED);
        assertEquals("Finished, no tiles", OnFx.read(() -> robot.from(rowOf(robot, empty.id()))
                .lookup(".table-cell.parse-warning").queryAs(TableCell.class).getText()), "not a green success");
        assertTrue(OnFx.read(() -> robot.from(rowOf(robot, empty.id())).lookup(".parse-finished").tryQuery()
                .isEmpty()));
        select(robot, empty.id());
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.contains("] Warning: the raster has no data pixels")));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(OnFx.read(() -> robot.lookup(".parse-log .list-cell.log-warning").<ListCell<?>>queryAll().stream()
                .anyMatch(c -> c.getText() != null && c.getText().contains("no data pixels"))));

        awaitShownStatus(corrupt.id(), ParseStatus.FAILED);
        select(robot, corrupt.id());
        OnFx.waitUntil(() -> shownLog().stream()
                .anyMatch(l -> l.contains("Parsing failed")));
        String failed = shownLog().stream().filter(l -> l.contains("Parsing failed")).findFirst()
                .orElseThrow();
        assertTrue(failed.endsWith(" The layer has no tiles."), failed);
        // The layer keeps its file whatever became of the parse, as when the file was stored before it: the upload
        // that ran during the parse goes on after the failure.
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS,
                () -> new SourceFileStore(database.dataSource())
                .find(corrupt.id()).isPresent());
        assertTrue(shownLog().stream().noneMatch(l -> l.contains("previous tiles")),
                shownLog().toString());
    }

    private LayerIntake.Outcome awaitOutcome() throws TimeoutException {
        OnFx.waitUntil(() -> !outcomes.isEmpty());
        return outcomes.get(0);
    }

    /** Waits until the list shows the layer with this stored status and no parse of it runs. */
    private void awaitShownStatus(int layerId, ParseStatus status) throws TimeoutException {
        OnFx.waitUntil(() -> window.parseQueue().find(layerId) == null && window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layerId && l.status() == status));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private LayerSummary shownLayer(int layerId) {
        return OnFx.read(() -> window.layerList().layers().stream().filter(l -> l.id() == layerId).findFirst())
                .orElseThrow(() -> new AssertionError("the list shows no layer " + layerId));
    }

    private void select(FxRobot robot, int layerId) {
        robot.interact(() -> {
            for (LayerSummary l : window.layerList().layers()) {
                if (l.id() == layerId) {
                    window.layerList().table().getSelectionModel().select(l);
                    window.layerList().table().scrollTo(l);
                    window.layerList().table().requestFocus();
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Whether the node sits in the table row of this layer; on the FX thread. */
    private static boolean showsLayer(Node node, int layerId) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof TableRow<?> row) {
                return row.getItem() instanceof LayerSummary l && l.id() == layerId;
            }
        }
        return false;
    }

    /** The row showing the layer, looked up on the FX thread: the table makes and reuses rows as it changes. */
    private static TableRow<?> rowOf(FxRobot robot, int layerId) {
        return OnFx.read(() -> robot.lookup(".table-row-cell").<TableRow<?>>queryAll().stream()
                .filter(r -> r.getItem() instanceof LayerSummary l && l.id() == layerId).findFirst())
                .orElseThrow(() -> new AssertionError("no row shows layer " + layerId));
    }

    private static Path data(String name) {
        Path p = Path.of(System.getProperty("rasterdesk.test.data"), name);
        assertTrue(Files.isRegularFile(p), "missing test file " + p);
        return p;
    }
}
