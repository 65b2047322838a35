package org.rasterdesk.ui.about;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.ServerVersions;
import org.rasterdesk.system.BundledLicences;
import org.rasterdesk.system.Version;
import org.rasterdesk.ui.common.AppIcon;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.Stylesheet;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * Help › About RasterDesk: the icon, the version, the Java and JavaFX versions, the open database with its
 * PostgreSQL and PostGIS versions (asked of the server in the background) and the licences of the bundled
 * libraries and data.
 */
public final class AboutBox {

    private final TaskExecutor executor;
    private final Label database = fact("about-database");
    private final Label postgresql = fact("about-postgresql");
    private final Label postgis = fact("about-postgis");
    private final TextArea licences = new TextArea();
    private final Stage stage = new Stage();

    /** @param executor asks the database for its versions and reads the licences; never the FX thread */
    public AboutBox(TaskExecutor executor) {
        this.executor = executor;
        Label name = new Label("RasterDesk");
        name.getStyleClass().add("about-name");
        Label tagline = new Label("Raster layers as z/x/y tile pyramids in PostGIS, django-raster compatible");
        tagline.setWrapText(true);
        ImageView icon = new ImageView(AppIcon.of(128));
        icon.setFitWidth(96);
        icon.setFitHeight(96);
        icon.setId("about-icon");
        HBox header = new HBox(16, icon, new VBox(4, name, tagline));
        header.setAlignment(Pos.CENTER_LEFT);

        GridPane facts = new GridPane();
        facts.setHgap(12);
        facts.setVgap(4);
        facts.setId("about-facts");
        addFact(facts, 0, "Version", fact("about-version", Version.current()));
        addFact(facts, 1, "Java", fact("about-java", Runtime.version() + " (" + System.getProperty("java.vendor")
                + ", " + System.getProperty("java.home") + ")"));
        addFact(facts, 2, "JavaFX", fact("about-javafx", System.getProperty("javafx.runtime.version", "unknown")));
        addFact(facts, 3, "Database", database);
        addFact(facts, 4, "PostgreSQL", postgresql);
        addFact(facts, 5, "PostGIS", postgis);

        licences.setId("about-licences");
        licences.setEditable(false);
        licences.setWrapText(false);
        licences.setPrefRowCount(14);
        licences.getStyleClass().add("about-licences");
        VBox.setVgrow(licences, Priority.ALWAYS);

        Button close = new Button("Close");
        close.setId("about-close");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());
        ButtonBar buttons = new ButtonBar();
        buttons.getButtons().add(close);

        VBox root = new VBox(12, header, facts, new Label("Licences of the bundled libraries and data"), licences,
                buttons);
        root.setPadding(new Insets(16));
        root.getStyleClass().add("about-box");
        Scene scene = new Scene(root, 760, 620);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.setTitle("About RasterDesk");
        stage.getIcons().setAll(AppIcon.windowIcons());
        stage.initModality(Modality.WINDOW_MODAL);
    }

    /** Shows the box over the owner, for the database open now (null when none is). */
    public void show(Window owner, Database open) {
        if (stage.getOwner() == null && owner != null) {
            stage.initOwner(owner);
        }
        database.setText(open == null ? "not connected" : open.description());
        readVersions(open);
        readLicences();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    private void readVersions(Database database) {
        if (database == null) {
            postgresql.setText("not connected");
            postgis.setText("not connected");
            return;
        }
        postgresql.setText("asking the server…");
        postgis.setText("asking the server…");
        BackgroundTask.of(() -> ServerVersions.read(database.dataSource()))
                .describedAs("Reading the server's versions")
                .onSuccess(versions -> {
                    postgresql.setText(versions.postgresql());
                    postgis.setText(versions.postgisText());
                })
                .onFailure(failure -> {
                    postgresql.setText("cannot be read: " + ErrorText.of(failure));
                    postgis.setText("");
                })
                .executeWith(executor);
    }

    private void readLicences() {
        if (!licences.getText().isEmpty()) {
            return;
        }
        BackgroundTask.of(BundledLicences::text)
                .describedAs("Reading the bundled licences")
                .onSuccess(licences::setText)
                .onFailure(failure -> licences.setText("The licences cannot be read: " + ErrorText.of(failure)))
                .executeWith(executor);
    }

    private static Label fact(String id, String text) {
        Label label = fact(id);
        label.setText(text);
        return label;
    }

    private static Label fact(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        return label;
    }

    private static void addFact(GridPane grid, int row, String name, Label value) {
        Label key = new Label(name);
        key.getStyleClass().add("about-key");
        grid.addRow(row, key, value);
    }
}
