package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
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
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window on a real PostGIS, shown headless by Monocle: what the layer list and status bar show. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("main-window-test");

    private static Database database;

    private MainWindow window;

    @BeforeAll
    static void openDatabase() throws SQLException {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_ui_test"), false);
        insertLayer("Land cover 2020", "ca", 5, 3);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        MainWindowFixture.show(stage, window, 900, 500);
    }

    @Test
    void layerListShowsNameDatatypeStatusAndTileCount(FxRobot robot) throws TimeoutException {
        waitForRows(robot, 1);
        List<String> row = shownRow(robot, "Land cover 2020");
        // The ID column is hidden by default (the table's menu shows it).
        assertEquals(List.of("Land cover 2020", "Categorical", "Finished parsing", "3"), row);
    }

    @Test
    void statusBarNamesTheDatabaseAndCountsTheLayers(FxRobot robot) throws TimeoutException {
        waitForRows(robot, 1);
        OnFx.waitUntil(() -> !window.layerList().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String databaseText = robot.lookup(".status-database").queryAs(Label.class).getText();
        assertEquals("test database rasterdesk_ui_test", databaseText);
        String activity = robot.lookup(".status-activity").queryAs(Label.class).getText();
        assertTrue(activity.matches("\\d+ layers?"), activity);
        assertEquals(String.valueOf(shownRowCount(robot)), activity.replaceAll("\\D", ""));
    }

    @Test
    void refreshShowsALayerAddedMeanwhile(FxRobot robot) throws Exception {
        waitForRows(robot, 1);
        int before = shownRowCount(robot);
        insertLayer("Flood mask September", "ma", 3, 0);
        robot.clickOn("#refresh-layers");
        waitForRows(robot, before + 1);
        assertEquals(List.of("Flood mask September", "Mask", "Creating tiles", "0"),
                shownRow(robot, "Flood mask September"));
    }

    private static void insertLayer(String name, String datatype, int status, int tiles) throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            int id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayer (name, datatype, "
                    + "source_url, build_pyramid, next_higher, store_reprojected, modified) "
                    + "VALUES (?, ?, '', true, true, true, now()) RETURNING id")) {
                ps.setString(1, name);
                ps.setString(2, datatype);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rasterlayerparsestatus "
                    + "(status, log, tile_levels, rasterlayer_id) VALUES (?, '', '{}', ?)")) {
                ps.setInt(1, status);
                ps.setInt(2, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rastertile "
                    + "(rast, tilex, tiley, tilez, rasterlayer_id) SELECT ST_AddBand(ST_MakeEmptyRaster("
                    + "256, 256, 0, 0, 1, -1, 0, 0, 3857), '8BUI'::text, 1::float8, 0::float8), x, 0, 2, ? "
                    + "FROM generate_series(0, ? - 1) AS x")) {
                ps.setInt(1, id);
                ps.setInt(2, tiles);
                ps.executeUpdate();
            }
        }
    }

    private void waitForRows(FxRobot robot, int count) throws TimeoutException {
        OnFx.waitUntil(() -> window.layerList().layers().size() >= count);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static int shownRowCount(FxRobot robot) {
        return (int) robot.lookup(".table-row-cell").<TableRow<?>>queryAll().stream()
                .filter(r -> !r.isEmpty() && r.getItem() != null).count();
    }

    /** The texts of the cells the table renders for the row whose name cell reads {@code name}, left to right. */
    private static List<String> shownRow(FxRobot robot, String name) {
        for (TableRow<?> row : robot.lookup(".table-row-cell").<TableRow<?>>queryAll()) {
            if (row.isEmpty()) {
                continue;
            }
            List<String> cells = robot.from(row).lookup(".table-cell").<TableCell<?, ?>>queryAll().stream()
                    .sorted((a, b) -> Double.compare(a.getLayoutX(), b.getLayoutX()))
                    .map(cell -> cell.getText())
                    .collect(Collectors.toList());
            if (cells.contains(name)) {
                return cells;
            }
        }
        throw new AssertionError("No row shows " + name);
    }
}
