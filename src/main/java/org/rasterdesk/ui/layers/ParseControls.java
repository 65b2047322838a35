package org.rasterdesk.ui.layers;

import java.io.File;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.source.RasterFileNames;
import org.rasterdesk.ui.parse.ParseQueue;

/**
 * The window's commands for adding and parsing layers: tool bar buttons, context menu items, keys (F5 re-parse,
 * Esc cancel, Ctrl+O add files, Ctrl+Shift+O add a URL) and dropping files or URLs on the window (on a mosaic
 * layer's row: added to that mosaic, once the user says so).
 */
public final class ParseControls {

    static final KeyCombination REPARSE_KEY = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination CANCEL_KEY = new KeyCodeCombination(KeyCode.ESCAPE);
    static final KeyCombination ADD_FILE_KEY = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination ADD_URL_KEY = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final LayerListView list;
    private final ParseQueue queue;
    private final LayerIntake intake;
    private final BooleanBinding noLayer;
    private final BooleanBinding nothingToCancel;
    private final ObservableBooleanValue noDatabase;
    private final DropHighlight highlight;

    public ParseControls(LayerListView list, ParseQueue queue, LayerIntake intake, ObservableBooleanValue noDatabase) {
        this.list = list;
        this.queue = queue;
        this.intake = intake;
        this.noDatabase = noDatabase;
        this.highlight = new DropHighlight(list.table(), intake);
        noLayer = Bindings.createBooleanBinding(() -> noDatabase.get() || list.selectedLayerProperty().get() == null,
                noDatabase, list.selectedLayerProperty());
        nothingToCancel = Bindings.createBooleanBinding(() -> !canCancelSelected(),
                list.selectedLayerProperty(), queue.parses(), noDatabase);
    }

    public List<Node> toolBarItems() {
        Button addFile = button("add-file", "Add file…", "Add raster files as layers and parse them (Ctrl+O)",
                this::chooseFiles);
        addFile.disableProperty().bind(Bindings.createBooleanBinding(noDatabase::get, noDatabase));
        Button addUrl = button("add-url", "Add URL…", "Add a layer from a URL and parse it (Ctrl+Shift+O)",
                this::askUrl);
        addUrl.disableProperty().bind(addFile.disableProperty());
        Button reparse = button("reparse-layer", "Re-parse", "Parse the selected layer again (F5)", this::reparseSelected);
        reparse.disableProperty().bind(noLayer);
        Button cancel = button("cancel-parse", "Cancel", "Stop the selected layer's parse, keeping its old tiles (Esc)",
                this::cancelSelected);
        cancel.disableProperty().bind(nothingToCancel);
        return List.of(addFile, addUrl, new Separator(), reparse, cancel);
    }

    public List<MenuItem> menuItems() {
        MenuItem reparse = new MenuItem("Re-parse");
        reparse.setId("menu-reparse");
        reparse.setAccelerator(REPARSE_KEY);
        reparse.setOnAction(e -> reparseSelected());
        reparse.disableProperty().bind(noLayer);
        MenuItem cancel = new MenuItem("Cancel parse");
        cancel.setId("menu-cancel-parse");
        cancel.setAccelerator(CANCEL_KEY);
        cancel.setOnAction(e -> cancelSelected());
        cancel.disableProperty().bind(nothingToCancel);
        MenuItem addToMosaic = new MenuItem("Add files to mosaic…");
        addToMosaic.setId("menu-add-to-mosaic");
        addToMosaic.setOnAction(e -> chooseFilesForMosaic());
        addToMosaic.disableProperty().bind(noLayer);
        return List.of(reparse, cancel, addToMosaic);
    }

    /**
     * Add files to mosaic… : rasters chosen in a file chooser join the selected mosaic layer; only the tiles they
     * touch are made again.
     */
    public void chooseFilesForMosaic() {
        LayerSummary layer = list.selectedLayerProperty().get();
        if (layer == null || noDatabase.get()) {
            return;
        }
        FileChooser chooser = rasterChooser("Add files to the mosaic " + layer.name());
        List<File> files = chooser.showOpenMultipleDialog(windowOf(list.getView()));
        if (files != null) {
            intake.addToMosaic(layer.id(), layer.name(), files.stream().map(File::getAbsolutePath).toList());
        }
    }

