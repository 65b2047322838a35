package org.rasterdesk.ui.serve;

import java.net.BindException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.serve.TileServer;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * Starts and stops the tile server on the window's database and shows where it listens: its address as a link to
 * the web map, and the selected layer's XYZ URL for QGIS with a Copy button. Starting and stopping run on the
 * executor; the server keeps running while this pane is not shown, until stopped or {@link #dispose}d.
 */
public final class TileServerPane {

    private static final Logger LOG = Logger.getLogger(TileServerPane.class.getName());

    /** The port `rasterdesk serve` uses by default, so that URLs written down once keep working. */
    static final int DEFAULT_PORT = 8080;

    private final TaskExecutor executor;
    private final VBox view = new VBox(10);
    private final TextField port = new TextField(String.valueOf(DEFAULT_PORT));
    private final CheckBox everyone = new CheckBox("Other computers may connect (listen on every network)");
    private final Button startStop = new Button("Start");
    private final Label status = new Label("Stopped.");
    private final Hyperlink address = new Hyperlink();
    private final TextField xyzUrl = new TextField();
    private final Button copy = new Button("Copy");
    private final Label qgisHint = new Label();
    private final ObjectProperty<DataSource> dataSource = new SimpleObjectProperty<>(this, "dataSource");
    private final ObjectProperty<LayerSummary> layer = new SimpleObjectProperty<>(this, "layer");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url", "");
    private Consumer<String> browser = link -> { };
    private TileServer server;

    public TileServerPane(TaskExecutor executor) {
        this.executor = executor;
        view.setPadding(new Insets(12));
        view.getStyleClass().add("tile-server-pane");

        port.setId("serve-port");
        port.setPrefColumnCount(6);
        everyone.setId("serve-everyone");
        startStop.setId("serve-start-stop");
        startStop.setDefaultButton(true);
        startStop.setOnAction(e -> {
            if (running.get()) {
                stop();
            } else {
                start();
            }
        });
        startStop.disableProperty().bind(busy.getReadOnlyProperty()
                .or(dataSource.isNull().and(running.getReadOnlyProperty().not())));
        port.disableProperty().bind(running.getReadOnlyProperty().or(busy.getReadOnlyProperty()));
        everyone.disableProperty().bind(port.disableProperty());

        GridPane settings = new GridPane();
        settings.setHgap(8);
        settings.setVgap(6);
        settings.addRow(0, new Label("Port"), port, startStop);
        settings.add(everyone, 0, 1, 3, 1);

        status.setId("serve-status");
        status.setWrapText(true);
        address.setId("serve-address");
        // An address is data: underscores in it are shown, not taken for mnemonics.
        address.setMnemonicParsing(false);
        address.visibleProperty().bind(running.getReadOnlyProperty());
        address.managedProperty().bind(address.visibleProperty());
        address.textProperty().bind(url.getReadOnlyProperty());
        address.setOnAction(e -> browser.accept(url.get()));

        xyzUrl.setId("serve-xyz-url");
        xyzUrl.setEditable(false);
        xyzUrl.setPromptText("Select a layer with tiles");
        HBox.setHgrow(xyzUrl, Priority.ALWAYS);
        copy.setId("serve-copy");
        copy.disableProperty().bind(xyzUrl.textProperty().isEmpty());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(xyzUrl.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        qgisHint.setWrapText(true);
        qgisHint.getStyleClass().add("hint");

        Label heading = new Label("Serve the layers as django-raster does: QGIS, GDAL and web maps read the tiles "
                + "from this computer while the server runs.");
        heading.setWrapText(true);
        Label forQgis = new Label("Add to QGIS");
        forQgis.setStyle("-fx-font-weight: bold;");
        view.getChildren().addAll(heading, settings, status, address, forQgis, new HBox(6, xyzUrl, copy), qgisHint);

        layer.addListener((obs, was, now) -> showLayer());
        running.addListener((obs, was, now) -> showLayer());
        dataSource.addListener((obs, was, now) -> {
            if (was != null && now != was && running.get()) {
                stop(); // the tiles served must be the window's database's
            }
        });
    }

    public Parent getView() {
        return view;
    }

    /** The database whose layers are served; null stops the server. */
    public ObjectProperty<DataSource> dataSourceProperty() {
        return dataSource;
    }

    /** The layer whose XYZ URL is shown (the window's selection). */
    public ObjectProperty<LayerSummary> layerProperty() {
        return layer;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The server's address while it runs ({@code http://127.0.0.1:8080/}), else empty. */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /** The selected layer's XYZ URL while the server runs and the layer has tiles, else empty. */
    public String xyzUrl() {
        return xyzUrl.getText();
    }

    /** What the address link does: the application opens it in the desktop's browser. */
    public void setBrowser(Consumer<String> browser) {
        this.browser = browser == null ? link -> { } : browser;
    }

    /** Makes the server read the layers and legends again at the next request (after an edit in the window). */
    public void refresh() {
        if (server != null) {
            server.refresh();
        }
    }

    /** Starts the server with the port and network chosen. */
    public void start() {
        DataSource source = dataSource.get();
        if (source == null || running.get() || busy.get()) {
            return;
        }
        int chosenPort;
        try {
            chosenPort = Integer.parseInt(port.getText().strip());
            if (chosenPort < 0 || chosenPort > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            status.setText("The port is a number from 1 to 65535 (0 for any free one), not “" + port.getText()
                    + "”.");
            return;
        }
        String bind = everyone.isSelected() ? "0.0.0.0" : "127.0.0.1";
        busy.set(true);
        status.setText("Starting…");
        BackgroundTask.of(() -> TileServer.start(source, bind, chosenPort, TileServer.DEFAULT_CACHE_BYTES))
                .describedAs("Starting the tile server on " + bind + ":" + chosenPort)
                .onFinished(() -> busy.set(false))
                .onSuccess(started -> {
                    server = started;
                    url.set(server.url().toString());
                    running.set(true);
                    startStop.setText("Stop");
                    status.setText("Serving the layers at" + (everyone.isSelected() ? " every address of this "
                            + "computer, port " + server.url().getPort() + "; here:" : ":"));
                })
                .onFailure(error -> {
                    LOG.log(Level.INFO, "the tile server did not start", error);
                    status.setText(error instanceof BindException
                            ? "Port " + chosenPort + " is in use by another program: choose another port."
                            : "The server did not start: " + ErrorText.of(error));
                })
                .executeWith(executor);
    }

    /** Stops the server; requests under way get a second to finish. */
    public void stop() {
        TileServer stopping = server;
        if (stopping == null) {
            return;
        }
        server = null;
        busy.set(true);
        status.setText("Stopping…");
        BackgroundTask.ofAction(stopping::close)
                .describedAs("Stopping the tile server")
                .onFinished(this::stopped)
                .executeWith(executor);
    }

    /** Stops the server without waiting: the window is closing. */
    public void dispose() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void stopped() {
        busy.set(false);
        running.set(false);
        url.set("");
        startStop.setText("Start");
        status.setText("Stopped.");
    }

    private void showLayer() {
        LayerSummary shown = layer.get();
        if (shown == null || shown.tileCount() == 0) {
            xyzUrl.setText("");
            qgisHint.setText(shown == null ? "Select a layer to get its URL." : "“" + name(shown)
                    + "” has no tiles yet.");
            return;
        }
        if (!running.get() || server == null) {
            xyzUrl.setText("");
            qgisHint.setText("Start the server to get the URL of “" + name(shown) + "”.");
            return;
        }
        xyzUrl.setText(server.xyzUrl(shown.id()));
        qgisHint.setText("In QGIS: Layer ▸ Add Layer ▸ Add XYZ Layer…, New, paste this URL, name it “"
                + name(shown) + "”. GDAL and web maps (Leaflet, OpenLayers) take the same URL.");
    }

    private static String name(LayerSummary layer) {
        return layer.name() == null || layer.name().isBlank() ? "layer " + layer.id() : layer.name();
    }
}
