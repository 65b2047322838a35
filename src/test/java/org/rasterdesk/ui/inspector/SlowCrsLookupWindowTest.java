package org.rasterdesk.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.LayerParseJob;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.ui.MainWindow;
import org.rasterdesk.ui.MainWindowFixture;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window while the inspector's CRS names wait on Apache SIS, as a first opening of its EPSG database did for
 * minutes on a loaded machine: the layer list reloads and shows its rows' statuses, and the map opens the selected
 * layer, with every lookup held; the inspector shows the layer once the name comes. On a real PostGIS, with the
 * window's own threads (two shared ones, as the application gives it) and django-raster's test raster parsed.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class SlowCrsLookupWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("slow-crs-test");

    private static final Path REAL_FILE = Path.of(System.getProperty("rasterdesk.test.data", "../shared/data"))
            .resolve("real/django_raster_test.tif");

    private static Database database;
    private static RasterLayerRepository layers;

    /** Held shut until the test lets the lookups through. */
    private final CountDownLatch lookupsMayGo = new CountDownLatch(1);
    private final AtomicInteger lookupsWaiting = new AtomicInteger();
    private MainWindow window;

    @BeforeAll
    static void openDatabase() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_slow_crs_test"), false);
        layers = new RasterLayerRepository(database.dataSource());
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        CrsNames.beforeLookup = () -> {
            lookupsWaiting.incrementAndGet();
            try {
                // Longer than any wait of the test: a list that waited for a lookup fails the test, not passes late.
                lookupsMayGo.await(4 * OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        window = fixture.window(database);
        MainWindowFixture.show(stage, window, 1100, 760);
    }

    @AfterEach
    void letLookupsGo() {
        lookupsMayGo.countDown();
        CrsNames.beforeLookup = () -> { };
    }

    @Test
    void theListAndTheMapGoOnWhileTheInspectorsCrsLookupsAreHeld(FxRobot robot) throws Exception {
        RasterLayer first = parsed("Land cover 2001");
        RasterLayer second = parsed("Land cover 2011");
        refresh(robot);
        OnFx.waitUntil(() -> listed(first.id()) && listed(second.id()));

        // Each selection's CRS lookup is held; before, each held one of the window's two shared threads.
        select(robot, first.id());
        OnFx.waitUntil(() -> lookupsWaiting.get() == 1);
        select(robot, second.id());
        OnFx.waitUntil(() -> lookupsWaiting.get() == 2);

        // The list reloads: a layer added meanwhile shows with its status, the parsed ones with theirs.
        RasterLayer added = layers.create(RasterLayer.create("Added while naming")
                .withSourceUrl(REAL_FILE.toUri().toString()));
        refresh(robot);
        OnFx.waitUntil(() -> listed(added.id()));
        assertEquals(ParseStatus.UNPARSED, OnFx.read(() -> shown(added.id()).status()));
        assertEquals(ParseStatus.FINISHED, OnFx.read(() -> shown(first.id()).status()));
        assertEquals(ParseStatus.FINISHED, OnFx.read(() -> shown(second.id()).status()));
        // The map opens the selected layer.
        OnFx.waitUntil(() -> window.mapPane().map().layers().stream()
                .anyMatch(l -> l.layerId() == second.id() && l.renderer() != null));
        assertNull(OnFx.read(() -> window.inspector().snapshotProperty().get()),
                "the inspector shows a layer only with its CRS named");

        lookupsMayGo.countDown();
        OnFx.waitUntil(() -> {
            LayerSnapshot s = window.inspector().snapshotProperty().get();
            return s != null && s.layer().id() == second.id();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("EPSG:3086 — NAD83 / Florida GDL Albers",
                robot.lookup("#details-crs").queryAs(Label.class).getText());
        // The form checks its SRID on the same thread, once the lookups go.
        OnFx.waitUntil(() -> "NAD83 / Florida GDL Albers".equals(
                ((Label) window.getView().lookup("#layer-srid-message")).getText()));
    }

    private static RasterLayer parsed(String name) throws Exception {
        RasterLayer layer = layers.create(RasterLayer.create(name).withDatatype(DataType.CATEGORICAL).withSrid(3086)
                .withSourceUrl(REAL_FILE.toUri().toString()));
        ParseResult result = new LayerParseJob(database.dataSource()).run(layer.id(), ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertEquals(ParseStatus.FINISHED, result.status(), result.toString());
        return layers.find(layer.id()).orElseThrow();
    }

    private void refresh(FxRobot robot) {
        robot.interact(() -> window.layerList().refresh());
    }

    private void select(FxRobot robot, int layerId) {
        robot.interact(() -> window.layerList().table().getSelectionModel().select(shown(layerId)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** On the FX thread. */
    private boolean listed(int layerId) {
        return window.layerList().layers().stream().anyMatch(l -> l.id() == layerId);
    }

    /** On the FX thread. */
    private LayerSummary shown(int layerId) {
        return window.layerList().layers().stream().filter(l -> l.id() == layerId).findFirst()
                .orElseThrow(() -> new AssertionError("the list shows no layer " + layerId));
    }
}
