package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.PickResult;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.source.LayerUploads;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.StoredFile;
import org.rasterdesk.tiling.GdalRaster;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.layers.LayerIntake;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Mosaic layers in the window, on the test PostGIS: files dropped on a mosaic layer's row join that mosaic after a
 * confirmation naming it (a drop on another layer's row asks as a drop elsewhere does), the form tells a mosaic's
 * files and overlap rule, and a zip of several rasters at a URL asks "one layer each, or one mosaic layer?".
 */
@Tag("gui")
@Tag("slow")
@ExtendWith(ApplicationExtension.class)
class MosaicWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.withParsingThreads("mosaic-test");

    private static Database database;

    private MainWindow window;
    private final List<LayerIntake.Outcome> outcomes = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.shared();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.intake().addOutcomeListener(outcomes::add);
        MainWindowFixture.show(stage, window, 1240, 790);
    }

    @Test
    void filesDroppedOnAMosaicsRowJoinItAfterAConfirmationAndTheFormTellsItsFiles(FxRobot robot,
                                                                                   @TempDir Path dir)
            throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path west = cut(whole, dir.resolve("scene_west.tif"), 0, 0, 70, 174);
        Path middle = cut(whole, dir.resolve("scene_middle.tif"), 50, 0, 70, 174);
        Path east = cut(whole, dir.resolve("scene_east.tif"), 100, 0, 63, 174);
        RasterLayer mosaic = new MosaicFiles(database.dataSource()).create(RasterLayer.create("Florida scenes")
                .withDatatype(DataType.CATEGORICAL), List.of(west, middle), false, false);
        assertTrue(new LayerParseJob(database.dataSource()).run(mosaic.id(), ParseOptions.defaults(),
                ParseListener.NONE, () -> false).finished());
        RasterLayer single = new LayerUploads(database.dataSource()).create(RasterLayer.create("one scene")
                .withDatatype(DataType.CATEGORICAL), west, false);
        robot.interact(() -> window.layerList().refresh());
        awaitShown(mosaic.id());
        awaitShown(single.id());

        // The form: a mosaic of two files, the first named, all of them in the tooltip, and the overlap rule.
        LayerRows.select(robot, window, mosaic.id());
        OnFx.waitUntil(() ->
                text(robot, "#layer-source").startsWith("Mosaic of 2 files: "));
        assertEquals("Mosaic of 2 files: scene_west.tif + 1 more", OnFx.read(() -> text(robot, "#layer-source")));
        assertEquals("Where files overlap, the later in the list wins (as gdalbuildvrt does).",
                OnFx.read(() -> text(robot, "#layer-source-detail")));
        assertEquals("Mosaic of 2 files, in this order:\n1. scene_west.tif\n2. scene_middle.tif\n"
                        + "Where files overlap, the later in the list wins (as gdalbuildvrt does).",
                OnFx.read(() -> robot.lookup("#layer-source").queryAs(Label.class).getTooltip().getText()));
        assertTrue(OnFx.read(() -> robot.lookup("#change-source").queryButton().isDisabled()),
                "a mosaic's files change by adding files, not by a new source");
        ScreenShots.shot("mosaic-form");

        // Dropped on the mosaic's row: a confirmation that names the layer, then the files join it.
        drop(robot, mosaic.id(), east);
        DialogPane asked = Dialogs.await(robot, "#add-to-mosaic-question");
        assertEquals("Add 1 raster to the mosaic layer “Florida scenes”?", OnFx.read(asked::getHeaderText));
        assertEquals(List.of("scene_east.tif"), OnFx.read(() -> List.copyOf(
                ((ListView<?>) asked.lookup(".list-view")).getItems())));
        ScreenShots.shot("drop-on-mosaic-row");
        Dialogs.press(robot, asked, "Add to mosaic");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> new ParseStatusRepository(database.dataSource())
                .find(mosaic.id()).orElseThrow().log().contains("Added 1 file: ")
                && OnFx.read(() -> window.parseQueue().find(mosaic.id()) == null));
        assertEquals(List.of("scene_west.tif", "scene_middle.tif", "scene_east.tif"),
                new MosaicFiles(database.dataSource()).find(mosaic.id()).orElseThrow().files().stream()
                        .map(StoredFile::name).toList());
        assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(database.dataSource()).status(mosaic.id()));
        assertTrue(outcomes.isEmpty(), "no new layer: " + outcomes);
        LayerRows.select(robot, window, single.id());
        LayerRows.select(robot, window, mosaic.id());
        OnFx.waitUntil(() ->
                text(robot, "#layer-source").equals("Mosaic of 3 files: scene_west.tif + 2 more"));

        // Dropped on a layer of one raster: the question of a drop anywhere else, no confirmation about a mosaic.
        drop(robot, single.id(), east, middle);
        DialogPane several = Dialogs.await(robot, "#several-files-question");
        assertTrue(OnFx.read(() -> robot.lookup("#add-to-mosaic-question").tryQuery().isEmpty()));
        Dialogs.press(robot, several, "Cancel");
        assertEquals(3, new MosaicFiles(database.dataSource()).find(mosaic.id()).orElseThrow().files().size());
        assertTrue(new MosaicFiles(database.dataSource()).find(single.id()).isEmpty());
    }

    @Test
    void aZipOfSeveralRastersAtAUrlAsksOneLayerEachOrOneMosaic(FxRobot robot, @TempDir Path dir) throws Exception {
        Path whole = ParsedFile.data("real/django_raster_test.tif");
        Path a = cut(whole, dir.resolve("tile_a.tif"), 0, 0, 90, 174);
        Path b = cut(whole, dir.resolve("tile_b.tif"), 70, 0, 93, 174);
        Path zip = dir.resolve("florida_tiles.zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path p : List.of(a, b)) {
                out.putNextEntry(new java.util.zip.ZipEntry(p.getFileName().toString()));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        byte[] body = Files.readAllBytes(zip);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getResponseHeaders().add("Content-Type", "application/zip");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/data/florida_tiles.zip";
            robot.interact(() -> window.intake().addUrls(List.of(url)));
            DialogPane asked = Dialogs.await(robot, "#several-files-question");
            assertEquals("2 rasters: one layer each, or one mosaic layer of them all?",
                    OnFx.read(asked::getHeaderText));
            assertEquals(List.of("tile_a.tif", "tile_b.tif"), OnFx.read(() -> List.copyOf(
                    ((ListView<?>) asked.lookup(".list-view")).getItems())));
            assertEquals("florida_tiles", OnFx.read(() -> ((TextField) asked.lookup("#mosaic-name")).getText()),
                    "named after the zip");
            ScreenShots.shot("zip-url-question");
            Dialogs.press(robot, asked, "One mosaic layer");
            OnFx.waitUntil(() -> !outcomes.isEmpty());
            LayerIntake.Outcome outcome = outcomes.get(0);
            assertEquals(List.of(), outcome.refused());
            assertEquals(List.of("florida_tiles"), outcome.created().stream().map(RasterLayer::name).toList());
            int id = outcome.created().get(0).id();
            assertEquals(List.of("tile_a.tif", "tile_b.tif"), new MosaicFiles(database.dataSource()).find(id)
                    .orElseThrow().files().stream().map(StoredFile::name).toList());
            // Its parse ends before the window closes, so that no cancel races the test's end.
            OnFx.waitUntil(() ->
                    window.parseQueue().find(id) == null);
            assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(database.dataSource()).status(id));
        } finally {
            server.stop(0);
        }
    }

    /** A drop of the files on the layer's row, as a file manager's drag ends there. */
    private void drop(FxRobot robot, int layerId, Path... files) throws TimeoutException {
        LayerRows.showRow(robot, window, layerId);
        robot.interact(() -> {
            TableRow<?> row = LayerRows.rowOf(robot, layerId);
            ClipboardContent content = new ClipboardContent();
            content.putFiles(java.util.Arrays.stream(files).map(Path::toFile).toList());
            Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
            DragboardHelper.setDataAccessRestriction(board, false);
            board.setContent(content);
            Point2D at = row.localToScene(30, row.getHeight() / 2);
            Node cell = row.getChildrenUnmodifiable().isEmpty() ? row : row.getChildrenUnmodifiable().get(0);
            Event.fireEvent(cell, new DragEvent(row, cell, DragEvent.DRAG_DROPPED, board, at.getX(), at.getY(),
                    at.getX(), at.getY(), TransferMode.COPY, null, cell, new PickResult(cell, at.getX(), at.getY())));
        });
    }

    private void awaitShown(int layerId) throws TimeoutException {
        OnFx.waitUntil(() -> window.layerList().layers().stream()
                .anyMatch(l -> l.id() == layerId));
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static Path cut(Path whole, Path to, int x, int y, int width, int height) throws Exception {
        GdalRaster.run("gdal_translate", "-q", "-srcwin", Integer.toString(x), Integer.toString(y),
                Integer.toString(width), Integer.toString(height), whole.toString(), to.toString());
        return to;
    }
}
