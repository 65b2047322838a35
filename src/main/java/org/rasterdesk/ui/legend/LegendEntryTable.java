package org.rasterdesk.ui.legend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.rasterdesk.legend.LegendSemantics;

/**
 * The entries of the legend being edited: a table whose cells are always-open fields (semantics, expression,
 * colour, code), checked on every keystroke. A bad field is marked with the style class {@code invalid} and the
 * first problem is explained under the table, with a caret under the place in an expression where reading stopped.
 */
final class LegendEntryTable {

    private static final DataFormat ROW_INDEX = new DataFormat("application/x-rasterdesk-legend-entry-row");

    private final ObservableList<EntryRow> rows = FXCollections.observableArrayList(row -> new Observable[] {
        row.semanticsProperty(), row.semanticsDescriptionProperty(), row.expressionProperty(), row.colorProperty(),
        row.codeProperty(), row.expressionProblemProperty(), row.colorProblemProperty(),
        row.semanticsProblemProperty(), row.codeProblemProperty()});
    private final ObservableList<String> semanticsNames = FXCollections.observableArrayList();
    private Map<String, LegendSemantics> storedSemantics = Map.of();
    private final TableView<EntryRow> table = new TableView<>(rows);
    private final Label message = new Label();
    private final Label caret = new Label();
    private final TextField semanticsDescription = new TextField();
    private final Label semanticsDescriptionLabel = new Label("Meaning");
    private final BooleanBinding valid;
    private final VBox view;
    private EntryRow describedRow;

