package org.rasterdesk.ui.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The connection dialog against the test PostGIS cluster: what "Test connection" says, shown headless. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ConnectionDialogTest {

    private static BackgroundThreads background;
    private static Path recentFile;
    private ConnectionDialog dialog;

    @BeforeAll
    static void start() throws Exception {
        background = new BackgroundThreads("test-dialog", 2);
        recentFile = Files.createTempDirectory("rasterdesk-recent").resolve("recent-databases.tsv");
    }

    @AfterAll
    static void stop() {
        background.close();
    }

    @Start
    void show(Stage stage) {
        dialog = new ConnectionDialog(background, new RecentDatabases(recentFile), Optional.empty());
        dialog.show();
    }

    @Test
    void testButtonReportsTheServerOfTheTestDatabase(FxRobot robot) throws TimeoutException {
        ConnectionSettings test = TestDatabase.shared().settings();
        fill(robot, test.jdbcUrl(), "", "", test.user(), test.password());
        robot.clickOn("#test-connection");
        String status = waitForAnswer(robot);
        assertTrue(status.startsWith("Connected to PostgreSQL "), status);
        assertTrue(status.endsWith("PostGIS and postgis_raster are installed."), status);
        assertFalse(statusLabel(robot).getStyleClass().contains("error"));
    }

    @Test
    void testButtonSaysPlainlyThatARefusedPortIsRefused(FxRobot robot) throws TimeoutException {
        fill(robot, "", "127.0.0.1", "1", "nobody", "");
        robot.clickOn("#test-connection");
        String status = waitForAnswer(robot);
        assertTrue(status.contains("Connection to 127.0.0.1:1 refused"), status);
        assertTrue(statusLabel(robot).getStyleClass().contains("error"));
    }

    @Test
    void missingPostgisIsOfferedForCreation(FxRobot robot) throws TimeoutException {
        ConnectionSettings bare = TestDatabase.createBareDatabase("rasterdesk_dialog_bare");
        fill(robot, bare.jdbcUrl(), "", "", bare.user(), bare.password());
        robot.clickOn("#test-connection");
        String status = waitForAnswer(robot);
        assertTrue(status.startsWith("The database lacks the extensions postgis, postgis_raster"), status);
        assertTrue(robot.lookup("#create-extensions").query().isVisible());
        robot.clickOn("#create-extensions");
        status = waitForAnswer(robot);
        assertEquals("Created. PostGIS and postgis_raster are installed.", status);
    }

    @Test
    void connectOpensTheDatabaseAndRemembersItWithoutThePassword(FxRobot robot) throws Exception {
        ConnectionSettings test = TestDatabase.shared().settings();
        fill(robot, test.jdbcUrl(), "", "", test.user(), test.password());
        robot.clickOn("#connect-database");
        OnFx.waitUntil(() -> dialog.result() != null);
        try (ConnectedDatabase open = dialog.result()) {
            assertFalse(open.isEmbedded());
            assertEquals(test.jdbcUrl().replaceAll("\\?.*", ""),
                    open.database().settings().jdbcUrl().replaceAll("\\?.*", ""));
        }
        assertTrue(robot.listWindows().stream().noneMatch(w -> w.isShowing()
                && w.getScene().getRoot().lookup("#test-connection") != null), "the dialog closes");
        List<RecentDatabases.Entry> recent = new RecentDatabases(recentFile).load();
        assertEquals(test.jdbcUrl(), recent.get(0).connectionString());
        assertEquals(test.user(), recent.get(0).user());
        if (test.password() != null && !test.password().isEmpty()) {
            assertFalse(Files.readString(recentFile).contains(test.password()));
        }
    }

    @Test
    void rememberingAPasswordWithoutAKeyringSaysItWillNotBeKept(FxRobot robot) {
        robot.clickOn("#use-other");
        robot.clickOn("#remember-password");
        assertTrue(robot.lookup("#remember-password").queryAs(CheckBox.class).isSelected());
        String note = robot.lookup("#keyring-note").queryAs(Label.class).getText();
        assertTrue(note.contains("will not be kept"), note);
    }

    private void fill(FxRobot robot, String connectionString, String host, String port, String user,
                      String password) {
        robot.interact(() -> {
            robot.lookup("#use-other").queryAs(RadioButton.class).setSelected(true);
            text(robot, "#connection-string").setText(connectionString);
            text(robot, "#connection-host").setText(host);
            text(robot, "#connection-port").setText(port);
            text(robot, "#connection-user").setText(user);
            text(robot, "#connection-password").setText(password == null ? "" : password);
        });
    }

    private String waitForAnswer(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        OnFx.waitUntil(() -> !dialog.workingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        return statusLabel(robot).getText();
    }

    private static Label statusLabel(FxRobot robot) {
        return robot.lookup("#connection-status").queryAs(Label.class);
    }

    private static TextField text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class);
    }
}
