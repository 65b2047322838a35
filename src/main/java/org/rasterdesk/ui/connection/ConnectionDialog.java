package org.rasterdesk.ui.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionFields;
import org.rasterdesk.db.ConnectionResolver;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.MissingPostgisException;
import org.rasterdesk.db.PostgisCheck;
import org.rasterdesk.ui.common.ActivityLine;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * Chooses the database the window works on: the embedded default or another PostGIS given by its fields, a
 * connection string or a service name, resolved as psql does. "Test connection" and "Connect" work in the
 * background and say what went wrong in the dialog. Recent databases are remembered without their passwords; a
 * password is kept only when the user asks, and only in the desktop keyring.
 */
public final class ConnectionDialog {

    private static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final TaskExecutor executor;
    private final SavedLogins logins;
    private final Dialog<ConnectedDatabase> dialog = new Dialog<>();
    private ActivityLine status;
    private boolean closed;

    @FXML private RadioButton embeddedRadio;
    @FXML private RadioButton otherRadio;
    @FXML private GridPane otherFields;
    @FXML private ComboBox<RecentDatabases.Entry> recentChoice;
    @FXML private TextField connectionStringField;
    @FXML private TextField hostField;
    @FXML private TextField portField;
    @FXML private TextField databaseField;
    @FXML private TextField userField;
    @FXML private PasswordField passwordField;
    @FXML private CheckBox rememberPasswordCheck;
    @FXML private Label keyringNote;
    @FXML private Button testButton;
    @FXML private Button createExtensionsButton;
    @FXML private ProgressIndicator progress;
    @FXML private Label statusLabel;

