package org.rasterdesk.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.ui.MainWindow;
import org.rasterdesk.ui.MainWindowFixture;
import org.rasterdesk.ui.common.Stylesheet;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The layer form, details, delete and duplicate in the main window on a real PostGIS, shown headless by Monocle,
 * with django-raster's own test raster parsed for real.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LayerInspectorTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("inspector-test");

    private static final Path REAL_FILE = Path.of(System.getProperty("rasterdesk.test.data", "../shared/data"))
            .resolve("real/django_raster_test.tif");

    private static Database database;
    private static RasterLayerRepository layers;
    /** django_raster_test.tif, parsed once for the tests that only look at it. */
    private static RasterLayer parsed;

    private MainWindow window;
    private final List<Integer> reparseRequests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openDatabase() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_inspector_test"), false);
        layers = new RasterLayerRepository(database.dataSource());
        parsed = parsedLayer("Florida land cover", DataType.CATEGORICAL);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        window.inspector().setOnReparseRequested(reparseRequests::add);
        stage.setScene(scene(window));
        // The stage is shared with earlier tests: at a size one of them left, the form's messages wrap otherwise
        // and move the buttons this test clicks.
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void hintsAppearingMoveNeitherTheRowsNorTheSaveButton(FxRobot robot) throws Exception {
        RasterLayer layer = layers.create(RasterLayer.create("Hints").withSourceUrl(REAL_FILE.toUri().toString()));
        select(robot, window, layer.id());
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node save = robot.lookup("#save-layer").query();
        javafx.scene.Node legend = robot.lookup("#layer-legend").query();
        double saveY = save.localToScene(0, 0).getY();
        double legendY = legend.localToScene(0, 0).getY();
        Label maxZoomMessage = robot.lookup("#layer-max-zoom-message").queryAs(Label.class);
        assertEquals("", maxZoomMessage.getText());

        TextField maxZoom = robot.lookup("#layer-max-zoom").queryAs(TextField.class);
        robot.interact(() -> maxZoom.setText("99"));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(maxZoomMessage.getText().isEmpty(), "a hint is shown under the max zoom");
        assertEquals(legendY, legend.localToScene(0, 0).getY(), "the rows below the hints stay where they were");
        assertEquals(saveY, save.localToScene(0, 0).getY(), "the Save button stays where it was");

        robot.interact(() -> maxZoom.setText("12"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(saveY, save.localToScene(0, 0).getY(), "nor moves when the hints go");
    }

    @Test
    void theFormShowsThePreflightBeforeSaveAndFollowsTheMaxZoom(FxRobot robot) throws Exception {
        RasterLayer layer = layers.create(RasterLayer.create("Pre-flight first").withDatatype(DataType.CATEGORICAL)
                .withSourceUrl(REAL_FILE.toUri().toString()));
        select(robot, window, layer.id());
        Label preflight = robot.lookup("#layer-preflight").queryAs(Label.class);
        OnFx.waitUntil(() -> preflight.getText().startsWith("Pre-flight: up to"));
        // The file asks for zoom 11 (django-raster's own choice for it): no warning yet.
        assertTrue(preflight.getText().contains(" at zoom 11), about "), preflight.getText());
        assertFalse(preflight.getText().contains("⚠"), preflight.getText());
        javafx.scene.Node save = robot.lookup("#save-layer").query();
        double saveY = save.localToScene(0, 0).getY();

        TextField maxZoom = robot.lookup("#layer-max-zoom").queryAs(TextField.class);
        robot.interact(() -> maxZoom.setText("14"));
        OnFx.waitUntil(() -> preflight.getText().contains(" at zoom 14), about "));
        assertTrue(preflight.getText().contains("⚠ Max zoom 14 is 3 levels finer than the raster's resolution asks "
                + "for (zoom 11)"), preflight.getText());
        assertTrue(preflight.getStyleClass().contains("warning"));
        assertEquals(saveY, save.localToScene(0, 0).getY(), "the pre-flight moves nothing above it");
        assertTrue(layers.find(layer.id()).orElseThrow().maxZoom() == null, "nothing was saved");
    }

    @Test
    void editedNameIsStored(FxRobot robot) throws Exception {
        RasterLayer layer = layers.create(RasterLayer.create("Rainfall June").withSourceUrl(REAL_FILE.toUri()
                .toString()));
        select(robot, window, layer.id());
        TextField name = robot.lookup("#layer-name").queryAs(TextField.class);
        robot.clickOn(name);
        robot.interact(name::selectAll);
        robot.write("Rainfall July");
        robot.clickOn("#save-layer");
        waitUntil(() -> "Rainfall July".equals(layers.find(layer.id()).orElseThrow().name()));
        waitUntil(() -> !window.inspector().form().dirtyProperty().get());
        assertTrue(reparseRequests.isEmpty(), "a new name needs no new tiles");
    }

    @Test
    void newMaxZoomAsksForAReparseAndNewDatatypeDoesNot(FxRobot robot) throws Exception {
        RasterLayer layer = layers.create(RasterLayer.create("Elevation").withSourceUrl(REAL_FILE.toUri()
                .toString()));
        select(robot, window, layer.id());

        robot.interact(() -> robot.lookup("#layer-datatype").<ChoiceBox<DataType>>query()
                .setValue(DataType.MASK));
        robot.clickOn("#save-layer");
        waitUntil(() -> layers.find(layer.id()).orElseThrow().datatype() == DataType.MASK);
        waitUntil(() -> !window.inspector().form().savingProperty().get());
        assertTrue(reparseRequests.isEmpty(), "django-raster keeps the tiles when only the datatype changes");

        robot.clickOn("#layer-max-zoom").write("9");
        robot.clickOn("#save-layer");
        waitUntil(() -> Integer.valueOf(9).equals(layers.find(layer.id()).orElseThrow().maxZoom()));
        waitUntil(() -> reparseRequests.contains(layer.id()));
        assertEquals(List.of(layer.id()), reparseRequests);
    }

    @Test
    void badValuesAreExplainedNextToTheirFields(FxRobot robot) throws Exception {
        select(robot, window, parsed.id());
        robot.clickOn("#layer-srid").write("999999");
        robot.clickOn("#layer-nodata").write("300");
        robot.clickOn("#layer-max-zoom").write("30");

        // The SRID is looked up in SIS's EPSG database in the background; its first lookup takes seconds.
        waitUntil(() -> text(robot, "#layer-srid-message").contains("not in the EPSG database"));
        assertEquals("EPSG:999999 is not in the EPSG database.", text(robot, "#layer-srid-message"));
        assertEquals("300 does not fit the band's Byte pixels (a whole number from 0 to 255).",
                text(robot, "#layer-nodata-message"));
        assertEquals("A whole number from 0 to 24, or blank for the zoom the pixel size asks for.",
                text(robot, "#layer-max-zoom-message"));
        assertFalse(window.inspector().form().validProperty().get());
        assertTrue(robot.lookup("#save-layer").query().isDisabled());

        robot.interact(() -> robot.lookup("#layer-srid").queryAs(TextField.class).setText("4326"));
        waitUntil(() -> text(robot, "#layer-srid-message").equals("WGS 84"));
        robot.clickOn("#revert-layer");
        assertEquals("", robot.lookup("#layer-max-zoom").queryAs(TextField.class).getText());
        assertEquals("auto: 11", robot.lookup("#layer-max-zoom").queryAs(TextField.class).getPromptText());
        assertEquals("auto: 255", robot.lookup("#layer-nodata").queryAs(TextField.class).getPromptText());
        assertEquals("auto: 3086", robot.lookup("#layer-srid").queryAs(TextField.class).getPromptText());
    }

    @Test
    void detailsShowTheSourceAndTheHistogramOfAParsedLayer(FxRobot robot) throws Exception {
        select(robot, window, parsed.id());
        assertEquals("163 × 174 pixels, 1 band of Byte", text(robot, "#details-size"));
        assertEquals("EPSG:3086 — NAD83 / Florida GDL Albers", text(robot, "#details-crs"));
        assertEquals("100 × 100 m", text(robot, "#details-pixel-size"));
        assertTrue(text(robot, "#details-extent").startsWith("x "), text(robot, "#details-extent"));

        BandMetadata band = new LayerMetadataRepository(database.dataSource()).bands(parsed.id()).get(0);
        assertEquals(LayerFieldRules.number(band.min()), robot.lookup(".band-min").queryAs(Label.class).getText());
        assertEquals(LayerFieldRules.number(band.max()), robot.lookup(".band-max").queryAs(Label.class).getText());
        assertEquals("255", robot.lookup(".band-nodata").queryAs(Label.class).getText());
        BarChart<?, ?> chart = robot.lookup(".band-histogram").queryAs(BarChart.class);
        List<? extends XYChart.Data<?, ?>> bars = chart.getData().get(0).getData();
        assertEquals(BandMetadata.HISTOGRAM_BINS, bars.size());
        long[] shown = bars.stream().mapToLong(d -> ((Number) d.getYValue()).longValue()).toArray();
        assertEquals(java.util.Arrays.toString(band.histValues()), java.util.Arrays.toString(shown));
        assertTrue(java.util.Arrays.stream(shown).sum() > 0, "the parse fills the histogram");
    }

    @Test
    void deleteKeyRemovesTheLayerAndItsTilesAfterConfirmation(FxRobot robot) throws Exception {
        RasterLayer doomed = parsedLayer("To delete", DataType.CATEGORICAL);
        TileRepository tiles = new TileRepository(database.dataSource());
        assertTrue(tiles.count(doomed.id()) > 0);
        select(robot, window, doomed.id());
        robot.interact(() -> window.layerList().table().requestFocus());
        robot.type(KeyCode.DELETE);
        // The confirmation opens in a window of its own, inside the key's handler.
        waitUntilOnFx(() -> robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText("Delete")).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText("Delete")).<javafx.scene.Node>query());
        waitUntil(() -> layers.find(doomed.id()).isEmpty());
        assertEquals(0, tiles.count(doomed.id()));
        waitUntilOnFx(() -> window.layerList().layers().stream().noneMatch(s -> s.id() == doomed.id()));
        waitUntil(() -> window.inspector().snapshotProperty().get() == null);
        assertTrue(layers.find(parsed.id()).isPresent());
    }

    @Test
    void deletingALayerOfManyTilesLeavesTheWindowResponsive(FxRobot robot) throws Exception {
        RasterLayer big = layers.create(RasterLayer.create("Many tiles"));
        int tileCount = 250 * 400;
        try (java.sql.Connection c = database.dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rastertile "
                     + "(rast, tilex, tiley, tilez, rasterlayer_id) SELECT ST_MakeEmptyRaster(256, 256, 0, 0, 1, "
                     + "-1, 0, 0, 3857), x, y, 16, ? FROM generate_series(0, 249) x, generate_series(0, 399) y")) {
            ps.setInt(1, big.id());
            assertEquals(tileCount, ps.executeUpdate());
        }
        select(robot, window, big.id());
        long start = System.nanoTime();
        long worst = 0;
        int samples = 0;
        int answeredWhileDeleting = 0;
        // One tile row is held by another session, so the deletion is still under way while the FX thread is
        // sampled: a deletion that ended before the first sample proved nothing, however fast the machine.
        try (java.sql.Connection holder = database.dataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = holder.prepareStatement("SELECT 1 FROM raster_rastertile"
                    + " WHERE rasterlayer_id = ? LIMIT 1 FOR UPDATE")) {
                ps.setInt(1, big.id());
                ps.executeQuery().close();
            }
            javafx.application.Platform.runLater(() -> window.inspector().deleteSelected());
            // The confirmation waits for an answer; the FX thread keeps running underneath it.
            waitUntilOnFx(() -> robot.lookup(".dialog-pane .button").match(
                    org.testfx.matcher.control.LabeledMatchers.hasText("Delete")).tryQuery().isPresent());
            robot.clickOn(robot.lookup(".dialog-pane .button").match(
                    org.testfx.matcher.control.LabeledMatchers.hasText("Delete")).<javafx.scene.Node>query());
            waitUntilOnFx(() -> window.inspector().busyProperty().get());
            while (samples < 20) {
                long t = System.nanoTime();
                if (WaitForAsyncUtils.asyncFx(() -> window.inspector().busyProperty().get())
                        .get(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                    answeredWhileDeleting++;
                }
                worst = Math.max(worst, System.nanoTime() - t);
                samples++;
            }
            assertEquals(tileCount, new TileRepository(database.dataSource()).count(big.id()),
                    "the deletion went past the held row");
            holder.commit();
        }
        while (window.inspector().busyProperty().get()) {
            long t = System.nanoTime();
            WaitForAsyncUtils.asyncFx(() -> window.inspector().busyProperty().get())
                    .get(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS);
            worst = Math.max(worst, System.nanoTime() - t);
            samples++;
        }
        waitUntil(() -> layers.find(big.id()).isEmpty());
        System.out.printf("Deleted %d tiles in %.2f s; FX thread answered %d times, slowest %.0f ms%n", tileCount,
                (System.nanoTime() - start) / 1e9, samples, worst / 1e6);
        assertEquals(0, new TileRepository(database.dataSource()).count(big.id()));
        // The FX thread ran other work while the tiles were being deleted, which it could not if it deleted them.
        // A bound of half a second on its slowest answer measured the machine's load as much as the window: on
        // cores shared with other builds the FX thread alone can wait that long, so the bound left is a gross one.
        assertTrue(answeredWhileDeleting > 0, "the FX thread did not answer while the tiles were deleted");
        assertTrue(worst < 10_000_000_000L, "the FX thread was blocked for " + worst / 1e6 + " ms");
    }

    @Test
    void selectingAnotherLayerWithUnsavedEditsOffersToSaveThem(FxRobot robot) throws Exception {
        RasterLayer first = layers.create(RasterLayer.create("Edited, then left"));
        RasterLayer second = layers.create(RasterLayer.create("Selected next"));
        select(robot, window, first.id());
        robot.interact(() -> ((TextField) window.getView().lookup("#layer-name")).setText("Edited, and saved"));
        LayerSummary next = summary(window, second.id());
        // The question waits for an answer inside the FX thread's turn: do not wait for that turn to end.
        javafx.application.Platform.runLater(() -> window.layerList().table().getSelectionModel().select(next));
        waitUntilOnFx(() -> robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText("Save")).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText("Save")).<javafx.scene.Node>query());
        waitUntil(() -> "Edited, and saved".equals(layers.find(first.id()).orElseThrow().name()));
        waitUntil(() -> shownLayerId() == second.id());
        assertEquals("Selected next", nameShown(window));
    }

    @Test
    void f2InTheListPutsTheCursorInTheNameField(FxRobot robot) throws Exception {
        select(robot, window, parsed.id());
        robot.interact(() -> window.layerList().table().requestFocus());
        robot.type(KeyCode.F2);
        WaitForAsyncUtils.waitForFxEvents();
        TextField name = robot.lookup("#layer-name").queryAs(TextField.class);
        assertEquals(name, window.getView().getScene().getFocusOwner());
        assertEquals(name.getText(), name.getSelectedText());
    }

    @Test
    void duplicateStoresACopyOfEveryFieldAndAsksToParseIt(FxRobot robot) throws Exception {
        RasterLayer original = layers.update(layers.create(RasterLayer.create("Soil moisture")
                .withSourceUrl(REAL_FILE.toUri().toString())).withDescription("Weekly").withNodata("0")
                .withSrid(3086).withMaxZoom(10).withDatatype(DataType.RANK_ORDERED).withNextHigher(false))
                .layer();
        select(robot, window, original.id());
        robot.clickOn("#duplicate-layer");
        waitUntil(() -> layers.findAll().stream().anyMatch(l -> "Soil moisture (copy)".equals(l.name())));
        RasterLayer copy = layers.findAll().stream().filter(l -> "Soil moisture (copy)".equals(l.name()))
                .findFirst().orElseThrow();
        assertEquals(original.withId(copy.id()).withName(copy.name()).withModified(copy.modified()), copy);
        waitUntil(() -> reparseRequests.contains(copy.id()));
        // The copy is selected once the list shows it.
        waitUntil(() -> shownLayerId() == copy.id());
    }

    @Test
    void aSecondWindowOnTheSameDatabaseSeesWhatTheFirstChanges(FxRobot robot) throws Exception {
        RasterLayer layer = layers.create(RasterLayer.create("Shared layer").withSourceUrl(REAL_FILE.toUri()
                .toString()));
        MainWindow[] second = new MainWindow[1];
        Stage[] secondStage = new Stage[1];
        robot.interact(() -> {
            second[0] = new MainWindow(database, fixture.background());
            secondStage[0] = new Stage();
            secondStage[0].setScene(scene(second[0]));
            secondStage[0].show();
        });
        try {
            select(robot, second[0], layer.id());
            select(robot, window, layer.id());

            // The first window duplicates; the second lists the copy at its next automatic reload.
            robot.interact(() -> window.inspector().duplicateSelected());
            waitUntilOnFx(() -> second[0].layerList().layers().stream()
                    .anyMatch(s -> "Shared layer (copy)".equals(s.name())));

            // The first renames; the second's form, holding no edit, follows.
            robot.interact(() -> window.layerList().table().getSelectionModel().select(summary(window,
                    layer.id())));
            waitUntil(() -> shownLayerId() == layer.id());
            robot.interact(() -> {
                TextField name = (TextField) window.getView().lookup("#layer-name");
                name.setText("Shared layer, renamed");
            });
            robot.interact(() -> window.inspector().form().save());
            waitUntil(() -> nameShown(second[0]).equals("Shared layer, renamed"));

            // An unsaved edit in the second window survives a change made by the first, which it announces.
            robot.interact(() -> ((TextField) second[0].getView().lookup("#layer-name")).setText("My own name"));
            robot.interact(() -> ((TextField) window.getView().lookup("#layer-name")).setText("Theirs"));
            robot.interact(() -> window.inspector().form().save());
            waitUntil(() -> !((Label) second[0].getView().lookup("#layer-form-notice")).getText().isEmpty());
            assertEquals("My own name", nameShown(second[0]));
            assertTrue(second[0].inspector().form().dirtyProperty().get());
            robot.interact(() -> second[0].inspector().form().revert());
            assertEquals("Theirs", nameShown(second[0]));
        } finally {
            robot.interact(() -> {
                second[0].dispose();
                secondStage[0].close();
            });
        }
    }

    private int shownLayerId() {
        LayerSnapshot s = window.inspector().snapshotProperty().get();
        return s == null ? -1 : s.layer().id();
    }

    private static String nameShown(MainWindow w) {
        return ((TextField) w.getView().lookup("#layer-name")).getText();
    }

    private static Scene scene(MainWindow w) {
        Scene scene = new Scene(w.getView(), 1100, 760);
        scene.getStylesheets().add(Stylesheet.url());
        return scene;
    }

    static RasterLayer parsedLayer(String name, DataType type) throws Exception {
        RasterLayer layer = layers.create(RasterLayer.create(name).withDatatype(type)
                .withSourceUrl(REAL_FILE.toUri().toString()));
        ParseResult result = new LayerParseJob(database.dataSource()).run(layer.id(), ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertEquals(ParseStatus.FINISHED, result.status(), result.toString());
        return layers.find(layer.id()).orElseThrow();
    }

    /** Selects the layer in the window's list once the list shows it, and waits for the inspector to show it. */
    private static void select(FxRobot robot, MainWindow w, int id) throws TimeoutException {
        robot.interact(() -> w.layerList().refresh());
        waitUntilOnFx(() -> summaryOrNull(w, id) != null);
        robot.interact(() -> w.layerList().table().getSelectionModel().select(summary(w, id)));
        waitUntil(() -> {
            LayerSnapshot s = w.inspector().snapshotProperty().get();
            return s != null && s.layer().id() == id;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static LayerSummary summary(MainWindow w, int id) {
        LayerSummary s = summaryOrNull(w, id);
        if (s == null) {
            throw new AssertionError("layer " + id + " is not listed");
        }
        return s;
    }

    private static LayerSummary summaryOrNull(MainWindow w, int id) {
        return w.layerList().layers().stream().filter(s -> s.id() == id).findFirst().orElse(null);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Waits for a condition on a window's lists, read on the FX thread that changes them. */
    private static void waitUntilOnFx(Callable<Boolean> condition) throws TimeoutException {
        waitUntil(() -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