    LegendEntryTable() {
        table.setId("legend-entries");
        table.setEditable(false);
        table.setPlaceholder(new Label("No entries: Add entry makes one."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Semantics", 150, () -> new EntryCells.SemanticsCell(semanticsNames)));
        table.getColumns().add(column("Expression", 190, () -> new EntryCells.TextCell("entry-expression",
                EntryRow::expressionProperty, EntryRow::expressionProblemProperty)));
        table.getColumns().add(column("Colour", 160, EntryCells.ColorCell::new));
        table.getColumns().add(column("Code", 80, () -> new EntryCells.TextCell("entry-code", EntryRow::codeProperty,
                EntryRow::codeProblemProperty)));
        table.setRowFactory(t -> draggableRow());
        table.setFixedCellSize(32);

        Button add = button("Add entry", "add-entry");
        add.setOnAction(e -> addEntry());
        Button remove = button("Remove", "remove-entry");
        remove.setOnAction(e -> removeSelected());
        Button up = button("Move up", "move-entry-up");
        up.setOnAction(e -> moveSelected(-1));
        Button down = button("Move down", "move-entry-down");
        down.setOnAction(e -> moveSelected(1));
        var selected = table.getSelectionModel().selectedIndexProperty();
        remove.disableProperty().bind(selected.lessThan(0));
        up.disableProperty().bind(selected.lessThan(1));
        down.disableProperty().bind(selected.lessThan(0).or(selected.greaterThanOrEqualTo(
                Bindings.size(rows).subtract(1))));
        HBox buttons = new HBox(6, add, remove, up, down);
        buttons.setAlignment(Pos.CENTER_LEFT);

        semanticsDescription.setId("semantics-description");
        semanticsDescription.setPromptText("What the selected entry's semantics means (shared by every legend)");
        HBox.setHgrow(semanticsDescription, Priority.ALWAYS);
        semanticsDescriptionLabel.setMinWidth(Region.USE_PREF_SIZE);
        HBox describe = new HBox(6, semanticsDescriptionLabel, semanticsDescription);
        describe.setAlignment(Pos.CENTER_LEFT);
        describe.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        table.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> describe(now));

        message.setId("entry-problem");
        message.getStyleClass().addAll("field-message", "error");
        message.setWrapText(true);
        caret.setId("entry-problem-caret");
        caret.getStyleClass().addAll("field-message", "error", "expression-caret");
        for (Label label : List.of(message, caret)) {
            // Whole or not at all: a short editor squeezed the caret label to one line, the "^" cut off.
            label.setMinHeight(Region.USE_PREF_SIZE);
            label.managedProperty().bind(label.textProperty().isNotEmpty());
            label.visibleProperty().bind(label.textProperty().isNotEmpty());
        }
        valid = Bindings.createBooleanBinding(() -> rows.stream().allMatch(r -> r.problem() == null), rows);
        rows.addListener((javafx.collections.ListChangeListener<EntryRow>) c -> showProblem());

        VBox.setVgrow(table, Priority.ALWAYS);
        view = new VBox(6, table, message, caret, buttons, describe);
        view.setPadding(new Insets(0));
    }

    Node getView() {
        return view;
    }

    TableView<EntryRow> table() {
        return table;
    }

    ObservableList<EntryRow> rows() {
        return rows;
    }

    /** True while every field of every entry is valid. */
    BooleanBinding validProperty() {
        return valid;
    }

    /** The stored semantics the semantics cells offer, by name. */
    void setSemantics(Map<String, LegendSemantics> byName) {
        storedSemantics = Map.copyOf(byName);
        List<String> names = new ArrayList<>(byName.keySet());
        names.sort(String.CASE_INSENSITIVE_ORDER);
        semanticsNames.setAll(names);
    }

    void setRows(List<EntryRow> shown) {
        for (EntryRow row : shown) {
            track(row);
        }
        rows.setAll(shown);
        table.getSelectionModel().clearSelection();
        showProblem();
    }

    List<EntryRow.State> state() {
        return rows.stream().map(EntryRow::state).toList();
    }

    /** Adds an empty entry at the end (after the selected one if any) and selects it. */
    EntryRow addEntry() {
        EntryRow row = new EntryRow(null);
        track(row);
        int at = table.getSelectionModel().getSelectedIndex() + 1;
        if (at <= 0) {
            at = rows.size();
        }
        rows.add(at, row);
        table.getSelectionModel().clearAndSelect(at);
        table.scrollTo(at);
        return row;
    }

    void removeSelected() {
        int at = table.getSelectionModel().getSelectedIndex();
        if (at >= 0) {
            rows.remove(at);
            if (!rows.isEmpty()) {
                table.getSelectionModel().clearAndSelect(Math.min(at, rows.size() - 1));
            }
        }
    }

    /** Moves the selected entry by one place up (-1) or down (1); the order is django-raster's paint order. */
    void moveSelected(int by) {
        int at = table.getSelectionModel().getSelectedIndex();
        move(at, at + by);
    }

    void move(int from, int to) {
        if (from < 0 || from >= rows.size() || to < 0 || to >= rows.size() || from == to) {
            return;
        }
        EntryRow row = rows.remove(from);
        rows.add(to, row);
        table.getSelectionModel().clearAndSelect(to);
    }

    /** The first problem of the entries, as the label under the table shows it; "" when all are valid. */
    String problemText() {
        return message.getText();
    }

    /** The first problem in words, and for an expression the formula with a caret under the place. */
    static String[] describe(int index, EntryRow row, EntryRow.Problem problem) {
        String where = "Entry " + (index + 1) + ", " + problem.field();
        if (problem.position() < 0) {
            return new String[] {where + ": " + problem.message(), ""};
        }
        String expression = row.expressionProperty().get();
        int column = problem.position() + 1;
        return new String[] {
            where + ": " + expression + ": " + problem.message() + " at column " + column,
            expression + "\n" + " ".repeat(Math.max(0, problem.position())) + "^"};
    }

    private void showProblem() {
        for (int i = 0; i < rows.size(); i++) {
            EntryRow.Problem p = rows.get(i).problem();
            if (p != null) {
                String[] text = describe(i, rows.get(i), p);
                message.setText(text[0]);
                caret.setText(text[1]);
                return;
            }
        }
        message.setText("");
        caret.setText("");
    }

    /** Fills a row's semantics description from the stored semantics the name now refers to. */
    private void track(EntryRow row) {
        row.semanticsProperty().addListener((obs, was, now) -> {
            LegendSemantics stored = storedSemantics.get(now == null ? "" : now.strip());
            if (stored != null) {
                row.semanticsDescriptionProperty().set(stored.description() == null ? "" : stored.description());
            }
        });
    }

    private void describe(EntryRow row) {
        if (describedRow != null) {
            semanticsDescription.textProperty().unbindBidirectional(describedRow.semanticsDescriptionProperty());
        }
        describedRow = row;
        semanticsDescriptionLabel.textProperty().unbind();
        if (row == null) {
            semanticsDescription.setText("");
            semanticsDescriptionLabel.setText("Meaning");
            return;
        }
        semanticsDescription.textProperty().bindBidirectional(row.semanticsDescriptionProperty());
        semanticsDescriptionLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            String name = row.semanticsProperty().get().strip();
            return name.isEmpty() ? "Meaning" : "Meaning of " + name;
        }, row.semanticsProperty()));
    }

    private static Button button(String text, String id) {
        Button b = new Button(text);
        b.setId(id);
        return b;
    }

    private static TableColumn<EntryRow, EntryRow> column(String title, double width,
                                                          java.util.function.Supplier<TableCell<EntryRow, EntryRow>>
                                                                  cells) {
        TableColumn<EntryRow, EntryRow> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setReorderable(false);
        column.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        column.setCellFactory(c -> cells.get());
        return column;
    }

    /** Rows can be dragged by their edge (the fields take the clicks inside) to another place. */
    private TableRow<EntryRow> draggableRow() {
        TableRow<EntryRow> row = new TableRow<>();
        row.setOnDragDetected(e -> {
            if (!row.isEmpty()) {
                Dragboard board = row.startDragAndDrop(TransferMode.MOVE);
                ClipboardContent content = new ClipboardContent();
                content.put(ROW_INDEX, row.getIndex());
                board.setContent(content);
                e.consume();
            }
        });
        row.setOnDragOver(e -> {
            if (e.getDragboard().hasContent(ROW_INDEX)) {
                e.acceptTransferModes(TransferMode.MOVE);
                e.consume();
            }
        });
        row.setOnDragDropped(e -> {
            if (e.getDragboard().hasContent(ROW_INDEX)) {
                int from = (Integer) e.getDragboard().getContent(ROW_INDEX);
                int to = row.isEmpty() ? rows.size() - 1 : row.getIndex();
                move(from, to);
                e.setDropCompleted(true);
                e.consume();
            }
        });
        return row;
    }
}
