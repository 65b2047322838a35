package org.rasterdesk.ui.legend;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.sql.DataSource;
import org.rasterdesk.db.Database;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.AppIcon;
import org.rasterdesk.ui.common.Stylesheet;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The legend editor window: the database's legends in a list, the chosen one's form beside it, and what is done with
 * them (new, duplicate, delete, save, revert). Reads and writes run in the background; saving tells
 * {@link #setOnLegendSaved} so that the map can be redrawn at once.
 */
public final class LegendEditor {

    private static final Logger LOG = Logger.getLogger(LegendEditor.class.getName());

    private final Parent view;
    private final LegendList list = new LegendList(this::chosen);
    private final LegendForm form = new LegendForm();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final LegendStore store;
    private final ReadOnlyBooleanProperty saving;
    private final ReadOnlyBooleanProperty connected;

    private LegendCatalog catalog = LegendCatalog.EMPTY;
    private Stage stage;
    private IntConsumer onLegendSaved = id -> { };
    private Consumer<LegendDraft> onLegendEdited = draft -> { };

    @FXML private StackPane listHolder;
    @FXML private Button newButton;
    @FXML private Button duplicateButton;
    @FXML private Button deleteButton;
    @FXML private StackPane formHolder;
    @FXML private Label notice;
    @FXML private Button exportButton;
    @FXML private Button revertButton;
    @FXML private Button saveButton;

    /** @param executor runs the database reads and writes; never the FX thread */
    public LegendEditor(TaskExecutor executor) {
        store = new LegendStore(executor, problem::set);
        saving = store.savingProperty();
        connected = store.connectedProperty();
        FXMLLoader loader = new FXMLLoader(LegendEditor.class.getResource("LegendEditor.fxml"));
        loader.setController(this);
        try {
            view = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("LegendEditor.fxml cannot be loaded", e);
        }
        view.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !saveButton.isDisabled()) {
                save();
                e.consume();
            }
        });
    }

    @FXML
    private void initialize() {
        listHolder.getChildren().add(list.getView());
        formHolder.getChildren().add(form.getView());
        form.setOnEdited(draft -> onLegendEdited.accept(draft));
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        notice.textProperty().bind(problem);

        ReadOnlyBooleanProperty valid = form.validProperty();
        ReadOnlyBooleanProperty dirty = form.dirtyProperty();
        saveButton.disableProperty().bind(valid.not().or(dirty.not()).or(saving).or(connected.not()));
        revertButton.disableProperty().bind(dirty.not().or(saving));
        exportButton.disableProperty().bind(valid.not());
        newButton.disableProperty().bind(connected.not().or(saving));
        duplicateButton.disableProperty().bind(connected.not().or(saving).or(list.selectedProperty().isNull()));
        deleteButton.disableProperty().bind(list.selectedProperty().isNull().or(saving));
    }

    public Parent getView() {
        return view;
    }

    /** The database whose legends are edited; null leaves the editor empty. */
    public void setDatabase(Database database) {
        setDataSource(database == null ? null : database.dataSource());
    }

    void setDataSource(DataSource source) {
        store.setDataSource(source);
        catalog = LegendCatalog.EMPTY;
        list.clear();
        form.show(null, Optional.empty());
        if (source != null) {
            reload(null, false);
        }
    }

    /** Called with a legend's id each time it has been saved: whatever is drawn with it needs drawing again. */
    public void setOnLegendSaved(IntConsumer action) {
        onLegendSaved = Objects.requireNonNull(action);
    }

    /**
     * Called with the form's legend, unsaved, each time the form shows or is edited into a valid legend: for a live
     * preview of the map. After Discard or Revert it is called with the stored legend again.
     */
    public void setOnLegendEdited(Consumer<LegendDraft> action) {
        onLegendEdited = Objects.requireNonNull(action);
    }

    /** Shows the editor in a window of its own (made on first use), over the owner, and reads the legends again. */
    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            if (owner != null) {
                stage.initOwner(owner);
            }
            stage.setTitle("Legends");
            stage.getIcons().setAll(AppIcon.windowIcons());
            Scene scene = new Scene(view, 1000, 680);
            scene.getStylesheets().add(Stylesheet.url());
            stage.setScene(scene);
            // Closed by the answer, not the request: a window closed while its save fails would hide the error.
            stage.setOnCloseRequest(e -> {
                e.consume();
                confirmLeave(() -> stage.hide());
            });
        }
        if (connected.get() && !form.dirtyProperty().get()) {
            reload(form.legendId(), form.legendId() != null);
        }
        stage.show();
        stage.toFront();
    }

    /** The editor's window, null until {@link #show} made it. */
    public Stage stage() {
        return stage;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return form.dirtyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return form.validProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving;
    }

    /** Why the last read, save or delete failed or was refused; "" when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The stored legend the form shows, null for a new one. */
    public Integer editingId() {
        return form.legendId();
    }

    /**
     * Shows the listed legend of a title once the list has it (now or after the next read), as a user's click
     * would; calls back when the form shows it.
     */
    public void showWhenListed(String title, Runnable shown) {
        list.selectWhenListed(title, shown);
    }

    ListView<Legend> legendList() {
        return list.getView();
    }

    LegendEntryTable entryTable() {
        return form.entryTable();
    }

    /** Selects an entry of the shown legend, so that its semantics' description shows under the table. */
    public void selectEntry(int row) {
        entryTable().table().getSelectionModel().select(row);
    }

    ContinuousStyleEditor continuousEditor() {
        return form.continuousEditor();
    }

    /** Reads the legends, semantics and styles again; selects and (if asked) shows a legend afterwards. */
    public void reload() {
        reload(form.legendId(), false);
    }

    /** Starts a new legend (asking first about unsaved edits). */
    @FXML
    public void newLegend() {
        confirmLeave(() -> {
            list.select(null);
            form.startNew();
        });
    }

    /** Copies the legend shown into a new, unsaved one. */
    @FXML
    public void duplicate() {
        list.select(null);
        form.startCopy();
    }

    /** Deletes the selected legend, unless a layer is drawn with it: django-raster would delete those layers too. */
    @FXML
    public void deleteSelected() {
        Legend selected = list.selected();
        if (selected == null) {
            return;
        }
        String title = LegendList.titleOf(selected);
        store.layersUsing(selected, users -> {
            if (!users.isEmpty()) {
                problem.set("“" + title + "” is not deleted: " + (users.size() == 1 ? "the layer " : "the layers ")
                        + quoted(users) + (users.size() == 1 ? " uses" : " use") + " it, and django-raster deletes "
                        + "the layers of a deleted legend. Give them another legend first.");
                return;
            }
            ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the legend “" + title + "” and its "
                    + selected.entries().size() + " entries?", delete, ButtonType.CANCEL);
            confirm.setHeaderText(null);
            confirm.initOwner(window());
            if (confirm.showAndWait().filter(delete::equals).isPresent()) {
                store.delete(selected, () -> {
                    if (Objects.equals(form.legendId(), selected.id())) {
                        form.show(null, Optional.empty());
                    }
                    reload(null, false);
                });
            }
        });
    }

    /** Saves the form in the background; the list is read again and the saved legend shown as stored. */
    @FXML
    public void save() {
        save(() -> { });
    }

    @FXML
    private void revert() {
        if (form.legendId() == null) {
            form.show(null, Optional.empty());
            return;
        }
        reload(form.legendId(), true);
    }

    @FXML
    private void chooseExportFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the legend as an image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName(safeFileName(form.title()) + ".png");
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            try {
                exportImage(file.toPath());
                problem.set("");
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.INFO, "Exporting the legend failed", e);
                problem.set("Cannot export the legend: " + ErrorText.of(e));
            }
        }
    }

    /**
     * Writes the legend in the form, as the panel beside the map shows it, as a PNG; on the FX thread. A continuous
     * style without a range is drawn over 0 to 1, the layer's range not being known here.
     */
    public void exportImage(Path file) throws IOException {
        form.exportImage(file);
    }

    /**
     * The form as a draft legend.
     *
     * @throws IllegalStateException while the form holds something invalid
     */
    public LegendDraft draft() {
        return form.draft();
    }

    private void save(Runnable then) {
        if (!connected.get() || !form.validProperty().get()) {
            return;
        }
        store.write(form.draft(), id -> {
            form.saved(id);
            reload(id, true, then);
            onLegendSaved.accept(id);
        });
    }

    /**
     * Asks about unsaved edits (Save / Discard / Cancel), then runs the action unless cancelled; true when it ran or
     * will run after a save. Without unsaved edits it runs at once.
     */
    public boolean confirmLeave(Runnable action) {
        if (!form.dirtyProperty().get()) {
            action.run();
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Save your changes to “" + form.title() + "” first?");
        ask.setHeaderText(null);
        ask.setTitle("Unsaved legend");
        ask.getButtonTypes().setAll(form.validProperty().get() ? List.of(save, discard, ButtonType.CANCEL)
                : List.of(discard, ButtonType.CANCEL));
        ask.initOwner(window());
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.filter(save::equals).isPresent()) {
            save(action);
            return true;
        }
        if (answer.filter(discard::equals).isPresent()) {
            form.discard();
            catalog.draft(form.legendId()).ifPresent(onLegendEdited);
            action.run();
            return true;
        }
        return false;
    }

    /** The user chose another legend in the list. */
    private void chosen(Legend was, Legend now) {
        if (!form.dirtyProperty().get()) {
            show(now);
            return;
        }
        // Asked after the selection event: a dialog cannot wait inside the list's own handling.
        Platform.runLater(() -> {
            if (!confirmLeave(() -> showListed(now))) {
                list.select(was);
            }
        });
    }

    /** Selects and shows a legend as the list now has it (read again after a save), or the blank form. */
    private void showListed(Legend legend) {
        Legend listed = list.listed(legend);
        list.select(listed);
        show(listed);
    }

    private void show(Legend legend) {
        form.show(legend, legend == null ? Optional.empty() : catalog.style(legend.id()));
    }

    private void reload(Integer select, boolean showIt) {
        reload(select, showIt, () -> { });
    }

    /** Reads the catalog again, shows it, then runs what waited for it (a switch asked for before a save). */
    private void reload(Integer select, boolean showIt, Runnable then) {
        store.read(read -> {
            catalog = read;
            form.setSemantics(read.semanticsByName());
            Legend selected = read.legends().stream().filter(l -> l.id().equals(select)).findFirst()
                    .orElse(null);
            list.setLegends(read.legends(), selected);
            if (showIt && selected != null) {
                show(selected);
            } else if (form.legendId() != null && selected == null && !form.dirtyProperty().get()) {
                // The legend shown is gone (deleted elsewhere).
                form.show(null, Optional.empty());
            }
            then.run();
        });
    }

    private Window window() {
        return view.getScene() == null ? null : view.getScene().getWindow();
    }

    private static String quoted(List<String> names) {
        List<String> shown = names.size() > 5 ? names.subList(0, 5) : names;
        String text = String.join("”, “", shown);
        return "“" + text + "”" + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    private static String safeFileName(String title) {
        String name = title == null ? "" : title.strip().replaceAll("[^\\p{L}\\p{N}._ -]+", "_");
        return name.isEmpty() ? "legend" : name;
    }
}
