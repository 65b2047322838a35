package org.rasterdesk.ui.layers;

import java.text.NumberFormat;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.text.Text;
import javafx.scene.control.TableView;
import javafx.util.Duration;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.parse.ParseQueue;
import org.rasterdesk.ui.parse.ParseStatusCell;
import org.rasterdesk.ui.parse.QueuedParse;

/**
 * The table of raster layers: name, datatype, parse status and tile count. It reloads from its catalog on a
 * background thread, on demand and every few seconds, and keeps the selected layer selected across reloads.
 */
public final class LayerListView {

    /** How often the list reloads while auto refresh runs: a parse elsewhere changes status and tile counts. */
    public static final Duration DEFAULT_REFRESH_PERIOD = Duration.seconds(5);

    private static final Logger LOG = Logger.getLogger(LayerListView.class.getName());

    private final TaskExecutor executor;
    private final TableView<LayerSummary> table = new TableView<>();
    private final Label placeholder = new Label();
    private final ObjectProperty<LayerCatalog> catalog = new SimpleObjectProperty<>(this, "catalog");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final Timeline autoRefresh = new Timeline();

    /** A table cell's padding on both sides (Modena's 0.166em each side) and a header's sort arrow room. */
    private static final double CELL_PADDING = 20;
    /** Bumped when the catalog changes, so that a reload of the previous catalog is dropped on arrival. */
    private long generation;
    private BackgroundTask<List<LayerSummary>> running;
    /** The window's parses, shown as progress in the status column; null shows stored statuses only. */
    private ParseQueue parses;
    private boolean reloadWhenDone;

    /** @param executor runs the catalog reads; never the FX thread */
    public LayerListView(TaskExecutor executor) {
        this.executor = executor;
        table.getStyleClass().add("layer-list");
        // All columns share a width change, none below its minimum: the name gives way, the others stay whole.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        // Its menu (the header's "+" button) shows the columns hidden by default, such as the ID.
        table.setTableMenuButtonVisible(true);
        table.getColumns().addAll(List.of(idColumn(), nameColumn(), datatypeColumn(), statusColumn(),
                tileCountColumn()));
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("layer-list-placeholder");
        table.setPlaceholder(placeholder);
        setPlaceholderText("No database", false);

        catalog.addListener((obs, old, now) -> {
            generation++;
            table.getItems().clear();
            loaded.set(false);
            error.set(null);
            if (now == null) {
                setPlaceholderText("No database", false);
            } else {
                setPlaceholderText("Loading layers…", false);
                refresh();
            }
        });
        autoRefresh.setCycleCount(Timeline.INDEFINITE);
    }

    public Node getView() {
        return table;
    }

    /** The table itself, for the window to bind selection and for tests to read what it shows. */
    public TableView<LayerSummary> table() {
        return table;
    }

    /** Where the layers come from; null while there is no database. */
    public ObjectProperty<LayerCatalog> catalogProperty() {
        return catalog;
    }

    /** The lines shown now. */
    public ObservableList<LayerSummary> layers() {
        return table.getItems();
    }

    public ReadOnlyObjectProperty<LayerSummary> selectedLayerProperty() {
        return table.getSelectionModel().selectedItemProperty();
    }

    /** Whether a reload runs now. */
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Whether the list shows the catalog's layers: true after the first successful load of the current catalog. */
    public ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    /** Why the last reload failed, null when it worked. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * Shows the progress of the queue's parses in the rows of their layers, and reloads when one ends so that the
     * row shows its stored status and tile count. A parse of a layer the list does not show yet reloads it too: a
     * dropped file's layer parses while the files dropped with it are still looked at, and its row comes with it.
     */
    public void showParses(ParseQueue queue) {
        parses = queue;
        queue.parses().addListener((MapChangeListener<Integer, QueuedParse>) change -> {
            table.refresh();
            if (change.wasAdded() && table.getItems().stream().noneMatch(l -> l.id() == change.getKey())) {
                refresh();
            }
        });
        queue.addFinishListener(parse -> refresh());
        table.refresh();
    }

    /** Shows a message where the rows would be, for example why there is no database. */
    public void setPlaceholderText(String text, boolean isError) {
        placeholder.setText(text);
        placeholder.getStyleClass().remove("error");
        if (isError) {
            placeholder.getStyleClass().add("error");
        }
    }

    /**
     * Reloads the layers in the background; call it on the FX thread. A call while a reload runs asks for one more reload after it, since
     * the running one may have read the database before the change the caller knows of.
     */
    public void refresh() {
        LayerCatalog source = catalog.get();
        if (source == null) {
            return;
        }
        if (running != null) {
            reloadWhenDone = true;
            return;
        }
        long requested = generation;
        running = BackgroundTask.of(source::list);
        loading.set(true);
        running.onSuccess(layers -> finished(requested, layers, null))
                .onFailure(failure -> finished(requested, null, failure))
                .executeWith(executor);
    }

