package org.rasterdesk.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.sql.DataSource;
import org.rasterdesk.db.Database;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.legend.LegendStyleRepository;

/**
 * The legend editor window: the database's legends in a list, the chosen one's title, description, entries and
 * continuous style beside it. Saving writes in the background through the legend repositories (semantics, entries
 * and django-raster's json together) and tells {@link #setOnLegendSaved} so that the map can be redrawn at once.
 */
public final class LegendEditor {

    private static final Logger LOG = Logger.getLogger(LegendEditor.class.getName());

    /** The form's texts, to tell unsaved edits from what was shown. */
    private record FormState(String title, String description, List<EntryRow.State> entries,
                             ContinuousStyleEditor.State style) {
    }

    private final Executor executor;
    private final Parent view;
    private final LegendEntryTable entries = new LegendEntryTable();
    private final ContinuousStyleEditor continuous = new ContinuousStyleEditor();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");

    private LegendRepository legends;
    private LegendStyleRepository styles;
    private RasterLayerRepository layers;
    private LegendCatalog catalog = LegendCatalog.EMPTY;
    private Stage stage;
    /** The stored legend the form edits, null for a new one. */
    private Integer editingId;
    /** The form as last shown or saved; null for a legend not stored yet, which is always unsaved. */
    private FormState baseline;
    /** Set while the list is changed by code, so that its selection events are no user's choice. */
    private DataSource dataSource;
    private boolean quietSelection;
    /** Set while the form is filled from a legend, which is one change, not one per field. */
    private boolean filling;
    private long generation;
    private IntConsumer onLegendSaved = id -> { };
    private Consumer<LegendDraft> onLegendEdited = draft -> { };

    @FXML private ListView<Legend> legendList;
    @FXML private Button newButton;
    @FXML private Button duplicateButton;
    @FXML private Button deleteButton;
    @FXML private Label heading;
    @FXML private TextField titleField;
    @FXML private Label titleMessage;
    @FXML private TextArea descriptionField;
    @FXML private StackPane entriesHolder;
    @FXML private StackPane continuousHolder;
    @FXML private Label notice;
    @FXML private Button exportButton;
    @FXML private Button revertButton;
    @FXML private Button saveButton;

