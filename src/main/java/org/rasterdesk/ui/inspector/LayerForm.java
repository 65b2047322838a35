package org.rasterdesk.ui.inspector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;

/**
 * The form of one raster layer: name, description, datatype, source, SRID, nodata, max zoom, legend and flags,
 * with messages that explain a bad value next to its field. Save writes in the background; when the change
 * touches what makes the tiles (django-raster's rule), it asks for a re-parse through {@link #setOnReparseRequested}.
 * A newer version of the layer from the database replaces the fields only while they hold no unsaved edit.
 */
public final class LayerForm {

    /** One line of the legend chooser; a null id is "no legend". */
    record LegendChoice(Integer id, String title) {
        @Override
        public String toString() {
            return title;
        }
    }

    /** The fields as typed, to tell edits from the stored layer without parsing half-typed numbers. */
    private record Values(String name, String description, DataType datatype, String source, String srid,
                          String nodata, String maxZoom, Integer legendId, boolean nextHigher, boolean buildPyramid,
                          boolean storeReprojected) {
    }

    private final TaskExecutor executor;
    private final Parent view;
    private LayerRecords records;
    private LayerSnapshot shown;
    /** A newer stored version that arrived while the fields held edits; Revert shows it. */
    private LayerSnapshot waiting;
    private String source = "";
    private boolean filling;
    private IntConsumer onReparseRequested = id -> { };
    private Consumer<RasterLayer> onSaved = layer -> { };

    private final SridLookup srids;
    private final FormPreflight preflight;

    private final ReadOnlyObjectWrapper<RasterLayer> layer = new ReadOnlyObjectWrapper<>(this, "layer");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

    @FXML private Label heading;
    @FXML private TextField nameField;
    @FXML private Label nameMessage;
    @FXML private TextArea descriptionField;
    @FXML private ChoiceBox<DataType> datatypeChoice;
    @FXML private Label sourceLabel;
    @FXML private Button changeSourceButton;
    @FXML private Label sourceDetail;
    @FXML private TextField sridField;
    @FXML private Label sridMessage;
    @FXML private TextField nodataField;
    @FXML private Label nodataMessage;
    @FXML private TextField maxZoomField;
    @FXML private Label maxZoomMessage;
    @FXML private ComboBox<LegendChoice> legendChoice;
    @FXML private CheckBox nextHigherCheck;
    @FXML private CheckBox buildPyramidCheck;
    @FXML private CheckBox storeReprojectedCheck;
    @FXML private Label notice;
    @FXML private Button duplicateButton;
    @FXML private Button deleteButton;
    @FXML private Button revertButton;
    @FXML private Button saveButton;

    /**
     * @param executor    runs the saves; never the FX thread
     * @param referencing runs the EPSG checks and the pre-flight, which may wait on Apache SIS: never threads that
     *                    the layer list or the map need
     */
    public LayerForm(TaskExecutor executor, TaskExecutor referencing) {
        this.executor = executor;
        srids = new SridLookup(referencing, this::validate);
        preflight = new FormPreflight(referencing);
        FXMLLoader loader = new FXMLLoader(LayerForm.class.getResource("LayerForm.fxml"));
        loader.setController(this);
        try {
            view = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("LayerForm.fxml cannot be loaded", e);
        }
        ((javafx.scene.layout.VBox) view).getChildren().add(preflight.getView());
        view.setDisable(true);
    }