    /** Reloads every {@code period} until {@link #stopAutoRefresh()}. */
    public void startAutoRefresh(Duration period) {
        autoRefresh.stop();
        autoRefresh.getKeyFrames().setAll(new KeyFrame(period, e -> refresh()));
        autoRefresh.play();
    }

    public void stopAutoRefresh() {
        autoRefresh.stop();
    }

    private void finished(long requested, List<LayerSummary> layers, Throwable failure) {
        running = null;
        loading.set(false);
        if (requested == generation) {
            if (failure == null) {
                show(layers);
                error.set(null);
                loaded.set(true);
                setPlaceholderText("No layers in this database", false);
            } else {
                String text = ErrorText.of(failure);
                // Auto refresh retries every few seconds while the database is away: log each new error once.
                if (!text.equals(error.get())) {
                    LOG.log(Level.INFO, "Reading the layer list failed", failure);
                }
                error.set(text);
                if (!loaded.get()) {
                    setPlaceholderText("Cannot read the layers: " + error.get(), true);
                }
            }
        }
        if (reloadWhenDone || requested != generation) {
            reloadWhenDone = false;
            refresh();
        }
    }

    private void show(List<LayerSummary> layers) {
        if (layers.equals(table.getItems())) {
            return;
        }
        LayerSummary selected = table.getSelectionModel().getSelectedItem();
        table.getItems().setAll(layers);
        if (selected != null) {
            for (LayerSummary layer : layers) {
                if (layer.id() == selected.id()) {
                    table.getSelectionModel().select(layer);
                    break;
                }
            }
        }
    }

    private static TableColumn<LayerSummary, Number> idColumn() {
        TableColumn<LayerSummary, Number> c = new TableColumn<>("ID");
        c.setCellValueFactory(f -> new SimpleObjectProperty<>(f.getValue().id()));
        c.setCellFactory(col -> rightAligned());
        fixed(c, fit("999"));
        // Shown from the table's menu: at the default size the name needs the room.
        c.setVisible(false);
        return c;
    }

    private static TableColumn<LayerSummary, String> nameColumn() {
        TableColumn<LayerSummary, String> c = new TableColumn<>("Name");
        c.setCellValueFactory(f -> new SimpleStringProperty(
                f.getValue().name() == null ? "" : f.getValue().name()));
        // The name gives way first: the other columns keep their texts whole.
        c.setMinWidth(fit("Name"));
        c.setPrefWidth(400);
        return c;
    }

    private static TableColumn<LayerSummary, String> datatypeColumn() {
        TableColumn<LayerSummary, String> c = new TableColumn<>("Datatype");
        c.setCellValueFactory(f -> new SimpleStringProperty(f.getValue().datatype().displayName()));
        fixed(c, fit(Arrays.stream(DataType.values()).map(DataType::displayName).toArray(String[]::new)));
        return c;
    }

    private TableColumn<LayerSummary, ParseStatus> statusColumn() {
        TableColumn<LayerSummary, ParseStatus> c = new TableColumn<>("Status");
        c.setCellValueFactory(f -> new SimpleObjectProperty<>(f.getValue().status()));
        c.setCellFactory(col -> new ParseStatusCell(id -> parses == null ? null : parses.find(id),
                id -> parses == null ? null : parses.unrecordedFailure(id)));
        fixed(c, fit(Arrays.stream(ParseStatus.values()).map(ParseStatus::displayText).toArray(String[]::new)));
        return c;
    }

    private static TableColumn<LayerSummary, Number> tileCountColumn() {
        TableColumn<LayerSummary, Number> c = new TableColumn<>("Tiles");
        c.setCellValueFactory(f -> new SimpleObjectProperty<>(f.getValue().tileCount()));
        c.setCellFactory(col -> rightAligned());
        fixed(c, fit("Tiles", "9,999,999"));
        return c;
    }

    /** A column as wide as its texts, no more, no less: the name's column takes the rest of the list's width. */
    private static void fixed(TableColumn<?, ?> column, double width) {
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width);
    }

    /** A column's width that shows the longest of these texts whole, in the default font, with a cell's padding. */
    static double fit(String... texts) {
        double widest = 0;
        for (String text : texts) {
            widest = Math.max(widest, new Text(text).getLayoutBounds().getWidth());
        }
        return Math.ceil(widest) + CELL_PADDING;
    }

    private static TableCell<LayerSummary, Number> rightAligned() {
        NumberFormat format = NumberFormat.getIntegerInstance();
        TableCell<LayerSummary, Number> cell = new TableCell<>() {
            @Override
            protected void updateItem(Number value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : format.format(value.longValue()));
            }
        };
        cell.setAlignment(Pos.CENTER_RIGHT);
        return cell;
    }
}
