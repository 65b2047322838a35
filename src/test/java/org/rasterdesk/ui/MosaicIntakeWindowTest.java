package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import com.sun.javafx.tk.Toolkit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.application.Platform;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.PickResult;
import javafx.scene.input.TransferMode;
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
import org.rasterdesk.db.TileRows;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredFile;
import org.rasterdesk.tiling.GdalRaster;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.layers.LayerIntake;
import org.rasterdesk.ui.parse.QueuedParse;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Mosaics and several rasters given to the window, on the test PostGIS: a mosaic's form tells the pre-flight of all
 * its files (their union, the finest one's zoom), the question before queuing for workers is asked for a mosaic and
 * a URL's layer says in one line why it has none, a zip of several GeoTIFFs answered "one layer each" makes a layer of
 * each as each GeoTIFF dropped alone would, several files dropped as "one layer each" parse as soon as each has its
 * layer, and files dragged over the window mark the list, or the mosaic's row a drop there would join.
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class MosaicIntakeWindowTest {

    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("mosaic-intake");

    private static Database database;

    private MainWindow window;
    private final List<LayerIntake.Outcome> outcomes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openDatabase() throws java.sql.SQLException {
        // A database of its own: in the shared one other tests' layers push this test's rows out of the list's view.
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_mosaic_intake_test"), false);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.intake().addOutcomeListener(outcomes::add);
        MainWindowFixture.show(stage, window, 1240, 790);
    }

    /**
     * The form of a mosaic whose second file is finer than its first: the pre-flight covers both files and takes
     * the finest one's zoom, the same tiles the mosaic's own parse announced in its log (the engine's pre-flight of
     * the opened files, the oracle); the first file alone would give a coarser zoom and fewer tiles.
     */
    @Test
    void aMosaicsFormTellsThePreflightOfAllItsFiles(FxRobot robot, @TempDir Path dir) throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path west = cut(whole, dir.resolve("scene_west.tif"), 0, 0, 60, 174, 100);
        Path east = cut(whole, dir.resolve("scene_east_fine.tif"), 100, 0, 63, 174, 200);
        RasterLayer mosaic = new MosaicFiles(database.dataSource()).create(RasterLayer.create("Florida, two "
                + "resolutions").withDatatype(DataType.CATEGORICAL), List.of(west, east), false, false);
        assertTrue(new LayerParseJob(database.dataSource()).run(mosaic.id(), ParseOptions.defaults(),
                ParseListener.NONE, () -> false).finished());
        String log = new ParseStatusRepository(database.dataSource()).find(mosaic.id()).orElseThrow().log();
        Matcher announced = Pattern.compile("Pre-flight: up to ([0-9,]+) tiles \\(([0-9,]+) at zoom (\\d+)\\)")
                .matcher(log);
        assertTrue(announced.find(), log);
        RasterLayer firstAlone = new LayerUploads(database.dataSource()).create(RasterLayer.create("west alone")
                .withDatatype(DataType.CATEGORICAL), west, false);

        robot.interact(() -> window.layerList().refresh());
        awaitShown(mosaic.id());
        awaitShown(firstAlone.id());
        LayerRows.select(robot, window, firstAlone.id());
        String alone = awaitPreflight(robot);
        LayerRows.select(robot, window, mosaic.id());
        OnFx.waitUntil(() -> text(robot, "#layer-preflight").contains("Mosaic of 2 files"));
        String shown = OnFx.read(() -> text(robot, "#layer-preflight"));
        assertTrue(shown.startsWith("Pre-flight: up to " + announced.group(1) + " tiles (" + announced.group(2)
                + " at zoom " + announced.group(3) + "), about "), shown + "\nthe parse said: " + announced.group());
        assertTrue(shown.contains("Mosaic of 2 files, over their union; the finest, scene_east_fine.tif, decides "
                + "the max zoom."), shown);
        assertFalse(alone.contains(" at zoom " + announced.group(3) + ")"), "the first file alone asks for another "
                + "zoom: " + alone);
        robot.interact(() -> {
            for (javafx.scene.Parent p = robot.lookup("#layer-preflight").query().getParent(); p != null;
                 p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane scroll) {
                    scroll.setVvalue(scroll.getVmax());
                    break;
                }
            }
        });
        ScreenShots.shot("mosaic-form-preflight");
    }

    /**
     * "Parse on workers": a mosaic whose max zoom is far finer than its files asks before anything is queued, as a
     * layer of one file does; a layer of a URL, whose header only its download gives, says so in one line.
     */
    @Test
    void theQuestionBeforeQueuingIsAskedForAMosaicAndAUrlSaysWhyItHasNone(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path west = cut(whole, dir.resolve("queued_west.tif"), 0, 0, 90, 174, 100);
        Path east = cut(whole, dir.resolve("queued_east.tif"), 70, 0, 93, 174, 100);
        RasterLayer mosaic = new MosaicFiles(database.dataSource()).create(RasterLayer.create("too fine mosaic")
                .withDatatype(DataType.CATEGORICAL).withMaxZoom(14).withStoreReprojected(false), List.of(west, east),
                false, false);
        RasterLayer remote = new org.rasterdesk.layer.RasterLayerRepository(database.dataSource()).create(
                RasterLayer.create("far away").withDatatype(DataType.CONTINUOUS)
                        .withSourceUrl("http://127.0.0.1:9/nowhere/elevation.tif"));
        OnFx.waitUntil(() -> window.parseQueue().workersProperty().get() != null);
        robot.interact(() -> window.parseQueue().onWorkersProperty().set(true));
        try {
            AtomicReference<QueuedParse> parse = new AtomicReference<>();
            robot.interact(() -> parse.set(window.parseQueue().start(mosaic.id(), mosaic.name())));
            DialogPane asked = Dialogs.await(robot, "#preflight-dialog");
            assertTrue(OnFx.read(asked::getHeaderText).startsWith("Max zoom 14 is 3 levels finer than the raster's "
                    + "resolution asks for (zoom 11)"), OnFx.read(asked::getHeaderText));
            String content = OnFx.read(() -> ((Label) asked.getContent()).getText());
            assertTrue(content.contains("Mosaic of 2 files, over their union"), content);
            ScreenShots.shot("mosaic-queue-preflight");
            Dialogs.press(robot, asked, "Don't parse");
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> parse.get().isDone());
            assertTrue(parse.get().resultProperty().get().cancelled());
            assertEquals(0L, queuedRuns(mosaic.id()), "nothing was queued");

            robot.interact(() -> parse.set(window.parseQueue().start(remote.id(), remote.name())));
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> queuedRuns(remote.id()) == 1);
            OnFx.waitUntil(() -> parse.get().logLines().stream()
                    .anyMatch(l -> l.endsWith("] No pre-flight before the parse: the raster at "
                            + "http://127.0.0.1:9/nowhere/elevation.tif is read only when the parse downloads it, "
                            + "and its log tells the pre-flight then.")));
            assertTrue(OnFx.read(() -> robot.lookup("#preflight-dialog").tryQuery().isEmpty()));
            robot.interact(() -> window.parseQueue().cancel(remote.id()));
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> parse.get().isDone());
        } finally {
            robot.interact(() -> window.parseQueue().onWorkersProperty().set(false));
        }
    }

    /**
     * A zip of two GeoTIFFs dropped on the list, answered "one layer each": a layer of each GeoTIFF, made as the same
     * GeoTIFF dropped alone is: parsed from its unpacked file while that file goes into the database (its parse does
     * not get it back out of the database first), with the same tiles and the whole file stored. The unpacked files
     * are deleted once the parses have ended.
     */
    @Test
    void aZipOfGeoTiffsDroppedAsOneLayerEachMakesALayerOfEachAsEachDroppedAlone(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path a = cut(whole, dir.resolve("zipped_a.tif"), 0, 0, 90, 174, 100);
        Path b = cut(whole, dir.resolve("zipped_b.tif"), 70, 0, 93, 174, 100);
        Path zip = zip(dir.resolve("florida_scenes.zip"), a, b);
        OnFx.waitUntil(() -> window.layerList().loadedProperty().get());
        dragOnList(robot, DragEvent.DRAG_DROPPED, zip);
        DialogPane asked = Dialogs.await(robot, "#several-files-question");
        assertEquals("2 rasters: one layer each, or one mosaic layer of them all?", OnFx.read(asked::getHeaderText));
        assertEquals(List.of("zipped_a.tif", "zipped_b.tif"), OnFx.read(() -> List.copyOf(
                ((javafx.scene.control.ListView<?>) asked.lookup(".list-view")).getItems())), "the rasters in the zip");
        assertEquals("florida_scenes", OnFx.read(() -> ((javafx.scene.control.TextField) asked.lookup(
                "#mosaic-name")).getText()), "named after the zip");
        assertEquals(List.of("One layer each"), OnFx.read(() -> asked.lookupAll(".button").stream()
                .filter(n -> n instanceof javafx.scene.control.Button button && button.isDefaultButton())
                .map(n -> ((javafx.scene.control.Button) n).getText()).toList()),
                "Enter makes a layer of each, as a drop of several rasters on QGIS does");
        Dialogs.press(robot, asked, "One layer each");
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> !outcomes.isEmpty());
        LayerIntake.Outcome outcome = outcomes.get(0);
        assertEquals(List.of(), outcome.refused());
        assertEquals(List.of("zipped_a", "zipped_b"), outcome.created().stream().map(RasterLayer::name).toList());
        assertEquals("rasters/zipped_a.tif", outcome.created().get(0).rasterfile(), "kept as a file dropped alone");
        awaitParsed(outcome.created());

        // The same GeoTIFFs dropped alone, the oracle.
        dragOnList(robot, DragEvent.DRAG_DROPPED, a, b);
        Dialogs.press(robot, Dialogs.await(robot, "#several-files-question"), "One layer each");
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> outcomes.size() > 1);
        List<RasterLayer> alone = outcomes.get(1).created();
        assertEquals(List.of("zipped_a", "zipped_b"), alone.stream().map(RasterLayer::name).toList());
        awaitParsed(alone);

        LayerMetadataRepository metadata = new LayerMetadataRepository(database.dataSource());
        SourceFileStore stored = new SourceFileStore(database.dataSource());
        List<Path> members = List.of(a, b);
        List<Integer> widths = List.of(90, 93);
        for (int i = 0; i < 2; i++) {
            int id = outcome.created().get(i).id();
            assertTrue(new MosaicFiles(database.dataSource()).find(id).isEmpty(), "a layer of one raster");
            assertEquals(widths.get(i), metadata.find(id).orElseThrow().width(), "the layer of zipped member " + i);
            String log = new ParseStatusRepository(database.dataSource()).find(id).orElseThrow().log();
            assertFalse(log.contains("Getting the raster from"), "parsed from the unpacked file: " + log);
            StoredFile file = stored.find(id).orElseThrow();
            assertEquals(Files.size(members.get(i)), file.size(), "the whole file is stored");
            assertEquals(sha256(members.get(i)), file.sha256().toLowerCase(java.util.Locale.ROOT));
            Map<String, String> tiles = TileRows.md5(database.dataSource(), id);
            assertFalse(tiles.isEmpty());
            assertEquals(TileRows.md5(database.dataSource(), alone.get(i).id()), tiles,
                    "the same tiles as " + members.get(i).getFileName() + " dropped alone");
        }
        awaitDeleted("zipped_a.tif");
    }

    /**
     * The parse of a zip's raster cancelled as soon as it is queued: its layer stays with its whole file stored and
     * no tiles, as a dropped file's does, the zip's other raster is parsed, and the unpacked files go after the
     * cancelled layer's file is stored (a larger raster, whose storing outlasts its parse).
     */
    @Test
    void aCancelledParseOfAZipsRasterLeavesItsLayerWholeAndTheUnpackedFilesGo(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path big = Files.copy(ParsedFile.data("real/dom1_32_356_5699_1_nw_2020.tif"), dir.resolve("cancel_big.tif"));
        Path small = Files.copy(ParsedFile.data("real/django_raster_test.tif"), dir.resolve("cancel_small.tif"));
        Path zip = zip(dir.resolve("cancel_scenes.zip"), big, small);
        OnFx.waitUntil(() -> window.layerList().loadedProperty().get());
        MapChangeListener<Integer, QueuedParse> cancelBig = change -> {
            if (change.wasAdded() && change.getValueAdded().layerName().equals("cancel_big")) {
                Platform.runLater(() -> window.parseQueue().cancel(change.getKey()));
            }
        };
        robot.interact(() -> window.parseQueue().parses().addListener(cancelBig));
        try {
            dragOnList(robot, DragEvent.DRAG_DROPPED, zip);
            Dialogs.press(robot, Dialogs.await(robot, "#several-files-question"), "One layer each");
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> !outcomes.isEmpty());
        } finally {
            robot.interact(() -> window.parseQueue().parses().removeListener(cancelBig));
        }
        List<RasterLayer> created = outcomes.get(0).created();
        assertEquals(List.of("cancel_big", "cancel_small"), created.stream().map(RasterLayer::name).toList());
        for (RasterLayer layer : created) {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> OnFx.read(() ->
                    window.parseQueue().find(layer.id()) == null));
        }
        int bigId = created.get(0).id();
        assertTrue(OnFx.read(() -> window.parseQueue().ended().get(bigId).resultProperty().get().cancelled()));
        assertEquals(0L, new TileRepository(database.dataSource()).count(bigId), "no tiles of the cancelled parse");
        assertTrue(new org.rasterdesk.layer.RasterLayerRepository(database.dataSource()).find(bigId).isPresent(),
                "the layer stays, to be parsed again");
        assertEquals(ParseStatus.FINISHED,
                new ParseStatusRepository(database.dataSource()).status(created.get(1).id()));
        awaitDeleted("cancel_big.tif");
        SourceFileStore stored = new SourceFileStore(database.dataSource());
        for (int i = 0; i < 2; i++) {
            Path member = List.of(big, small).get(i);
            StoredFile file = stored.find(created.get(i).id()).orElseThrow();
            assertEquals(Files.size(member), file.size(), "the whole of " + member.getFileName() + " is stored");
            assertEquals(sha256(member), file.sha256().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Several files dropped as "one layer each": the first file's parse is queued as soon as its layer exists, and
     * its status moves while the files after it are still to be looked at (the threads that look at them are held
     * from the moment that parse is queued). The layers come in the files' order.
     */
    @Test
    void eachDroppedFileParsesAsSoonAsItsLayerExists(FxRobot robot, @TempDir Path dir) throws Exception {
        int count = 5;
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            files.add(Files.copy(ParsedFile.data("real/django_raster_test.tif"), dir.resolve("batch_" + i + ".tif")));
        }
        OnFx.waitUntil(() -> window.layerList().loadedProperty().get());
        AtomicReference<QueuedParse> first = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong layersWhenFirstQueued = new java.util.concurrent.atomic.AtomicLong(-1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MapChangeListener<Integer, QueuedParse> holdLooks = change -> {
            if (change.wasAdded() && change.getValueAdded().layerName().equals("batch_1") && first.get() == null) {
                first.set(change.getValueAdded());
                layersWhenFirstQueued.set(batchLayers());
                // The window's background threads, which look at the files, wait from now on.
                for (int i = 0; i < 2; i++) {
                    BackgroundTask.ofAction(() -> release.await(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS))
                            .executeWith(fixture.background());
                }
            }
        };
        robot.interact(() -> window.parseQueue().parses().addListener(holdLooks));
        try {
            dragOnList(robot, DragEvent.DRAG_DROPPED, files.toArray(Path[]::new));
            Dialogs.press(robot, Dialogs.await(robot, "#several-files-question"), "One layer each");
            OnFx.waitUntil(() -> first.get() != null && first.get().phaseProperty().get() != null);
            assertTrue(layersWhenFirstQueued.get() >= 1 && layersWhenFirstQueued.get() < count,
                    "the first parse was queued when " + layersWhenFirstQueued.get() + " of the layers existed");
            assertTrue(batchLayers() < count, "the first parse moved (" + OnFx.read(() -> first.get()
                    .phaseProperty().get()) + ") before the last file had its layer");
        } finally {
            release.countDown();
            robot.interact(() -> window.parseQueue().parses().removeListener(holdLooks));
        }
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> !outcomes.isEmpty());
        List<RasterLayer> created = outcomes.get(0).created();
        assertEquals(java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> "batch_" + i).toList(),
                created.stream().map(RasterLayer::name).toList(), "the layers in the files' order");
        assertEquals(created.stream().map(RasterLayer::id).sorted().toList(),
                created.stream().map(RasterLayer::id).toList(), "the list (by id) shows them in that order");
        assertEquals(created.get(0).id(), first.get().layerId());
        awaitParsed(created);
    }

    /**
     * Many files dropped as "one layer each": the first new layer is selected as soon as it is made, while the rest
     * are still looked at, and a row the user selects meanwhile stays selected when the batch ends.
     */
    @Test
    void theFirstDroppedLayerIsSelectedAtOnceAndARowChosenMeanwhileStays(FxRobot robot, @TempDir Path dir)
            throws Exception {
        RasterLayer chosen = new org.rasterdesk.layer.RasterLayerRepository(database.dataSource())
                .create(RasterLayer.create("chosen meanwhile").withDatatype(DataType.CATEGORICAL));
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            files.add(Files.copy(ParsedFile.data("real/django_raster_test.tif"), dir.resolve("pick_" + i + ".tif")));
        }
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> LayerRows.select(window, chosen.id()).isPresent());
        dragOnList(robot, DragEvent.DRAG_DROPPED, files.toArray(Path[]::new));
        Dialogs.press(robot, Dialogs.await(robot, "#several-files-question"), "One layer each");
        OnFx.waitUntil(() -> {
            LayerSummary selected = window.layerList().table().getSelectionModel().getSelectedItem();
            return selected != null && selected.name().equals("pick_1");
        });
        assertTrue(outcomes.isEmpty(), "the first layer was selected before the batch's other files were looked at");
        LayerRows.select(robot, window, chosen.id());
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> !outcomes.isEmpty());
        robot.interact(() -> window.layerList().refresh());
        OnFx.waitUntil(() -> window.layerList().loadedProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(chosen.id(), OnFx.read(() -> window.layerList().table().getSelectionModel().getSelectedItem()
                .id()), "the row chosen while the batch went on stays selected");
        List<RasterLayer> created = outcomes.get(0).created();
        assertEquals(30, created.size());
        awaitParsed(created);
    }

    /** How many layers of the batch exist; read on the FX thread too, at the moment a parse is queued. */
    private static long batchLayers() {
        try (java.sql.Connection c = database.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM raster_rasterlayer "
                     + "WHERE name LIKE 'batch\\_%'");
             java.sql.ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitParsed(List<RasterLayer> layers) throws Exception {
        for (RasterLayer layer : layers) {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> OnFx.read(() ->
                    window.parseQueue().find(layer.id()) == null));
            assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(database.dataSource()).status(layer.id()),
                    layer.name());
        }
    }

    /** Waits until no folder a zip was unpacked into holds the file: it is deleted once no longer needed. */
    private static void awaitDeleted(String member) throws TimeoutException {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> {
            try (java.util.stream.Stream<Path> unpacked = Files.list(temp)) {
                for (Path folder : unpacked.filter(p -> p.getFileName().toString().startsWith("rasterdesk-mosaic-"))
                        .toList()) {
                    try (java.util.stream.Stream<Path> found = Files.find(folder, 3,
                            (p, attributes) -> p.getFileName().toString().equals(member))) {
                        if (found.findAny().isPresent()) {
                            return false;
                        }
                    }
                }
                return true;
            } catch (java.io.UncheckedIOException | java.io.IOException e) {
                return false; // a folder went while it was read: look again
            }
        });
    }

    private static Path zip(Path zip, Path... members) throws java.io.IOException {
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path p : members) {
                out.putNextEntry(new java.util.zip.ZipEntry(p.getFileName().toString()));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    /**
     * Files dragged over the window mark the layer list; over a mosaic's row, that row alone; over a layer of one
     * raster, the list again (a drop there makes new layers); leaving the window unmarks everything.
     */
    @Test
    void draggedFilesMarkTheListOrTheMosaicsRowTheyWouldJoin(FxRobot robot, @TempDir Path dir) throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path west = cut(whole, dir.resolve("drag_west.tif"), 0, 0, 90, 174, 100);
        Path east = cut(whole, dir.resolve("drag_east.tif"), 70, 0, 93, 174, 100);
        RasterLayer mosaic = new MosaicFiles(database.dataSource()).create(RasterLayer.create("drag target mosaic")
                .withDatatype(DataType.CATEGORICAL), List.of(west, east), false, false);
        RasterLayer single = new LayerUploads(database.dataSource()).create(RasterLayer.create("drag single")
                .withDatatype(DataType.CATEGORICAL), west, false);
        robot.interact(() -> window.layerList().refresh());
        awaitShown(mosaic.id());
        awaitShown(single.id());
        Node table = window.layerList().table();

        dragOverRow(robot, single.id(), east);
        OnFx.waitUntil(() -> marked(table));
        assertFalse(OnFx.read(() -> marked(LayerRows.rowOf(robot, single.id()))),
                "a drop on a single layer makes new layers");

        ScreenShots.shot("drag-over-list");
        dragOverRow(robot, mosaic.id(), east);
        OnFx.waitUntil(() -> {
            dragOverRowNow(robot, mosaic.id(), east);
            return marked(LayerRows.rowOf(robot, mosaic.id()));
        });
        assertFalse(OnFx.read(() -> marked(table)), "the mosaic's row alone is marked");
        assertFalse(OnFx.read(() -> LayerRows.shownRow(robot, single.id()).map(MosaicIntakeWindowTest::marked)
                .orElse(false)));
        ScreenShots.shot("drag-over-mosaic-row");

        robot.interact(() -> Event.fireEvent(window.getView(), new DragEvent(DragEvent.DRAG_EXITED, board(east), 0, 0,
                0, 0, TransferMode.COPY, null, null, null)));
        assertFalse(OnFx.read(() -> marked(table) || marked(LayerRows.rowOf(robot, mosaic.id()))),
                "nothing marked after");
    }

    private static boolean marked(Node node) {
        return node.getPseudoClassStates().contains(DROP_TARGET);
    }

    private void dragOverRow(FxRobot robot, int layerId, Path... files) throws TimeoutException {
        LayerRows.showRow(robot, window, layerId);
        robot.interact(() -> dragOverRowNow(robot, layerId, files));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** On the FX thread: a drag of the files moving over the layer's row, as a file manager's drag does. */
    private void dragOverRowNow(FxRobot robot, int layerId, Path... files) {
        TableRow<?> row = LayerRows.rowOf(robot, layerId);
        Point2D at = row.localToScene(30, row.getHeight() / 2);
        Node cell = row.getChildrenUnmodifiable().isEmpty() ? row : row.getChildrenUnmodifiable().get(0);
        Event.fireEvent(cell, new DragEvent(row, cell, DragEvent.DRAG_OVER, board(files), at.getX(), at.getY(),
                at.getX(), at.getY(), TransferMode.COPY, null, cell, new PickResult(cell, at.getX(), at.getY())));
    }

    /** A drag event of the files on the layer list, below its rows. */
    private void dragOnList(FxRobot robot, EventType<DragEvent> type, Path... files) {
        robot.interact(() -> {
            Node table = window.layerList().table();
            Point2D at = table.localToScene(20, table.getLayoutBounds().getHeight() - 10);
            Event.fireEvent(table, new DragEvent(table, table, type, board(files), at.getX(), at.getY(), at.getX(),
                    at.getY(), TransferMode.COPY, null, table, new PickResult(table, at.getX(), at.getY())));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The board of a file manager's drag of the files: a local clipboard that, as a drag's, tells the transfer modes
     * the source allows (copy), which a drag-over's acceptance reads.
     */
    private static Dragboard board(Path... files) {
        ClipboardContent content = new ClipboardContent();
        content.putFiles(java.util.Arrays.stream(files).map(Path::toFile).toList());
        TKClipboard local = Toolkit.getToolkit().createLocalClipboard();
        TKClipboard dragged = (TKClipboard) java.lang.reflect.Proxy.newProxyInstance(
                TKClipboard.class.getClassLoader(), new Class<?>[] {TKClipboard.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getTransferModes")) {
                        return java.util.Set.of(TransferMode.COPY);
                    }
                    try {
                        return method.invoke(local, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Dragboard board = DragboardHelper.createDragboard(dragged);
        DragboardHelper.setDataAccessRestriction(board, false);
        board.setContent(content);
        return board;
    }

    private String awaitPreflight(FxRobot robot) throws TimeoutException {
        OnFx.waitUntil(() -> text(robot, "#layer-preflight").startsWith("Pre-flight: up to"));
        return OnFx.read(() -> text(robot, "#layer-preflight"));
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

    private void awaitShown(int layerId) throws TimeoutException {
        OnFx.waitUntil(() -> window.layerList().layers().stream().anyMatch(l -> l.id() == layerId));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** A window of the raster, resampled to {@code percent} of its size (200: pixels half as large). */
    private static Path cut(Path whole, Path to, int x, int y, int width, int height, int percent) throws Exception {
        GdalRaster.run("gdal_translate", "-q", "-srcwin", Integer.toString(x), Integer.toString(y),
                Integer.toString(width), Integer.toString(height), "-outsize", percent + "%", percent + "%",
                "-r", "nearest", whole.toString(), to.toString());
        return to;
    }
}
