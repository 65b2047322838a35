package org.rasterdesk.ui.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.ui.common.HeldTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The layer list alone, on catalogs the test controls: reloads, selection and late answers. Its reads wait in a
 * {@link HeldTaskExecutor} until the test runs them, so the test chooses the order in which answers arrive.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LayerListViewTest {

    private final HeldTaskExecutor reads = new HeldTaskExecutor();
    private LayerListView list;

    @Start
    void start(Stage stage) {
        list = new LayerListView(reads);
        stage.setScene(new Scene((Parent) list.getView(), 600, 300));
        stage.show();
    }

    @Test
    void selectedLayerStaysSelectedWhenItsStatusChanges(FxRobot robot) {
        AtomicReference<List<LayerSummary>> rows = new AtomicReference<>(List.of(
                layer(1, "Elevation", ParseStatus.FINISHED, 40),
                layer(2, "Land cover", ParseStatus.CREATING_TILES, 3)));
        robot.interact(() -> {
            list.catalogProperty().set(rows::get);
            reads.runAll();
        });
        assertEquals(2, list.layers().size());
        robot.interact(() -> list.table().getSelectionModel().select(1));

        rows.set(List.of(layer(1, "Elevation", ParseStatus.FINISHED, 40),
                layer(2, "Land cover", ParseStatus.FINISHED, 85)));
        robot.interact(() -> {
            list.refresh();
            reads.runAll();
        });

        assertEquals(85, list.layers().get(1).tileCount());
        LayerSummary selected = list.selectedLayerProperty().get();
        assertEquals(2, selected.id());
        assertEquals(ParseStatus.FINISHED, selected.status());
    }

    @Test
    void lateAnswerOfAReplacedCatalogIsDropped(FxRobot robot) {
        LayerCatalog old = () -> List.of(layer(1, "From the old database", ParseStatus.FINISHED, 1));
        LayerCatalog current = () -> List.of(layer(7, "From the new database", ParseStatus.UNPARSED, 0));

        List<String> everShown = new CopyOnWriteArrayList<>();
        list.layers().addListener((ListChangeListener<LayerSummary>) change ->
                change.getList().forEach(layer -> everShown.add(layer.name())));
        robot.interact(() -> list.catalogProperty().set(old));
        // The old database's read is still on its way when the new database replaces it.
        robot.interact(() -> list.catalogProperty().set(current));
        robot.interact(reads::runAll);

        assertTrue(!list.loadingProperty().get() && list.loadedProperty().get());
        assertEquals(List.of("From the new database"), list.layers().stream().map(LayerSummary::name).toList());
        assertEquals(List.of("From the new database"), everShown);
    }

    @Test
    void failedReloadKeepsTheLayersShownAndSaysWhy(FxRobot robot) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        LayerCatalog catalog = () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return List.of(layer(3, "Soils", ParseStatus.FINISHED, 12));
        };
        robot.interact(() -> {
            list.catalogProperty().set(catalog);
            reads.runAll();
        });
        assertEquals(1, list.layers().size());

        failure.set(new IllegalStateException("the database went away"));
        robot.interact(() -> {
            list.refresh();
            reads.runAll();
        });
        assertEquals("the database went away", list.errorProperty().get());
        assertEquals("Soils", list.layers().get(0).name());

        failure.set(null);
        robot.interact(() -> {
            list.refresh();
            reads.runAll();
        });
        assertNull(list.errorProperty().get());
        assertTrue(list.loadedProperty().get());
    }

    private static LayerSummary layer(int id, String name, ParseStatus status, long tiles) {
        return new LayerSummary(id, name, DataType.CONTINUOUS, status, tiles, Instant.EPOCH);
    }
}
