package org.rasterdesk.ui.legend;

import java.util.Locale;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.paint.Color;
import org.rasterdesk.legend.EntryCondition;
import org.rasterdesk.legend.ExpressionException;
import org.rasterdesk.legend.LegendEntry;

/**
 * One legend entry as the editor's table holds it: the texts as typed, and what is wrong with them, kept up to
 * date on every keystroke.
 */
final class EntryRow {

    /** What is wrong with one field: the message and, for an expression, the 0-based offset it points at. */
    record Problem(String field, String message, int position) {
    }

    /** The texts of a row, to tell an edited form from the stored legend. */
    record State(Integer entryId, String semantics, String semanticsDescription, String expression, String color,
                 String code) {
    }

    private static final Pattern CSS_NAME = Pattern.compile("[A-Za-z]+");

    private final Integer entryId;
    private final StringProperty semantics = new SimpleStringProperty(this, "semantics", "");
    private final StringProperty semanticsDescription = new SimpleStringProperty(this, "semanticsDescription", "");
    private final StringProperty expression = new SimpleStringProperty(this, "expression", "");
    private final StringProperty color = new SimpleStringProperty(this, "color", "#000000");
    private final StringProperty code = new SimpleStringProperty(this, "code", "");
    private final ObjectBinding<Problem> expressionProblem;
    private final ObjectBinding<Problem> colorProblem;
    private final ObjectBinding<Problem> semanticsProblem;
    private final ObjectBinding<Problem> codeProblem;

    /** @param entryId the stored entry this row edits, null for a new one */
    EntryRow(Integer entryId) {
        this.entryId = entryId;
        expressionProblem = Bindings.createObjectBinding(() -> expressionProblem(expression.get()), expression);
        colorProblem = Bindings.createObjectBinding(() -> storedColor(color.get()) == null
                ? new Problem("colour", "not a colour: write #RRGGBB, #RGB or a CSS name such as teal", -1)
                : null, color);
        semanticsProblem = Bindings.createObjectBinding(() -> {
            String name = semantics.get().strip();
            if (name.isEmpty()) {
                return new Problem("semantics", "give the entry a semantics (what its pixels mean)", -1);
            }
            return name.length() > 50 ? new Problem("semantics", "semantics names have 50 characters at most", -1)
                    : null;
        }, semantics);
        codeProblem = Bindings.createObjectBinding(() -> code.get().length() > 100
                ? new Problem("code", "codes have 100 characters at most", -1) : null, code);
    }

    static EntryRow of(LegendEntry entry) {
        EntryRow row = new EntryRow(entry.id());
        row.semantics.set(entry.semantics().name());
        row.semanticsDescription.set(entry.semantics().description() == null ? ""
                : entry.semantics().description());
        row.expression.set(entry.expression());
        row.color.set(entry.color());
        row.code.set(entry.code());
        return row;
    }

    /** A copy that is not stored yet (for a duplicated legend). */
    EntryRow copyAsNew() {
        EntryRow row = new EntryRow(null);
        row.semantics.set(semantics.get());
        row.semanticsDescription.set(semanticsDescription.get());
        row.expression.set(expression.get());
        row.color.set(color.get());
        row.code.set(code.get());
        return row;
    }

    Integer entryId() {
        return entryId;
    }

    StringProperty semanticsProperty() {
        return semantics;
    }

    StringProperty semanticsDescriptionProperty() {
        return semanticsDescription;
    }

    StringProperty expressionProperty() {
        return expression;
    }

    StringProperty colorProperty() {
        return color;
    }

    StringProperty codeProperty() {
        return code;
    }

    ObjectBinding<Problem> expressionProblemProperty() {
        return expressionProblem;
    }

    ObjectBinding<Problem> colorProblemProperty() {
        return colorProblem;
    }

    ObjectBinding<Problem> semanticsProblemProperty() {
        return semanticsProblem;
    }

    ObjectBinding<Problem> codeProblemProperty() {
        return codeProblem;
    }

    /** The first problem of the row, in column order, or null. */
    Problem problem() {
        for (ObjectBinding<Problem> p : java.util.List.of(semanticsProblem, expressionProblem, colorProblem,
                codeProblem)) {
            if (p.get() != null) {
                return p.get();
            }
        }
        return null;
    }

    State state() {
        return new State(entryId, semantics.get(), semanticsDescription.get(), expression.get(), color.get(),
                code.get());
    }

    /**
     * The colour to store for a typed text: {@code #RRGGBB} and {@code #RGB} as typed (django-raster's field
     * takes both), a CSS colour name as {@code #rrggbb}, or null when the text is no colour.
     */
    static String storedColor(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (LegendEntry.isValidColor(t)) {
            return t;
        }
        if (CSS_NAME.matcher(t).matches()) {
            try {
                return hex(Color.web(t.toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", channel(c.getRed()), channel(c.getGreen()),
                channel(c.getBlue()));
    }

    private static int channel(double v) {
        return (int) Math.round(v * 255);
    }

    private static Problem expressionProblem(String text) {
        if (text.length() > 500) {
            return new Problem("expression", "expressions have 500 characters at most", 500);
        }
        try {
            EntryCondition.of(text);
            return null;
        } catch (ExpressionException e) {
            return new Problem("expression", e.reason(), e.position());
        } catch (IllegalArgumentException e) {
            return new Problem("expression", e.getMessage(), -1);
        }
    }
}
