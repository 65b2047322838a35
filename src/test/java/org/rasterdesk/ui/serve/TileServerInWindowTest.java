package org.rasterdesk.ui.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rasterdesk.db.Database;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.ui.MainWindow;
import org.rasterdesk.ui.MainWindowFixture;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The tile server from the window: Serve tiles… opens its window, Start serves the database's layers (a real
 * HTTP request gets the selected layer's tile through the URL shown for QGIS), Stop closes the port, and a port in
 * use is said in words.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TileServerInWindowTest {

    @RegisterExtension
    static final MainWindowFixture fixture = MainWindowFixture.sharingThreads("serve-window-test");

    private static Database database;
    private static int layerId;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MainWindow window;

    @BeforeAll
    static void parse() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_serve_window_test"), false);
        layerId = ParsedFile.parse(database.dataSource(), "Florida classes", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Start
    void start(Stage stage) {
        window = fixture.window(database);
        MainWindowFixture.show(stage, window, 1240, 790);
    }

    /**
     * The tile server's window goes too: a window left open would cover the next test's clicks. The main window
     * is disposed after it, by the fixture.
     */
    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            if (window.tileServer().stage() != null) {
                window.tileServer().stage().hide();
            }
        }).get();
    }

    @Test
    void startServesTheSelectedLayerAtTheUrlShownForQgisAndStopClosesIt(FxRobot robot) throws Exception {
        TileServerPane pane = window.tileServer().pane();
        selectLayer(robot);
        robot.clickOn("#serve-tiles");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.tileServer().stage().isShowing(), "the tile server's window");
        robot.interact(() -> robot.lookup("#serve-port").queryAs(TextField.class).setText("0"));
        robot.clickOn("#serve-start-stop");
        OnFx.waitUntil(() -> pane.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();

        String url = pane.urlProperty().get();
        assertTrue(url.matches("http://127\\.0\\.0\\.1:\\d+/"), url);
        assertEquals(url, robot.lookup("#serve-address").queryAs(Hyperlink.class).getText());
        String xyz = robot.lookup("#serve-xyz-url").queryAs(TextField.class).getText();
        assertEquals(url + "raster/tiles/" + layerId + "/{z}/{x}/{y}.png", xyz);
        assertEquals("Serving tiles…", robot.lookup("#serve-tiles").queryAs(Button.class).getText());
        saveSnapshot(robot, java.nio.file.Path.of("target", "tile-server-window.png"));

        HttpResponse<byte[]> tile = HTTP.send(HttpRequest.newBuilder(URI.create(xyz.replace("{z}", "11")
                .replace("{x}", "552").replace("{y}", "858"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, tile.statusCode());
        assertEquals("image/png", tile.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("leaflet"), "the web map at the address");

        robot.clickOn("#serve-start-stop");
        OnFx.waitUntil(() -> !pane.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Stopped.", robot.lookup("#serve-status").queryAs(Label.class).getText());
        assertEquals("", robot.lookup("#serve-xyz-url").queryAs(TextField.class).getText());
        assertEquals("Serve tiles…", robot.lookup("#serve-tiles").queryAs(Button.class).getText());
        assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void aPortInUseIsSaidInWords(FxRobot robot) throws IOException, Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            robot.interact(window::openTileServer);
            robot.interact(() -> robot.lookup("#serve-port").queryAs(TextField.class)
                    .setText(String.valueOf(taken.getLocalPort())));
            robot.clickOn("#serve-start-stop");
            Label status = robot.lookup("#serve-status").queryAs(Label.class);
            OnFx.waitUntil(() -> status.getText().contains("in use"));
            assertEquals("Port " + taken.getLocalPort() + " is in use by another program: choose another port.",
                    status.getText());
            assertFalse(window.tileServer().pane().runningProperty().get());
        }
        robot.interact(() -> robot.lookup("#serve-port").queryAs(TextField.class).setText("http"));
        robot.clickOn("#serve-start-stop");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#serve-status").queryAs(Label.class).getText().startsWith("The port is a number"));
    }

    /** The tile server's window as shown, for a look by eye. */
    private void saveSnapshot(FxRobot robot, java.nio.file.Path file) {
        robot.interact(() -> {
            javafx.scene.image.WritableImage shot = window.tileServer().stage().getScene().snapshot(null);
            int w = (int) shot.getWidth();
            int h = (int) shot.getHeight();
            int[] argb = new int[w * h];
            shot.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0,
                    w);
            try {
                org.rasterdesk.render.PngEncoder.write(argb, w, h, file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void selectLayer(FxRobot robot) throws Exception {
        OnFx.waitUntil(() -> !window.layerList().layers().isEmpty());
        LayerSummary row = window.layerList().layers().stream().filter(l -> l.id() == layerId).findFirst()
                .orElseThrow();
        robot.interact(() -> window.layerList().table().getSelectionModel().select(row));
    }
}
