package org.rasterdesk.ui.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
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
import org.rasterdesk.ui.common.ErrorText;

/**
 * Chooses the database the window works on: the embedded default or another PostGIS given by its fields, a
 * connection string or a service name, resolved as psql does. "Test connection" and "Connect" work in the
 * background and say what went wrong in the dialog. Recent databases are remembered without their passwords; a
 * password is kept only when the user asks, and only in the desktop keyring.
 */
public final class ConnectionDialog {

    private static final Logger LOG = Logger.getLogger(ConnectionDialog.class.getName());
    private static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private final Executor executor;
    private final RecentDatabases recent;
    private final Optional<PasswordKeyring> keyring;
    private final Dialog<ConnectedDatabase> dialog = new Dialog<>();
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(this, "working");
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
    public ConnectionDialog(Executor executor, RecentDatabases recent, Optional<PasswordKeyring> keyring) {
        this.executor = executor;
        this.recent = recent;
        this.keyring = keyring;
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
        connect.disableProperty().bind(working);
        // The dialog closes only once the database is open; until then it shows why not.
        connect.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            connect();
        });
        dialog.setResultConverter(button -> null);
        dialog.setOnHidden(e -> closed = true);
    }

    /** The dialog for this user: recent databases from the config folder, the keyring when it is installed. */
    public static ConnectionDialog forCurrentUser(Executor executor) {
        return new ConnectionDialog(executor, RecentDatabases.forCurrentUser(), PasswordKeyring.find());
    }

    @FXML
    private void initialize() {
        otherFields.disableProperty().bind(otherRadio.selectedProperty().not());
        testButton.disableProperty().bind(working);
        progress.visibleProperty().bind(working);
        recentChoice.getItems().setAll(recent.load());
        recentChoice.valueProperty().addListener((obs, was, now) -> {
            if (now != null) {
                fill(now);
            }
        });
        rememberPasswordCheck.selectedProperty().addListener((obs, was, now) -> keyringNote.setText(!now ? ""
                : keyring.isPresent() ? "Kept in the desktop's keyring, not in a file."
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
        return working.getReadOnlyProperty();
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
        ConnectionSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            say(e.getMessage(), true);
            return;
        }
        if (settings == null) {
            say("The embedded database runs on this computer; Connect starts it when it is not running yet.",
                    false);
            return;
        }
        run("Connecting to " + settings.description() + "…", () -> test(settings), result -> {
            if (result.report().ok()) {
                say("Connected to " + result.server() + " at " + settings.description() + ". "
                        + result.report().message(), false);
            } else {
                missingPostgis(result.report());
            }
        });
    }

    @FXML
    private void createExtensions() {
        ConnectionSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            say(e.getMessage(), true);
            return;
        }
        run("Creating the PostGIS extensions…", () -> {
            try (Connection c = plainConnection(settings)) {
                PostgisCheck.createMissing(c);
                return PostgisCheck.check(c);
            }
        }, report -> {
            createExtensionsButton.setVisible(false);
            createExtensionsButton.setManaged(false);
            say(report.ok() ? "Created. " + report.message() : report.message(), !report.ok());
        });
    }

    private void connect() {
        ConnectionSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            say(e.getMessage(), true);
            return;
        }
        RecentDatabases.Entry entry = settings == null ? null : entry();
        String password = passwordField.getText();
        boolean keep = rememberPasswordCheck.isSelected() && !password.isEmpty();
        String target = settings == null ? "the embedded database" : settings.description();
        run("Opening " + target + "…", () -> {
            ConnectedDatabase open = settings == null ? ConnectedDatabase.openEmbedded()
                    : ConnectedDatabase.open(settings);
            if (entry != null) {
                remember(entry, keep ? password : null);
            }
            return open;
        }, open -> {
            if (closed) {
                executor.execute(open::close);
                return;
            }
            dialog.setResult(open);
            dialog.close();
        });
    }

    /** Remembering is a convenience: a failure is logged, the connection stands. */
    private void remember(RecentDatabases.Entry entry, String password) {
        try {
            recent.remember(entry);
        } catch (IOException e) {
            LOG.log(Level.INFO, "Cannot remember the database", e);
        }
        if (password != null && keyring.isPresent()) {
            try {
                keyring.get().store(entry.label(), password);
            } catch (IOException e) {
                LOG.log(Level.INFO, "Cannot keep the password in the keyring", e);
            }
        }
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
        keyring.ifPresent(k -> {
            Task<Optional<String>> lookup = new Task<>() {
                @Override
                protected Optional<String> call() throws IOException {
                    return k.lookup(entry.label());
                }
            };
            lookup.setOnSucceeded(e -> lookup.getValue().ifPresent(p -> {
                if (entry.equals(recentChoice.getValue()) && passwordField.getText().isEmpty()) {
                    passwordField.setText(p);
                    rememberPasswordCheck.setSelected(true);
                }
            }));
            executor.execute(lookup);
        });
    }

    private void missingPostgis(PostgisCheck.Report report) {
        boolean installable = report.installable().containsAll(report.missing());
        createExtensionsButton.setVisible(installable);
        createExtensionsButton.setManaged(installable);
        say(report.message(), true);
    }

    private <T> void run(String what, Callable<T> work, Consumer<T> done) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            working.set(false);
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            working.set(false);
            Throwable failure = task.getException();
            if (failure instanceof MissingPostgisException missing) {
                missingPostgis(missing.report());
                return;
            }
            LOG.log(Level.INFO, what, failure);
            say(ErrorText.of(failure), true);
        });
        working.set(true);
        createExtensionsButton.setVisible(false);
        createExtensionsButton.setManaged(false);
        say(what, false);
        executor.execute(task);
    }

    private void say(String text, boolean isError) {
        statusLabel.setText(text);
        statusLabel.getStyleClass().remove("error");
        if (isError) {
            statusLabel.getStyleClass().add("error");
        }
    }

    /** What a test found: the server's version and its PostGIS extensions. */
    private record TestResult(String server, PostgisCheck.Report report) {
    }

    /** Connects once, without a pool, and reports the server and its PostGIS. */
    private static TestResult test(ConnectionSettings settings) throws Exception {
        try (Connection c = plainConnection(settings)) {
            return new TestResult("PostgreSQL " + c.getMetaData().getDatabaseProductVersion(),
                    PostgisCheck.check(c));
        }
    }

    private static Connection plainConnection(ConnectionSettings settings) throws java.sql.SQLException {
        Properties login = new Properties();
        if (settings.user() != null) {
            login.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            login.setProperty("password", settings.password());
        }
        login.setProperty("connectTimeout", "10");
        login.setProperty("ApplicationName", "RasterDesk connection test");
        return DriverManager.getConnection(settings.jdbcUrl(), login);
    }
}
