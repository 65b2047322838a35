package org.rasterdesk.ui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The layer list alone, on catalogs the test controls: reloads, selection and late answers. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LayerListViewTest {

    private final BackgroundThreads background = new BackgroundThreads("list-test", 2);
    private LayerListView list;

    @Start
    void start(Stage stage) {
        list = new LayerListView(background);
        stage.setScene(new Scene((Parent) list.getView(), 600, 300));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.close();
    }

    @Test
    void selectedLayerStaysSelectedWhenItsStatusChanges(FxRobot robot) throws TimeoutException {
        AtomicReference<List<LayerSummary>> rows = new AtomicReference<>(List.of(
                layer(1, "Elevation", ParseStatus.FINISHED, 40),
                layer(2, "Land cover", ParseStatus.CREATING_TILES, 3)));
        robot.interact(() -> list.catalogProperty().set(rows::get));
        waitUntil(() -> list.layers().size() == 2);
        robot.interact(() -> list.table().getSelectionModel().select(1));

        rows.set(List.of(layer(1, "Elevation", ParseStatus.FINISHED, 40),
                layer(2, "Land cover", ParseStatus.FINISHED, 85)));
        robot.interact(list::refresh);
        waitUntil(() -> list.layers().get(1).tileCount() == 85);

        LayerSummary selected = list.selectedLayerProperty().get();
        assertEquals(2, selected.id());
        assertEquals(ParseStatus.FINISHED, selected.status());
    }

    @Test
    void lateAnswerOfAReplacedCatalogIsDropped(FxRobot robot) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LayerCatalog slowOld = () -> {
            await(release);
            return List.of(layer(1, "From the old database", ParseStatus.FINISHED, 1));
        };
        LayerCatalog current = () -> List.of(layer(7, "From the new database", ParseStatus.UNPARSED, 0));

        List<String> everShown = new CopyOnWriteArrayList<>();
        list.layers().addListener((ListChangeListener<LayerSummary>) change ->
                change.getList().forEach(layer -> everShown.add(layer.name())));
        robot.interact(() -> list.catalogProperty().set(slowOld));
        robot.interact(() -> list.catalogProperty().set(current));
        release.countDown();
        waitUntil(() -> !list.loadingProperty().get() && list.loadedProperty().get());

        assertEquals(List.of("From the new database"), list.layers().stream().map(LayerSummary::name).toList());
        assertEquals(List.of("From the new database"), everShown);
    }

    @Test
    void failedReloadKeepsTheLayersShownAndSaysWhy(FxRobot robot) throws TimeoutException {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        LayerCatalog catalog = () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return List.of(layer(3, "Soils", ParseStatus.FINISHED, 12));
        };
        robot.interact(() -> list.catalogProperty().set(catalog));
        waitUntil(() -> list.layers().size() == 1);

        failure.set(new IllegalStateException("the database went away"));
        robot.interact(list::refresh);
        waitUntil(() -> list.errorProperty().get() != null);
        assertEquals("the database went away", list.errorProperty().get());
        assertEquals("Soils", list.layers().get(0).name());

        failure.set(null);
        robot.interact(list::refresh);
        waitUntil(() -> list.errorProperty().get() == null);
        assertNull(list.errorProperty().get());
        assertTrue(list.loadedProperty().get());
    }

    private static LayerSummary layer(int id, String name, ParseStatus status, long tiles) {
        return new LayerSummary(id, name, DataType.CONTINUOUS, status, tiles, Instant.EPOCH);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