    /**
     * @param executor runs the connection attempts and the keyring; never the FX thread
     * @param keyring  where a password is kept when the user asks; empty when this desktop has none
     */
    public ConnectionDialog(TaskExecutor executor, RecentDatabases recent, Optional<PasswordKeyring> keyring) {
        this.executor = executor;
        this.logins = new SavedLogins(recent, keyring);
        FXMLLoader loader = new FXMLLoader(ConnectionDialog.class.getResource("ConnectionDialog.fxml"));
        loader.setController(this);
        Node content;
        try {
            content = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("ConnectionDialog.fxml cannot be loaded", e);
        }
        var pane = dialog.getDialogPane();
        pane.setContent(content);
        pane.getButtonTypes().setAll(CONNECT, ButtonType.CANCEL);
        dialog.setTitle("Database");
        dialog.setHeaderText("Where RasterDesk keeps its layers");
        dialog.setResizable(true);
        Button connect = (Button) pane.lookupButton(CONNECT);
        connect.setId("connect-database");
        connect.disableProperty().bind(status.busyProperty());
        // The dialog closes only once the database is open; until then it shows why not.
        connect.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            connect();
        });
        dialog.setResultConverter(button -> null);
        dialog.setOnHidden(e -> closed = true);
    }

    /** The dialog for this user: recent databases from the config folder, the keyring when it is installed. */
    public static ConnectionDialog forCurrentUser(TaskExecutor executor) {
        return new ConnectionDialog(executor, RecentDatabases.forCurrentUser(), PasswordKeyring.find());
    }

    @FXML
    private void initialize() {
        status = new ActivityLine(statusLabel);
        otherFields.disableProperty().bind(otherRadio.selectedProperty().not());
        testButton.disableProperty().bind(status.busyProperty());
        progress.visibleProperty().bind(status.busyProperty());
        recentChoice.getItems().setAll(logins.recent());
        recentChoice.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                fill(now);
            }
        });
        rememberPasswordCheck.selectedProperty().addListener((obs, was, now) -> keyringNote.setText(!now ? ""
                : logins.hasKeyring() ? "Kept in the desktop's keyring, not in a file."
                : "There is no keyring here (secret-tool from libsecret-tools is not installed): the password "
                + "will not be kept, and you will be asked again next time."));
        keyringNote.managedProperty().bind(keyringNote.textProperty().isNotEmpty());
    }

    /** Shows the dialog and waits; the open database, or empty when the user cancelled. */
    public Optional<ConnectedDatabase> showAndWait(Window owner) {
        if (owner != null) {
            dialog.initOwner(owner);
        }
        return dialog.showAndWait();
    }

    /** Shows the dialog without waiting, for tests that act on it. */
    void show() {
        dialog.show();
    }

    /** The database Connect opened, null before. */
    ConnectedDatabase result() {
        return dialog.getResult();
    }

    /** What the dialog says about the last test or connection attempt. */
    public Label statusLabel() {
        return statusLabel;
    }

    /** Whether a test, a connection or an extension creation runs. */
    public ReadOnlyBooleanProperty workingProperty() {
        return status.busyProperty();
    }

    /** The database the fields name, or null for the embedded default. */
    ConnectionSettings settings() {
        if (embeddedRadio.isSelected()) {
            return null;
        }
        Integer port = null;
        String portText = portField.getText().strip();
        if (!portText.isEmpty()) {
            try {
                port = Integer.valueOf(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The port must be a number, such as 5432.");
            }
        }
        ConnectionFields fields = new ConnectionFields(hostField.getText(), port, databaseField.getText(),
                userField.getText(), passwordField.getText(), null);
        return ConnectionResolver.forCurrentUser().resolve(connectionStringField.getText(), fields);
    }

    @FXML
    void testConnection() {
        Optional<Target> target = target();
        if (target.isEmpty()) {
            return;
        }
        ConnectionSettings settings = target.get().settings();
        if (settings == null) {
            status.say("The embedded database runs on this computer; Connect starts it when it is not running yet.",
                    false);
            return;
        }
        command("Connecting to " + settings.description() + "…", () -> DatabaseProbe.test(settings))
                .onSuccess(result -> {
                    if (result.report().ok()) {
                        status.say("Connected to " + result.server() + " at " + settings.description() + ". "
                                + result.report().message(), false);
                    } else {
                        missingPostgis(result.report());
                    }
                })
                .executeWith(executor);
    }

    @FXML
    private void createExtensions() {
        Optional<Target> target = target();
        if (target.isEmpty() || target.get().settings() == null) {
            return;
        }
        ConnectionSettings settings = target.get().settings();
        command("Creating the PostGIS extensions…", () -> DatabaseProbe.createExtensions(settings))
                .onSuccess(report -> {
                    showCreateExtensions(false);
                    status.say(report.ok() ? "Created. " + report.message() : report.message(), !report.ok());
                })
                .executeWith(executor);
    }

    private void connect() {
        Optional<Target> target = target();
        if (target.isEmpty()) {
            return;
        }
        ConnectionSettings settings = target.get().settings();
        RecentDatabases.Entry entry = settings == null ? null : entry();
        String password = passwordField.getText();
        boolean keep = rememberPasswordCheck.isSelected() && !password.isEmpty();
        String name = settings == null ? "the embedded database" : settings.description();
        command("Opening " + name + "…", () -> {
            ConnectedDatabase open = settings == null ? ConnectedDatabase.openEmbedded()
                    : ConnectedDatabase.open(settings);
            if (entry != null) {
                logins.remember(entry, keep ? password : null);
            }
            return open;
        }).onSuccess(open -> {
            if (closed) {
                BackgroundTask.ofAction(open::close).describedAs("Closing an unwanted connection failed")
                        .executeWith(executor);
                return;
            }
            dialog.setResult(open);
            dialog.close();
        }).executeWith(executor);
    }

    /** The database the fields name (no settings for the embedded one), or empty when they say why not. */
    private Optional<Target> target() {
        try {
            return Optional.of(new Target(settings()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            status.say(e.getMessage(), true);
            return Optional.empty();
        }
    }

    /** Fields that name a database; null settings for the embedded default. */
    private record Target(ConnectionSettings settings) {
    }

    private RecentDatabases.Entry entry() {
        return new RecentDatabases.Entry(connectionStringField.getText(), hostField.getText(),
                portField.getText(), databaseField.getText(), userField.getText());
    }

    private void fill(RecentDatabases.Entry entry) {
        otherRadio.setSelected(true);
        connectionStringField.setText(entry.connectionString());
        hostField.setText(entry.host());
        portField.setText(entry.port());
        databaseField.setText(entry.database());
        userField.setText(entry.user());
        passwordField.clear();
        if (logins.hasKeyring()) {
            BackgroundTask.of(() -> logins.password(entry))
                    .describedAs("Cannot read the keyring")
                    .onSuccess(found -> found.ifPresent(p -> {
                        if (entry.equals(recentChoice.getValue()) && passwordField.getText().isEmpty()) {
                            passwordField.setText(p);
                            rememberPasswordCheck.setSelected(true);
                        }
                    }))
                    .executeWith(executor);
        }
    }

    /**
     * A command of the dialog on its status line; a server without PostGIS is no failure but an offer to create
     * the extensions.
     */
    private <T> BackgroundTask<T> command(String what, BackgroundTask.Work<T> work) {
        showCreateExtensions(false);
        return status.command(what, work).onFailure(failure -> {
            if (failure instanceof MissingPostgisException missing) {
                missingPostgis(missing.report());
            } else {
                status.failed(what, failure);
            }
        });
    }

    private void missingPostgis(PostgisCheck.Report report) {
        showCreateExtensions(report.installable().containsAll(report.missing()));
        status.say(report.message(), true);
    }

    private void showCreateExtensions(boolean show) {
        createExtensionsButton.setVisible(show);
        createExtensionsButton.setManaged(show);
    }
}
