package org.rasterdesk.ui.legend;

import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;

/**
 * The cells of the legend entry table: always-open fields bound to their row, marked {@code invalid} while the
 * row says the field is wrong.
 */
final class EntryCells {

    private EntryCells() {
    }

    /** A cell that shows an always-open field bound to its row, and selects the row when the field has focus. */
    abstract static class RowCell extends TableCell<EntryRow, EntryRow> {
        private EntryRow bound;
        private final Node control;

        RowCell(Node control) {
            this.control = control;
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            // focusWithin alone also fires for the list cells inside a combo box, which only look focused.
            control.focusWithinProperty().addListener((obs, was, now) -> {
                if (now && getTableView() != null && !isEmpty() && holdsFocusOwner()) {
                    getTableView().getSelectionModel().clearAndSelect(getIndex());
                }
            });
        }

        abstract void attach(EntryRow row);

        private boolean holdsFocusOwner() {
            Node owner = getScene() == null ? null : getScene().getFocusOwner();
            for (Node n = owner; n != null; n = n.getParent()) {
                if (n == control) {
                    return true;
                }
            }
            return false;
        }

        abstract void detach(EntryRow row);

        void mark(Node field, boolean invalid) {
            for (Node n : List.of(field, this)) {
                if (invalid && !n.getStyleClass().contains("invalid")) {
                    n.getStyleClass().add("invalid");
                } else if (!invalid) {
                    n.getStyleClass().remove("invalid");
                }
            }
        }

        @Override
        protected void updateItem(EntryRow row, boolean empty) {
            super.updateItem(row, empty);
            if (row == bound && !empty) {
                return;
            }
            if (bound != null) {
                detach(bound);
                bound = null;
            }
            if (empty || row == null) {
                setGraphic(null);
            } else {
                attach(row);
                bound = row;
                setGraphic(control);
            }
        }
    }

    /** A text field for one property of the row, marked while the row says it is wrong. */
    static final class TextCell extends RowCell {
        private final TextField field;
        private final Function<EntryRow, StringProperty> property;
        private final Function<EntryRow, ObjectBinding<EntryRow.Problem>> problem;
        private final ChangeListener<EntryRow.Problem> marker = (obs, was, now) -> markField(now != null);

        TextCell(String styleClass, Function<EntryRow, StringProperty> property,
                 Function<EntryRow, ObjectBinding<EntryRow.Problem>> problem) {
            this(new TextField(), styleClass, property, problem);
        }

        private TextCell(TextField field, String styleClass, Function<EntryRow, StringProperty> property,
                         Function<EntryRow, ObjectBinding<EntryRow.Problem>> problem) {
            super(field);
            this.field = field;
            this.property = property;
            this.problem = problem;
            field.getStyleClass().add(styleClass);
        }

        private void markField(boolean invalid) {
            mark(field, invalid);
        }

        @Override
        void attach(EntryRow row) {
            field.textProperty().bindBidirectional(property.apply(row));
            problem.apply(row).addListener(marker);
            markField(problem.apply(row).get() != null);
        }

        @Override
        void detach(EntryRow row) {
            field.textProperty().unbindBidirectional(property.apply(row));
            problem.apply(row).removeListener(marker);
            markField(false);
        }
    }

    /** An editable choice of the stored semantics; a new name makes a new semantics when the legend is saved. */
    static final class SemanticsCell extends RowCell {
        private final ComboBox<String> combo;
        private final ChangeListener<EntryRow.Problem> marker;
        private EntryRow row;

        SemanticsCell(ObservableList<String> semanticsNames) {
            this(new ComboBox<>(semanticsNames));
        }

        private SemanticsCell(ComboBox<String> combo) {
            super(combo);
            this.combo = combo;
            marker = (obs, was, now) -> mark(combo, now != null);
            combo.setEditable(true);
            combo.setMaxWidth(Double.MAX_VALUE);
            combo.getStyleClass().add("entry-semantics");
            combo.valueProperty().addListener((obs, was, now) -> {
                if (row != null && now != null && !now.equals(row.semanticsProperty().get())) {
                    row.semanticsProperty().set(now);
                }
            });
        }

        @Override
        void attach(EntryRow shown) {
            combo.setValue(shown.semanticsProperty().get());
            combo.getEditor().setText(shown.semanticsProperty().get());
            row = shown;
            combo.getEditor().textProperty().bindBidirectional(shown.semanticsProperty());
            shown.semanticsProblemProperty().addListener(marker);
            mark(combo, shown.semanticsProblemProperty().get() != null);
        }

        @Override
        void detach(EntryRow shown) {
            combo.getEditor().textProperty().unbindBidirectional(shown.semanticsProperty());
            shown.semanticsProblemProperty().removeListener(marker);
            row = null;
        }
    }

    /** A colour picker beside the colour as text: picking writes #rrggbb, typing (#RGB, a name) moves the picker. */
    static final class ColorCell extends RowCell {
        private final ColorPicker picker;
        private final TextField text;
        private final ChangeListener<EntryRow.Problem> marker;
        private final ChangeListener<String> typed = (obs, was, now) -> follow(now);
        private EntryRow row;
        private boolean following;

        ColorCell() {
            this(new ColorPicker(), new TextField());
        }

        private ColorCell(ColorPicker picker, TextField text) {
            super(new HBox(4, picker, text));
            this.picker = picker;
            this.text = text;
            marker = (obs, was, now) -> mark(text, now != null);
            picker.getStyleClass().addAll("entry-color", "button", "swatch-picker");
            picker.setMinWidth(44);
            picker.setPrefWidth(44);
            text.getStyleClass().add("entry-color-text");
            text.setPrefColumnCount(7);
            HBox.setHgrow(text, Priority.ALWAYS);
            picker.valueProperty().addListener((obs, was, now) -> {
                if (following || row == null || now == null) {
                    return;
                }
                String current = EntryRow.storedColor(row.colorProperty().get());
                // The typed form (#F00, red) stays as long as it names the picked colour.
                if (current == null || !Color.web(current).equals(now)) {
                    row.colorProperty().set(EntryRow.hex(now));
                }
            });
        }

        private void follow(String typedText) {
            String color = EntryRow.storedColor(typedText);
            if (color != null) {
                following = true;
                try {
                    picker.setValue(Color.web(color));
                } finally {
                    following = false;
                }
            }
        }

        @Override
        void attach(EntryRow shown) {
            row = shown;
            text.textProperty().bindBidirectional(shown.colorProperty());
            shown.colorProperty().addListener(typed);
            follow(shown.colorProperty().get());
            shown.colorProblemProperty().addListener(marker);
            mark(text, shown.colorProblemProperty().get() != null);
        }

        @Override
        void detach(EntryRow shown) {
            text.textProperty().unbindBidirectional(shown.colorProperty());
            shown.colorProperty().removeListener(typed);
            shown.colorProblemProperty().removeListener(marker);
            row = null;
        }
    }
}