    /** Keys and drops on the whole window. */
    public void install(Node root) {
        // A filter, so that the table's own key handling cannot swallow F5 and the Ctrl+O pair.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (ADD_URL_KEY.match(e)) {
                askUrl();
                e.consume();
            } else if (ADD_FILE_KEY.match(e)) {
                chooseFiles();
                e.consume();
            } else if (REPARSE_KEY.match(e)) {
                reparseSelected();
                e.consume();
            }
        });
        // Esc from any focus: as a filter, since a list (the log pane, where Save leaves the focus) consumes Esc
        // without using it. Only a control that uses Esc itself keeps it: a text being typed, a cell in edit.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (CANCEL_KEY.match(e) && canCancelSelected() && !usesEscape(root.getScene() == null ? null
                    : root.getScene().getFocusOwner())) {
                cancelSelected();
                e.consume();
            }
        });
        root.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (CANCEL_KEY.match(e) && canCancelSelected()) {
                cancelSelected();
                e.consume();
            }
        });
        root.setOnDragOver(e -> {
            if (!noDatabase.get() && LayerIntake.accepts(e.getDragboard())) {
                e.acceptTransferModes(TransferMode.COPY);
                highlight.over(rowUnder(e));
            } else {
                highlight.clear();
            }
            e.consume();
        });
        // The exit of the window itself, not of a node inside it: the drag went elsewhere.
        root.addEventHandler(DragEvent.DRAG_EXITED, e -> {
            if (e.getTarget() == root) {
                highlight.clear();
            }
        });
        root.setOnDragDropped(e -> {
            highlight.clear();
            boolean taken = !noDatabase.get() && LayerIntake.accepts(e.getDragboard());
            LayerSummary on = layerUnder(e);
            if (taken && on != null) {
                // On a layer's row: a mosaic's asks to add the files to it, any other's is a drop elsewhere.
                intake.addFromOnLayer(e.getDragboard(), on.id(), on.name());
            } else if (taken) {
                intake.addFrom(e.getDragboard());
            }
            e.setDropCompleted(taken);
            e.consume();
        });
    }

    /** The layer whose row in the layer list is under a drop, or null when the drop is elsewhere. */
    static LayerSummary layerUnder(DragEvent e) {
        TableRow<?> row = rowUnder(e);
        return row != null && !row.isEmpty() && row.getItem() instanceof LayerSummary layer ? layer : null;
    }

    /** The layer list's row under a drag, or null when it is elsewhere. */
    static TableRow<?> rowUnder(DragEvent e) {
        Node picked = e.getPickResult() == null ? null : e.getPickResult().getIntersectedNode();
        if (picked == null && e.getTarget() instanceof Node target) {
            picked = target;
        }
        for (Node n = picked; n != null; n = n.getParent()) {
            if (n instanceof TableRow<?> row) {
                return row;
            }
        }
        return null;
    }

    /**
     * True when the focused control does something with Esc itself: a text field or area (which may revert its
     * edit; it passes Esc on when it does not), a combo box with its list open, a table or list editing a cell.
     */
    static boolean usesEscape(Node focus) {
        if (focus instanceof TextInputControl) {
            return true;
        }
        if (focus instanceof ComboBoxBase<?> combo) {
            return combo.isShowing();
        }
        if (focus instanceof TableView<?> table) {
            return table.getEditingCell() != null;
        }
        if (focus instanceof ListView<?> listView) {
            return listView.getEditingIndex() >= 0;
        }
        return false;
    }

    void reparseSelected() {
        LayerSummary layer = list.selectedLayerProperty().get();
        if (layer != null && !noDatabase.get()) {
            queue.start(layer.id(), layer.name());
        }
    }

    /**
     * Cancels the selected layer's parse: this window's, or one that another program runs on the database (its
     * stored status says a parse is under way), which is asked to stop as {@code rasterdesk cancel} asks it.
     */
    void cancelSelected() {
        LayerSummary layer = list.selectedLayerProperty().get();
        if (layer == null) {
            return;
        }
        if (queue.find(layer.id()) != null) {
            queue.cancel(layer.id());
        } else if (canCancelSelected()) {
            queue.cancelElsewhere(layer.id(), layer.name());
        }
    }

    /** Whether the selected layer has a parse to cancel: this window's, or another program's under way. */
    private boolean canCancelSelected() {
        LayerSummary layer = list.selectedLayerProperty().get();
        if (layer == null) {
            return false;
        }
        return queue.find(layer.id()) != null || !noDatabase.get() && layer.status().isInProgress();
    }

    /** Add file… : raster files chosen in a file chooser become layers, as a drop does. */
    public void chooseFiles() {
        if (noDatabase.get()) {
            return;
        }
        FileChooser chooser = rasterChooser("Add raster files");
        List<File> files = chooser.showOpenMultipleDialog(windowOf(list.getView()));
        if (files != null) {
            intake.addFiles(files.stream().map(File::toPath).toList());
        }
    }

    private static FileChooser rasterChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        List<String> patterns = new java.util.ArrayList<>();
        for (String extension : RasterFileNames.RASTER_EXTENSIONS) {
            patterns.add("*" + extension);
            patterns.add("*" + extension.toUpperCase(java.util.Locale.ROOT));
        }
        patterns.add("*.zip");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Rasters (GeoTIFF, images with a world file, ASCII grid, JPEG 2000, "
                        + "NetCDF, zip)", patterns),
                new FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    /** Add URL… : a raster at an http(s) or s3 URL becomes a layer. */
    public void askUrl() {
        if (noDatabase.get()) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog("https://");
        dialog.initOwner(windowOf(list.getView()));
        dialog.setTitle("Add URL");
        dialog.setHeaderText("Add a layer from a raster at a URL (http, https or s3)");
        dialog.setContentText("URL:");
        dialog.getEditor().setPrefColumnCount(40);
        Optional<String> url = dialog.showAndWait();
        url.map(String::strip).filter(u -> !u.isEmpty() && !u.equals("https://"))
                .ifPresent(u -> intake.addUrls(List.of(u)));
    }

    private static Window windowOf(Node node) {
        return node.getScene() == null ? null : node.getScene().getWindow();
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }
}