    /** @param executor runs the database reads and writes; never the FX thread */
    public LegendEditor(Executor executor) {
        this.executor = executor;
        FXMLLoader loader = new FXMLLoader(LegendEditor.class.getResource("LegendEditor.fxml"));
        loader.setController(this);
        try {
            view = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("LegendEditor.fxml cannot be loaded", e);
        }
        view.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(e)
                    && !saveButton.isDisabled()) {
                save();
                e.consume();
            }
        });
    }

    @FXML
    private void initialize() {
        entriesHolder.getChildren().add(entries.getView());
        continuousHolder.getChildren().add(continuous.getView());
        legendList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Legend legend, boolean empty) {
                super.updateItem(legend, empty);
                setText(empty || legend == null ? null : titleOf(legend));
            }
        });
        legendList.setPlaceholder(new Label("No legends yet"));
        legendList.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (!quietSelection) {
                chosen(was, now);
            }
        });
        for (Label label : List.of(titleMessage, notice)) {
            label.managedProperty().bind(label.textProperty().isNotEmpty());
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
        }
        notice.textProperty().bind(problem);
        titleField.textProperty().addListener((obs, was, now) -> formChanged());
        descriptionField.textProperty().addListener((obs, was, now) -> formChanged());
        entries.rows().addListener((ListChangeListener<EntryRow>) c -> formChanged());
        continuous.setOnChange(this::formChanged);

        saveButton.disableProperty().bind(valid.not().or(dirty.not()).or(saving).or(connected.not()));
        revertButton.disableProperty().bind(dirty.not().or(saving));
        exportButton.disableProperty().bind(valid.not());
        newButton.disableProperty().bind(connected.not().or(saving));
        duplicateButton.disableProperty().bind(connected.not().or(saving)
                .or(legendList.getSelectionModel().selectedItemProperty().isNull()));
        deleteButton.disableProperty().bind(legendList.getSelectionModel().selectedItemProperty().isNull()
                .or(saving));
        showForm(null, Optional.empty());
    }

    public Parent getView() {
        return view;
    }

    /** The database whose legends are edited; null leaves the editor empty. */
    public void setDatabase(Database database) {
        setDataSource(database == null ? null : database.dataSource());
    }

    void setDataSource(DataSource source) {
        generation++;
        dataSource = source;
        legends = source == null ? null : new LegendRepository(source);
        styles = source == null ? null : new LegendStyleRepository(source);
        layers = source == null ? null : new RasterLayerRepository(source);
        connected.set(source != null);
        editingId = null;
        catalog = LegendCatalog.EMPTY;
        quietly(() -> legendList.getItems().clear());
        showForm(null, Optional.empty());
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
            Scene scene = new Scene(view, 1000, 680);
            scene.getStylesheets().add(LegendEditor.class.getResource("rasterdesk.css").toExternalForm());
            stage.setScene(scene);
            // Closed by the answer, not the request: a window closed while its save fails would hide the error.
            stage.setOnCloseRequest(e -> {
                e.consume();
                confirmLeave(() -> stage.hide());
            });
        }
        if (connected.get() && !dirty.get()) {
            reload(editingId, editingId != null);
        }
        stage.show();
        stage.toFront();
    }

    /** The editor's window, null until {@link #show} made it. */
    public Stage stage() {
        return stage;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Why the last read, save or delete failed or was refused; "" when all is well. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The stored legend the form shows, null for a new one. */
    public Integer editingId() {
        return editingId;
    }

    /**
     * Shows the listed legend of a title once the list has it (now or after the next read), as a user's click
     * would; calls back when the form shows it.
     */
    void showWhenListed(String title, Runnable shown) {
        Runnable attempt = () -> legendList.getItems().stream().filter(l -> l.title().equals(title)).findFirst()
                .ifPresent(l -> {
                    legendList.getSelectionModel().select(l);
                    shown.run();
                });
        if (legendList.getItems().stream().anyMatch(l -> l.title().equals(title))) {
            attempt.run();
            return;
        }
        legendList.getItems().addListener(new ListChangeListener<Legend>() {
            @Override
            public void onChanged(Change<? extends Legend> c) {
                if (legendList.getItems().stream().anyMatch(l -> l.title().equals(title))) {
                    legendList.getItems().removeListener(this);
                    Platform.runLater(attempt);
                }
            }
        });
    }

    ListView<Legend> legendList() {
        return legendList;
    }

    LegendEntryTable entryTable() {
        return entries;
    }

    ContinuousStyleEditor continuousEditor() {
        return continuous;
    }

    /** Reads the legends, semantics and styles again; selects and (if asked) shows a legend afterwards. */
    public void reload() {
        reload(editingId, false);
    }

    /** Starts a new legend (asking first about unsaved edits). */
    @FXML
    public void newLegend() {
        confirmLeave(() -> {
            quietly(() -> legendList.getSelectionModel().clearSelection());
            editingId = null;
            showForm(null, Optional.empty());
            titleField.setText("New legend");
            titleField.requestFocus();
            titleField.selectAll();
        });
    }

    /** Copies the legend shown into a new, unsaved one. */
    @FXML
    public void duplicate() {
        String title = titleField.getText();
        String description = descriptionField.getText();
        List<EntryRow> copies = entries.rows().stream().map(EntryRow::copyAsNew).toList();
        ContinuousStyleEditor.State style = continuous.state();
        Optional<ContinuousStyle> copiedStyle;
        try {
            copiedStyle = continuous.style();
        } catch (IllegalStateException e) {
            copiedStyle = Optional.empty();
        }
        Optional<ContinuousStyle> styleCopy = style.continuous() ? copiedStyle : Optional.empty();
        quietly(() -> legendList.getSelectionModel().clearSelection());
        editingId = null;
        showForm(null, Optional.empty());
        titleField.setText(("Copy of " + title).substring(0, Math.min(200, ("Copy of " + title).length())));
        descriptionField.setText(description);
        entries.setRows(copies);
        continuous.show(styleCopy);
        formChanged();
    }

    /** Deletes the selected legend, unless a layer is drawn with it: django-raster would delete those layers too. */
    @FXML
    public void deleteSelected() {
        Legend selected = legendList.getSelectionModel().getSelectedItem();
        if (selected == null || layers == null) {
            return;
        }
        RasterLayerRepository layerRepository = layers;
        run("Cannot check the layers of " + titleOf(selected), () -> layerRepository.namesUsingLegend(selected.id()),
                users -> {
                    if (!users.isEmpty()) {
                        problem.set("“" + titleOf(selected) + "” is not deleted: " + (users.size() == 1
                                ? "the layer " : "the layers ") + quoted(users) + (users.size() == 1 ? " uses"
                                : " use") + " it, and django-raster deletes the layers of a deleted legend. "
                                + "Give them another legend first.");
                        return;
                    }
                    ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
                    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the legend “"
                            + titleOf(selected) + "” and its " + selected.entries().size() + " entries?",
                            delete, ButtonType.CANCEL);
                    confirm.setHeaderText(null);
                    confirm.initOwner(view.getScene() == null ? null : view.getScene().getWindow());
                    if (confirm.showAndWait().filter(delete::equals).isPresent()) {
                        LegendRepository repository = legends;
                        run("Cannot delete " + titleOf(selected), () -> repository.delete(selected.id()), gone -> {
                            if (Objects.equals(editingId, selected.id())) {
                                editingId = null;
                                showForm(null, Optional.empty());
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
        if (editingId == null) {
            showForm(null, Optional.empty());
            return;
        }
        reload(editingId, true);
    }

    @FXML
    private void chooseExportFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the legend as an image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName(safeFileName(titleField.getText()) + ".png");
        File file = chooser.showSaveDialog(view.getScene() == null ? null : view.getScene().getWindow());
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
        LegendDraft draft = draft();
        LegendPanel panel = new LegendPanel();
        panel.show(draft.title(), draft.colormap(DataType.CATEGORICAL, 0, 1), Optional.of(draft.toLegend()));
        panel.exportPng(file);
    }

    /**
     * The form as a draft legend.
     *
     * @throws IllegalStateException while the form holds something invalid
     */
    public LegendDraft draft() {
        if (!valid.get()) {
            throw new IllegalStateException("the legend has invalid fields");
        }
        Map<String, LegendSemantics> stored = catalog.semanticsByName();
        List<LegendEntry> list = new ArrayList<>();
        for (EntryRow row : entries.rows()) {
            String name = row.semanticsProperty().get().strip();
            String description = blankToNull(row.semanticsDescriptionProperty().get());
            LegendSemantics semantics = stored.getOrDefault(name, LegendSemantics.create(name))
                    .withDescription(description);
            list.add(new LegendEntry(row.entryId(), editingId, semantics, row.expressionProperty().get(),
                    EntryRow.storedColor(row.colorProperty().get()), row.codeProperty().get()));
        }
        return new LegendDraft(editingId, titleField.getText().strip(), descriptionField.getText(), list,
                continuous.style());
    }

    private void save(Runnable then) {
        if (legends == null || !valid.get()) {
            return;
        }
        LegendDraft draft = draft();
        DataSource target = dataSource;
        saving.set(true);
        problem.set("");
        long requested = generation;
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() {
                return new LegendDraftWriter(target).write(draft);
            }
        };
        task.setOnSucceeded(e -> {
            saving.set(false);
            if (requested != generation) {
                return;
            }
            int id = task.getValue();
            editingId = id;
            baseline = formState();
            dirty.set(false);
            reload(id, true, then);
            onLegendSaved.accept(id);
        });
        task.setOnFailed(e -> {
            saving.set(false);
            LOG.log(Level.INFO, "Saving legend " + draft.title() + " failed", task.getException());
            problem.set("Cannot save “" + draft.title() + "”: " + ErrorText.of(task.getException()));
        });
        executor.execute(task);
    }

    /**
     * Asks about unsaved edits (Save / Discard / Cancel), then runs the action unless cancelled; true when it ran or
     * will run after a save. Without unsaved edits it runs at once.
     */
    public boolean confirmLeave(Runnable action) {
        if (!dirty.get()) {
            action.run();
            return true;
        }
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Save your changes to “"
                + titleField.getText().strip() + "” first?");
        ask.setHeaderText(null);
        ask.setTitle("Unsaved legend");
        ask.getButtonTypes().setAll(valid.get() ? List.of(save, discard, ButtonType.CANCEL)
                : List.of(discard, ButtonType.CANCEL));
        ask.initOwner(view.getScene() == null ? null : view.getScene().getWindow());
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.filter(save::equals).isPresent()) {
            save(action);
            return true;
        }
        if (answer.filter(discard::equals).isPresent()) {
            dirty.set(false);
            catalog.draft(editingId).ifPresent(onLegendEdited);
            action.run();
            return true;
        }
        return false;
    }

    /** The user chose another legend in the list. */
    private void chosen(Legend was, Legend now) {
        if (!dirty.get()) {
            show(now);
            return;
        }
        // Asked after the selection event: a dialog cannot wait inside the list's own handling.
        Platform.runLater(() -> {
            boolean left = confirmLeave(() -> showListed(now));
            if (!left) {
                quietly(() -> {
                    if (was == null) {
                        legendList.getSelectionModel().clearSelection();
                    } else {
                        legendList.getSelectionModel().select(was);
                    }
                });
            }
        });
    }

    /** Selects and shows a legend as the list now has it (read again after a save), or the blank form. */
    private void showListed(Legend legend) {
        Legend listed = legend == null ? null : legendList.getItems().stream()
                .filter(l -> l.id().equals(legend.id())).findFirst().orElse(legend);
        quietly(() -> {
            if (listed == null) {
                legendList.getSelectionModel().clearSelection();
            } else {
                legendList.getSelectionModel().select(listed);
            }
        });
        show(listed);
    }

    private void show(Legend legend) {
        editingId = legend == null ? null : legend.id();
        showForm(legend, legend == null ? Optional.empty()
                : catalog.style(legend.id()));
    }

    private void showForm(Legend legend, Optional<ContinuousStyle> style) {
        filling = true;
        try {
            fillForm(legend, style);
        } finally {
            filling = false;
        }
        baseline = legend == null ? null : formState();
        formChanged();
    }

    private void fillForm(Legend legend, Optional<ContinuousStyle> style) {
        heading.setText(legend == null ? "New legend (not saved yet)" : "Legend " + legend.id());
        titleField.setText(legend == null ? "" : legend.title());
        descriptionField.setText(legend == null || legend.description() == null ? "" : legend.description());
        entries.setRows(legend == null ? List.of() : legend.entries().stream().map(EntryRow::of).toList());
        continuous.show(style);
    }

    private FormState formState() {
        return new FormState(titleField.getText(), descriptionField.getText(), entries.state(), continuous.state());
    }

    private void formChanged() {
        if (filling) {
            return;
        }
        if (baseline == null && editingId == null && titleField.getText().isEmpty() && entries.rows().isEmpty()
                && !continuous.state().continuous()) {
            // The blank form of no legend: nothing to save, nothing lost by leaving it.
            dirty.set(false);
        } else {
            dirty.set(baseline == null || !baseline.equals(formState()));
        }
        String title = titleField.getText().strip();
        titleMessage.setText(title.isEmpty() ? "Give the legend a title" : title.length() > 200
                ? "Titles have 200 characters at most" : "");
        valid.set(titleMessage.getText().isEmpty() && entries.validProperty().get()
                && continuous.validProperty().get());
        if (valid.get()) {
            onLegendEdited.accept(draft());
        }
    }

    private void reload(Integer select, boolean showIt) {
        reload(select, showIt, () -> { });
    }

    /** Reads the catalog again, shows it, then runs what waited for it (a switch asked for before a save). */
    private void reload(Integer select, boolean showIt, Runnable then) {
        if (legends == null) {
            return;
        }
        LegendRepository repository = legends;
        LegendStyleRepository styleRepository = styles;
        long requested = ++generation;
        run("Cannot read the legends", () -> LegendCatalog.read(repository, styleRepository), read -> {
            if (requested != generation) {
                return;
            }
            catalog = read;
            entries.setSemantics(read.semanticsByName());
            Legend selected = read.legends().stream().filter(l -> l.id().equals(select)).findFirst()
                    .orElse(null);
            quietly(() -> {
                legendList.getItems().setAll(read.legends());
                if (selected != null) {
                    legendList.getSelectionModel().select(selected);
                }
            });
            if (showIt && selected != null) {
                show(selected);
            } else if (editingId != null && selected == null && !dirty.get()) {
                // The legend shown is gone (deleted elsewhere).
                editingId = null;
                showForm(null, Optional.empty());
            }
            then.run();
        });
    }

    /** Runs a database call in the background and hands its result to the FX thread, or shows why it failed. */
    private <T> void run(String failure, java.util.concurrent.Callable<T> work, Consumer<T> done) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(e -> {
            problem.set("");
            done.accept(task.getValue());
        });
        task.setOnFailed(e -> {
            LOG.log(Level.INFO, failure, task.getException());
            problem.set(failure + ": " + ErrorText.of(task.getException()));
        });
        executor.execute(task);
    }

    private void quietly(Runnable change) {
        boolean before = quietSelection;
        quietSelection = true;
        try {
            change.run();
        } finally {
            quietSelection = before;
        }
    }

    static String titleOf(Legend legend) {
        return legend.title().isBlank() ? "Legend " + legend.id() : legend.title();
    }

    private static String quoted(List<String> names) {
        List<String> shown = names.size() > 5 ? names.subList(0, 5) : names;
        String text = String.join("”, “", shown);
        return "“" + text + "”" + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static String safeFileName(String title) {
        String name = title == null ? "" : title.strip().replaceAll("[^\\p{L}\\p{N}._ -]+", "_");
        return name.isEmpty() ? "legend" : name;
    }
}
