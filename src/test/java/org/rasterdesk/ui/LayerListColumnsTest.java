package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
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
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The layer list at the window's default size shows each layer's datatype, status and tile count whole. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LayerListColumnsTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("layer-list-columns-test");

    private static Database database;

    private MainWindow window;

    @BeforeAll
    static void openDatabase() throws SQLException {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_columns_test"), false);
        RasterLayerRepository layers = new RasterLayerRepository(database.dataSource());
        // "Layer not yet parsed" is the longest status, "Categorical" among the longest datatypes.
        layers.create(RasterLayer.create("A layer with a long name that may well be cut, as names may")
                .withDatatype(DataType.CATEGORICAL));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        stage.setScene(MainWindowFixture.sceneOf(window, WindowPlacement.DEFAULT_WIDTH,
                WindowPlacement.DEFAULT_HEIGHT));
        // The stage is shared with earlier tests, which may have given it a size of their own.
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void datatypeStatusAndTileCountAreNotCutAtTheDefaultSize(FxRobot robot) throws Exception {
        OnFx.waitUntil(() -> !window.layerList().layers().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        List<TableCell<?, ?>> cells = robot.from(window.layerList().table()).lookup(".table-cell")
                .queryAll().stream().<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n)
                .filter(c -> c.getText() != null && !c.getText().isEmpty()).toList();
        assertTrue(cells.stream().anyMatch(c -> "Layer not yet parsed".equals(c.getText())), "the status is shown");
        // Every column within the list's width: none pushed out of sight to the right.
        double columns = window.layerList().table().getVisibleLeafColumns().stream().mapToDouble(c -> c.getWidth())
                .sum();
        assertTrue(columns <= window.layerList().table().getWidth(),
                "columns " + columns + " px in a list of " + window.layerList().table().getWidth() + " px: "
                        + window.layerList().table().getColumns().stream()
                        .map(c -> c.getText() + " " + c.getWidth() + " (min " + c.getMinWidth() + ")").toList());
        for (TableCell<?, ?> cell : cells) {
            if (cell.getTableColumn().getText().equals("Name")) {
                continue;
            }
            // What is drawn: the cell's text node, which holds "…"-cut text when the column is too narrow.
            String drawn = cell.getChildrenUnmodifiable().stream().filter(n -> n instanceof Text)
                    .map(n -> ((Text) n).getText()).findFirst().orElse("");
            assertFalse(!drawn.equals(cell.getText()), cell.getTableColumn().getText() + " shows \"" + drawn
                    + "\" for \"" + cell.getText() + "\"");
        }
    }
}
