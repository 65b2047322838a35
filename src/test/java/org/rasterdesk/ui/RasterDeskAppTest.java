package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.ServerVersions;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.system.Version;
import org.rasterdesk.ui.common.AppIcon;
import org.rasterdesk.ui.common.OnFx;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole application started as the launcher starts it, on a database chosen by system property. Conditions
 * are polled from the test thread, so each wait ends with waitForFxEvents: the FX thread may be half way through
 * the update whose first change the condition saw.
 */
@Tag("gui")
class RasterDeskAppTest {

    private static ConnectionSettings settings;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeAll
    static void prepare() throws TimeoutException, SQLException {
        settings = TestDatabase.createEmptyDatabase("rasterdesk_app_test");
        try (Database database = Database.open(settings, false)) {
            new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("Elevation"));
        }
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void clearSettings() throws TimeoutException {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("rasterdesk.db");
        System.clearProperty("rasterdesk.db.user");
        System.clearProperty("rasterdesk.db.password");
    }

    @Test
    void opensTheChosenDatabaseAndLeavesItOnExit() throws Exception {
        System.setProperty("rasterdesk.db", settings.jdbcUrl());
        System.setProperty("rasterdesk.db.user", settings.user());
        System.setProperty("rasterdesk.db.password", settings.password());
        app = FxToolkit.setupApplication(RasterDeskApp.class);

        OnFx.waitUntil(() -> "1 layer".equals(robot.lookup(".status-activity").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(settings.user() + "@" + settings.jdbcUrl().substring("jdbc:postgresql://".length()),
                robot.lookup(".status-database").queryAs(Label.class).getText());
        OnFx.waitUntil(() -> robot.lookup(".table-cell")
                .<TableCell<?, ?>>queryAll().stream().anyMatch(cell -> "Elevation".equals(cell.getText())));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(appConnections() > 0);

        FxToolkit.cleanupApplication(app);
        app = null;
        WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> appConnections() == 0);
    }

    @Test
    void helpAboutShowsTheVersionsTheDatabaseAndTheLicencesUnderTheIcon() throws Exception {
        System.setProperty("rasterdesk.db", settings.jdbcUrl());
        System.setProperty("rasterdesk.db.user", settings.user());
        System.setProperty("rasterdesk.db.password", settings.password());
        app = FxToolkit.setupApplication(RasterDeskApp.class);
        OnFx.waitUntil(() -> "1 layer".equals(robot.lookup(".status-activity").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.stage.Window main = robot.lookup("#main-menu").query().getScene().getWindow();
        assertEquals(AppIcon.SIZES, ((javafx.stage.Stage) main).getIcons().stream()
                .map(i -> (int) i.getWidth()).toList(), "the window's icon at every size the build renders");

        robot.clickOn("Help").clickOn("About RasterDesk");
        OnFx.waitUntil(() -> robot.lookup("#about-postgis")
                .tryQuery().isPresent()
                && !robot.lookup("#about-postgis").queryAs(Label.class).getText().startsWith("asking")
                && !robot.lookup("#about-licences").queryAs(TextArea.class).getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ServerVersions versions;
        try (Database database = Database.open(settings, false)) {
            versions = ServerVersions.read(database.dataSource());
        }
        assertEquals(Version.current(), text("#about-version"));
        assertTrue(text("#about-java").startsWith(Runtime.version().toString()), text("#about-java"));
        assertTrue(text("#about-javafx").startsWith("21."), text("#about-javafx"));
        assertEquals(robot.lookup(".status-database").queryAs(Label.class).getText(), text("#about-database"));
        assertEquals(versions.postgresql(), text("#about-postgresql"));
        assertTrue(text("#about-postgis").matches("\\d+\\.\\d+\\.\\d+.*"), text("#about-postgis"));
        assertEquals(versions.postgisText(), text("#about-postgis"));
        String licences = robot.lookup("#about-licences").queryAs(TextArea.class).getText();
        assertTrue(licences.contains("PostgreSQL JDBC Driver") && licences.contains("EPSG Terms of Use")
                && licences.contains("(GPLv2+CE) javafx controls"), licences);
        javafx.stage.Stage about = (javafx.stage.Stage) robot.lookup("#about-licences").query().getScene().getWindow();
        assertEquals(main, about.getOwner());
        assertEquals(AppIcon.SIZES.size(), about.getIcons().size());
        robot.clickOn("#about-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(!about.isShowing());
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void windowSaysConnectingWhileTheServerIsSilentThenShowsTheFailure() throws Exception {
        try (SilentServer server = new SilentServer()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/nothing";
            System.setProperty("rasterdesk.db", url);
            app = FxToolkit.setupApplication(RasterDeskApp.class);
            WaitForAsyncUtils.waitFor(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS, () -> server.accepted() > 0);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("Connecting…", robot.lookup(".status-activity").queryAs(Label.class).getText());
            assertEquals(described(url), robot.lookup(".status-database").queryAs(Label.class).getText());

            server.close();
            OnFx.waitUntil(() -> "Not connected".equals(robot.lookup(".status-activity")
                    .queryAs(Label.class).getText()));
            WaitForAsyncUtils.waitForFxEvents();
            String shown = robot.lookup(".layer-list-placeholder").queryAs(Label.class).getText();
            assertTrue(shown.startsWith("Cannot open " + described(url) + "."), shown);
        }
    }

    @Test
    void refusedConnectionIsToldInTheDriversWords() throws Exception {
        System.setProperty("rasterdesk.db", "jdbc:postgresql://127.0.0.1:1/nothing");
        app = FxToolkit.setupApplication(RasterDeskApp.class);

        OnFx.waitUntil(() -> "Not connected".equals(robot.lookup(".status-activity").queryAs(Label.class).getText()));
        WaitForAsyncUtils.waitForFxEvents();
        String shown = robot.lookup(".layer-list-placeholder").queryAs(Label.class).getText();
        assertTrue(shown.startsWith("Cannot open " + described("jdbc:postgresql://127.0.0.1:1/nothing") + "."), shown);
        assertTrue(shown.contains("Connection to 127.0.0.1:1 refused"), shown);
    }

    /** How the window names a database given by URL: as psql's conventions resolve it, without the password. */
    private static String described(String url) {
        return org.rasterdesk.db.ConnectionResolver.forCurrentUser().resolve(url).description();
    }

    /** A TCP server that accepts connections and never says a word, until closed: a database still starting. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();

        SilentServer() throws IOException {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        clients.add(socket.accept());
                    }
                } catch (IOException e) {
                    // Closed.
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return clients.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    /** Connections the app's pool holds to the test database (the pool names itself RasterDesk). */
    private static int appConnections() throws SQLException {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity "
                     + "WHERE datname = 'rasterdesk_app_test' AND application_name = 'RasterDesk'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
