package org.rasterdesk.ui.legend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendSemantics;

/**
 * The form of one legend: title, description, entries and continuous style, checked as they are typed and compared
 * with what was last shown or saved, so that it knows whether it holds a valid legend and whether it has unsaved edits.
 */
final class LegendForm {

    /** The form's texts, to tell unsaved edits from what was shown. */
    private record FormState(String title, String description, List<EntryRow.State> entries,
                             ContinuousStyleEditor.State style) {
    }

    private final Parent view;
    private final LegendEntryTable entries = new LegendEntryTable();
    private final ContinuousStyleEditor continuous = new ContinuousStyleEditor();
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");

    /** The stored semantics by name, so that a draft's entries refer to them rather than to new ones. */
    private Map<String, LegendSemantics> storedSemantics = Map.of();
    /** The stored legend the form edits, null for a new one. */
    private Integer legendId;
    /** The form as last shown or saved; null for a legend not stored yet, which is always unsaved. */
    private FormState baseline;
    /** Set while the form is filled from a legend, which is one change, not one per field. */
    private boolean filling;
    private Consumer<LegendDraft> onEdited = draft -> { };

    @FXML private Label heading;
    @FXML private TextField titleField;
    @FXML private Label titleMessage;
    @FXML private TextArea descriptionField;
    @FXML private StackPane entriesHolder;
    @FXML private StackPane continuousHolder;

    LegendForm() {
        FXMLLoader loader = new FXMLLoader(LegendForm.class.getResource("LegendForm.fxml"));
        loader.setController(this);
        try {
            view = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("LegendForm.fxml cannot be loaded", e);
        }
    }

    @FXML
    private void initialize() {
        entriesHolder.getChildren().add(entries.getView());
        continuousHolder.getChildren().add(continuous.getView());
        titleMessage.managedProperty().bind(titleMessage.textProperty().isNotEmpty());
        titleMessage.visibleProperty().bind(titleMessage.textProperty().isNotEmpty());
        titleField.textProperty().addListener((obs, was, now) -> formChanged());
        descriptionField.textProperty().addListener((obs, was, now) -> formChanged());
        entries.rows().addListener((ListChangeListener<EntryRow>) c -> formChanged());
        continuous.setOnChange(this::formChanged);
        show(null, Optional.empty());
    }

    Parent getView() {
        return view;
    }

    LegendEntryTable entryTable() {
        return entries;
    }

    ContinuousStyleEditor continuousEditor() {
        return continuous;
    }

    /** True while the form differs from the legend shown or last saved (a new legend until it is blank again). */
    ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** True while every field holds something a legend can be saved with. */
    ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** The stored legend the form edits, null for a new one. */
    Integer legendId() {
        return legendId;
    }

    /** The title as typed, without surrounding blanks. */
    String title() {
        return titleField.getText().strip();
    }

    /** Called with the form's legend each time the form shows or is edited into a valid legend. */
    void setOnEdited(Consumer<LegendDraft> action) {
        onEdited = Objects.requireNonNull(action);
    }

    /** The stored semantics: the entries offer their names, and a draft's entries refer to them by name. */
    void setSemantics(Map<String, LegendSemantics> byName) {
        storedSemantics = byName;
        entries.setSemantics(byName);
    }

    /** Fills the form from a stored legend and its style, or blanks it for no legend; the result is not dirty. */
    void show(Legend legend, Optional<ContinuousStyle> style) {
        legendId = legend == null ? null : legend.id();
        filling = true;
        try {
            heading.setText(legend == null ? "New legend (not saved yet)" : "Legend " + legend.id());
            titleField.setText(legend == null ? "" : legend.title());
            descriptionField.setText(legend == null || legend.description() == null ? "" : legend.description());
            entries.setRows(legend == null ? List.of() : legend.entries().stream().map(EntryRow::of).toList());
            continuous.show(style);
        } finally {
            filling = false;
        }
        baseline = legend == null ? null : formState();
        formChanged();
    }

    /** Blanks the form for a new legend with a title to type over. */
    void startNew() {
        show(null, Optional.empty());
        titleField.setText("New legend");
        titleField.requestFocus();
        titleField.selectAll();
    }

    /** Turns the form into a new, unsaved copy of the legend it shows. */
    void startCopy() {
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
        show(null, Optional.empty());
        titleField.setText(("Copy of " + title).substring(0, Math.min(200, ("Copy of " + title).length())));
        descriptionField.setText(description);
        entries.setRows(copies);
        continuous.show(styleCopy);
        formChanged();
    }

    /** The form now holds the legend as stored under this id: its edits are no longer unsaved. */
    void saved(int id) {
        legendId = id;
        baseline = formState();
        dirty.set(false);
    }

    /** The user gave up the edits; the form is left to be filled anew. */
    void discard() {
        dirty.set(false);
    }

    /**
     * The form as a draft legend.
     *
     * @throws IllegalStateException while the form holds something invalid
     */
    LegendDraft draft() {
        if (!valid.get()) {
            throw new IllegalStateException("the legend has invalid fields");
        }
        List<LegendEntry> list = new ArrayList<>();
        for (EntryRow row : entries.rows()) {
            String name = row.semanticsProperty().get().strip();
            String description = blankToNull(row.semanticsDescriptionProperty().get());
            LegendSemantics semantics = storedSemantics.getOrDefault(name, LegendSemantics.create(name))
                    .withDescription(description);
            list.add(new LegendEntry(row.entryId(), legendId, semantics, row.expressionProperty().get(),
                    EntryRow.storedColor(row.colorProperty().get()), row.codeProperty().get()));
        }
        return new LegendDraft(legendId, title(), descriptionField.getText(), list, continuous.style());
    }

    /**
     * Writes the legend in the form, as the panel beside the map shows it, as a PNG; on the FX thread. A continuous
     * style without a range is drawn over 0 to 1, the layer's range not being known here.
     */
    void exportImage(Path file) throws IOException {
        LegendDraft draft = draft();
        LegendPanel panel = new LegendPanel();
        panel.show(draft.title(), draft.colormap(DataType.CATEGORICAL, 0, 1), Optional.of(draft.toLegend()));
        panel.exportPng(file);
    }

    private FormState formState() {
        return new FormState(titleField.getText(), descriptionField.getText(), entries.state(), continuous.state());
    }

    private void formChanged() {
        if (filling) {
            return;
        }
        if (baseline == null && legendId == null && titleField.getText().isEmpty() && entries.rows().isEmpty()
                && !continuous.state().continuous()) {
            // The blank form of no legend: nothing to save, nothing lost by leaving it.
            dirty.set(false);
        } else {
            dirty.set(baseline == null || !baseline.equals(formState()));
        }
        String title = title();
        titleMessage.setText(title.isEmpty() ? "Give the legend a title" : title.length() > 200
                ? "Titles have 200 characters at most" : "");
        valid.set(titleMessage.getText().isEmpty() && entries.validProperty().get()
                && continuous.validProperty().get());
        if (valid.get()) {
            onEdited.accept(draft());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