    @FXML
    private void initialize() {
        datatypeChoice.getItems().setAll(DataType.values());
        ChangeListener<Object> edited = (obs, was, now) -> fieldsChanged();
        for (TextField field : List.of(nameField, sridField, nodataField, maxZoomField)) {
            field.textProperty().addListener(edited);
        }
        descriptionField.textProperty().addListener(edited);
        datatypeChoice.valueProperty().addListener(edited);
        legendChoice.valueProperty().addListener(edited);
        for (CheckBox box : List.of(nextHigherCheck, buildPyramidCheck, storeReprojectedCheck)) {
            box.selectedProperty().addListener(edited);
        }
        // A field's message is one line that keeps its room when empty: rows that moved as hints came and went
        // made a click on Save land elsewhere. A message longer than the line ends in "…" and is whole in its
        // tooltip.
        for (Label message : List.of(nameMessage, sridMessage, nodataMessage, maxZoomMessage)) {
            message.minHeightProperty().bind(Bindings.createDoubleBinding(() -> lineHeight(message),
                    message.fontProperty(), message.paddingProperty()));
            Tooltip whole = new Tooltip();
            whole.textProperty().bind(message.textProperty());
            message.tooltipProperty().bind(Bindings.when(message.textProperty().isEmpty())
                    .then((Tooltip) null).otherwise(whole));
        }
        // Below the buttons, so that it moves nothing the user may be about to click.
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());
        saveButton.disableProperty().bind(dirty.not().or(valid.not()).or(saving));
        revertButton.disableProperty().bind(dirty.not().and(notice.textProperty().isEmpty()).or(saving));
    }

    /** The height of one line of a label's text, with its padding. */
    private static double lineHeight(Label label) {
        Text probe = new Text("Ag");
        probe.setFont(label.getFont());
        return Math.ceil(probe.getLayoutBounds().getHeight()) + label.getPadding().getTop()
                + label.getPadding().getBottom();
    }

    public Parent getView() {
        return view;
    }

    /** The database the form saves to; null while there is none. */
    void setRecords(LayerRecords records) {
        this.records = records;
        preflight.setRecords(records);
    }

    /** The layer as last loaded or saved; null when no layer is shown. */
    public ReadOnlyObjectProperty<RasterLayer> layerProperty() {
        return layer.getReadOnlyProperty();
    }

    /** Whether the fields differ from the stored layer. */
    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    /** Whether every field holds an acceptable value (an SRID still being checked is not yet acceptable). */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Called with the layer's id after a save that reset its parse (the source, SRID, nodata, zoom or flags). */
    public void setOnReparseRequested(IntConsumer handler) {
        onReparseRequested = Objects.requireNonNull(handler);
    }

    /** Called with the stored layer after every successful save. */
    public void setOnSaved(Consumer<RasterLayer> handler) {
        onSaved = Objects.requireNonNull(handler);
    }

    Button duplicateButton() {
        return duplicateButton;
    }

    Button deleteButton() {
        return deleteButton;
    }

    /** Puts the cursor in the name field with its text selected, for F2. */
    public void focusName() {
        if (layer.get() != null) {
            nameField.requestFocus();
            nameField.selectAll();
        }
    }

    /**
     * Shows a layer as read from the database. A different layer replaces the form. A newer version of the same
     * layer replaces the fields only when they hold no edit; otherwise the form says so and Revert shows it.
     */
    void show(LayerSnapshot snapshot) {
        if (snapshot == null) {
            shown = null;
            waiting = null;
            layer.set(null);
            fill(null);
            return;
        }
        boolean sameLayer = shown != null && Objects.equals(shown.layer().id(), snapshot.layer().id());
        if (sameLayer && dirty.get()) {
            boolean storedChanged = !snapshot.layer().equals(shown.layer());
            shown = new LayerSnapshot(shown.layer(), snapshot.metadata(), snapshot.bands(), snapshot.pixelTypes(),
                    snapshot.crs(), snapshot.legends(), snapshot.mosaic());
            if (storedChanged) {
                waiting = snapshot;
                notice.setText("This layer was changed elsewhere. Save keeps your version; Revert shows theirs.");
                notice.getStyleClass().setAll("label", "form-notice");
            }
            updatePrompts();
            validate();
            return;
        }
        shown = snapshot;
        waiting = null;
        layer.set(snapshot.layer());
        fill(snapshot);
    }

    /** Throws away the edits and shows the stored layer (the newest version known). */
    @FXML
    void revert() {
        if (waiting != null) {
            shown = waiting;
            layer.set(waiting.layer());
        }
        waiting = null;
        fill(shown);
    }

    @FXML
    void save() {
        if (records == null || shown == null || !valid.get() || saving.get()) {
            return;
        }
        RasterLayer edited = editedLayer();
        LayerRecords target = records;
        LayerSnapshot base = shown;
        saving.set(true);
        notice.setText("");
        BackgroundTask.of(() -> target.save(edited))
                .describedAs("Saving layer " + edited.id() + " failed")
                .onFinished(() -> saving.set(false))
                .onSuccess(update -> {
                    if (shown != null && Objects.equals(shown.layer().id(), edited.id())) {
                        shown = new LayerSnapshot(update.layer(), base.metadata(), base.bands(), base.pixelTypes(),
                                base.crs(), shown.legends(), base.mosaic());
                        waiting = null;
                        layer.set(update.layer());
                        fill(shown);
                    }
                    onSaved.accept(update.layer());
                    if (update.parseReset()) {
                        onReparseRequested.accept(update.layer().id());
                    }
                })
                .onFailure(failure -> {
                    notice.setText("Not saved: " + ErrorText.of(failure));
                    notice.getStyleClass().setAll("label", "form-notice", "error");
                })
                .executeWith(executor);
    }

    @FXML
    private void changeSource() {
        TextInputDialog dialog = new TextInputDialog(source);
        dialog.setTitle("Source of the layer");
        dialog.setHeaderText("A file on this computer (its path) or a URL: http(s)://, s3://BUCKET/KEY or file:");
        dialog.getEditor().setPrefColumnCount(40);
        if (view.getScene() != null) {
            dialog.initOwner(view.getScene().getWindow());
        }
        dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty()).ifPresent(text -> {
            source = text.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") && !text.matches("^[A-Za-z]:\\\\.*")
                    ? text : Path.of(text).toAbsolutePath().toUri().toString();
            sourceLabel.setText(source);
            sourceLabel.setTooltip(new Tooltip(source));
            fieldsChanged();
        });
    }

    /** The stored layer with the fields' values; only when {@link #validProperty()} holds. */
    RasterLayer editedLayer() {
        RasterLayer base = shown.layer();
        LegendChoice legend = legendChoice.getValue();
        RasterLayer edited = base.withName(blankToNull(nameField.getText()))
                .withDescription(blankToNull(descriptionField.getText()))
                .withDatatype(datatypeChoice.getValue())
                .withSrid(LayerFieldRules.integer(sridField.getText()))
                .withNodata(blankToNull(nodataField.getText()) == null ? null : nodataField.getText().strip())
                .withMaxZoom(LayerFieldRules.integer(maxZoomField.getText()))
                .withLegendId(legend == null ? null : legend.id())
                .withNextHigher(nextHigherCheck.isSelected())
                .withBuildPyramid(buildPyramidCheck.isSelected())
                .withStoreReprojected(storeReprojectedCheck.isSelected());
        if (!source.equals(sourceOf(base))) {
            // source_url wins over the file in django-raster, so a new source goes there.
            edited = edited.withSourceUrl(source);
        }
        return edited;
    }

    private void fill(LayerSnapshot snapshot) {
        filling = true;
        try {
            notice.setText("");
            RasterLayer l = snapshot == null ? null : snapshot.layer();
            view.setDisable(l == null);
            heading.setText(l == null ? "No layer selected" : "Layer " + l.id());
            nameField.setText(l == null || l.name() == null ? "" : l.name());
            descriptionField.setText(l == null || l.description() == null ? "" : l.description());
            datatypeChoice.setValue(l == null ? null : l.datatype());
            source = l == null ? "" : sourceOf(l);
            showSource(snapshot == null ? null : snapshot.mosaic());
            sridField.setText(l == null || l.srid() == null ? "" : l.srid().toString());
            nodataField.setText(l == null || l.nodata() == null ? "" : l.nodata());
            maxZoomField.setText(l == null || l.maxZoom() == null ? "" : l.maxZoom().toString());
            fillLegends(snapshot);
            nextHigherCheck.setSelected(l != null && l.nextHigher());
            buildPyramidCheck.setSelected(l != null && l.buildPyramid());
            storeReprojectedCheck.setSelected(l != null && l.storeReprojected());
            updatePrompts();
        } finally {
            filling = false;
        }
        fieldsChanged();
    }

    /**
     * A layer of one raster shows its file or URL; a mosaic says so, with its first file, the whole list in the
     * tooltip and the overlap rule under it. A mosaic's files change by adding files to it, not here.
     */
    private void showSource(MosaicFiles.Mosaic mosaic) {
        boolean isMosaic = mosaic != null;
        sourceDetail.setVisible(isMosaic);
        sourceDetail.setManaged(isMosaic);
        changeSourceButton.setDisable(isMosaic);
        changeSourceButton.setVisible(!isMosaic);
        changeSourceButton.setManaged(!isMosaic);
        // A path is cut at its start, keeping the file's name; a mosaic's summary wraps, whole.
        sourceLabel.setWrapText(isMosaic);
        if (isMosaic) {
            sourceLabel.setText(MosaicSourceText.summary(mosaic));
            sourceLabel.setTextOverrun(OverrunStyle.ELLIPSIS);
            Tooltip list = new Tooltip(MosaicSourceText.listing(mosaic));
            list.setShowDuration(javafx.util.Duration.INDEFINITE);
            sourceLabel.setTooltip(list);
            sourceDetail.setText(MosaicSourceText.overlap(mosaic));
            sourceDetail.setTooltip(list);
            return;
        }
        sourceLabel.setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
        sourceLabel.setText(source.isEmpty() ? "(none)" : source);
        sourceLabel.setTooltip(source.isEmpty() ? null : new Tooltip(source));
    }

    private void fillLegends(LayerSnapshot snapshot) {
        List<LegendChoice> choices = new ArrayList<>();
        choices.add(new LegendChoice(null, "None"));
        Integer current = snapshot == null ? null : snapshot.layer().legendId();
        LegendChoice selected = choices.get(0);
        if (snapshot != null) {
            for (Legend legend : snapshot.legends()) {
                LegendChoice choice = new LegendChoice(legend.id(), legend.title().isBlank()
                        ? "Legend " + legend.id() : legend.title());
                choices.add(choice);
                if (legend.id().equals(current)) {
                    selected = choice;
                }
            }
            if (current != null && selected.id() == null) {
                selected = new LegendChoice(current, "Legend " + current + " (not found)");
                choices.add(selected);
            }
        }
        legendChoice.getItems().setAll(choices);
        legendChoice.setValue(selected);
    }

    /** Blank SRID, nodata and max zoom mean "as detected": the prompts show what the parse found. */
    private void updatePrompts() {
        if (shown == null) {
            for (TextField field : List.of(sridField, nodataField, maxZoomField)) {
                field.setPromptText("");
            }
            return;
        }
        boolean parsed = shown.metadata() != null && shown.metadata().width() != null;
        String notYet = "auto (known after parsing)";
        Integer srid = shown.metadata() == null ? null : shown.metadata().srid();
        sridField.setPromptText(!parsed ? notYet : srid == null ? "auto (the file's SRS, no EPSG code)"
                : "auto: " + srid);
        Double nodata = shown.detectedNodata();
        nodataField.setPromptText(!parsed ? notYet : nodata == null ? "auto: none"
                : "auto: " + LayerFieldRules.number(nodata));
        Integer zoom = shown.metadata() == null ? null : shown.metadata().maxZoom();
        maxZoomField.setPromptText(zoom == null ? notYet : "auto: " + zoom);
    }

    private void fieldsChanged() {
        if (filling) {
            return;
        }
        dirty.set(shown != null && !values().equals(valuesOf(shown.layer())));
        validate();
        updatePreflight();
    }

    /** The pre-flight for the form's settings as they are now, when its max zoom and SRID are acceptable. */
    private void updatePreflight() {
        if (shown == null) {
            preflight.update(null);
            return;
        }
        if (LayerFieldRules.maxZoomProblem(maxZoomField.getText()) != null
                || LayerFieldRules.sridFormProblem(sridField.getText()) != null) {
            return;
        }
        preflight.update(new FormPreflight.Settings(shown.layer().id(), source,
                LayerFieldRules.integer(sridField.getText()),
                LayerFieldRules.integer(maxZoomField.getText()), nextHigherCheck.isSelected(),
                buildPyramidCheck.isSelected()));
    }

    private void validate() {
        boolean ok = shown != null;
        ok &= show(nameMessage, LayerFieldRules.nameProblem(nameField.getText()), true);
        ok &= show(maxZoomMessage, LayerFieldRules.maxZoomProblem(maxZoomField.getText()), true);
        ok &= show(nodataMessage, LayerFieldRules.nodataProblem(nodataField.getText(),
                shown == null ? List.of() : shown.pixelTypes()), true);
        ok &= checkSrid();
        valid.set(ok);
    }

    /** Checks the SRID's form at once and asks SIS's EPSG database in the background; true when known good. */
    private boolean checkSrid() {
        String text = sridField.getText().strip();
        String formProblem = LayerFieldRules.sridFormProblem(text);
        if (text.isEmpty() || formProblem != null) {
            return show(sridMessage, formProblem, true);
        }
        int code = Integer.parseInt(text);
        SridLookup.Answer answer = srids.check(code);
        return switch (answer.state()) {
            case CHECKING -> {
                show(sridMessage, "Checking EPSG:" + code + "…", false);
                yield false;
            }
            case KNOWN -> {
                show(sridMessage, answer.text(), false);
                yield true;
            }
            case UNKNOWN -> show(sridMessage, "EPSG:" + code + " is not in the EPSG database.", true);
            case FAILED -> show(sridMessage, "Cannot check EPSG:" + code + ": " + answer.text(), true);
        };
    }

    /** Shows a message under a field; an error one in red. Returns whether there is no error. */
    private static boolean show(Label message, String text, boolean isError) {
        message.setText(text == null ? "" : text);
        message.getStyleClass().remove("error");
        if (text != null && isError) {
            message.getStyleClass().add("error");
        }
        return text == null || !isError;
    }

    private Values values() {
        LegendChoice legend = legendChoice.getValue();
        return new Values(nameField.getText(), descriptionField.getText(), datatypeChoice.getValue(), source,
                sridField.getText().strip(), nodataField.getText().strip(), maxZoomField.getText().strip(),
                legend == null ? null : legend.id(), nextHigherCheck.isSelected(), buildPyramidCheck.isSelected(),
                storeReprojectedCheck.isSelected());
    }

    private static Values valuesOf(RasterLayer l) {
        return new Values(l.name() == null ? "" : l.name(), l.description() == null ? "" : l.description(),
                l.datatype(), sourceOf(l), l.srid() == null ? "" : l.srid().toString(),
                l.nodata() == null ? "" : l.nodata().strip(), l.maxZoom() == null ? "" : l.maxZoom().toString(),
                l.legendId(), l.nextHigher(), l.buildPyramid(), l.storeReprojected());
    }

    private static String sourceOf(RasterLayer l) {
        if (!l.sourceUrl().isEmpty()) {
            return l.sourceUrl();
        }
        return l.rasterfile() == null ? "" : l.rasterfile();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    Optional<LayerSnapshot> shownSnapshot() {
        return Optional.ofNullable(shown);
    }
}
