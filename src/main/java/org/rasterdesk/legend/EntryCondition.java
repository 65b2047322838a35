package org.rasterdesk.legend;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Which pixels a legend entry's expression selects, read as django-raster reads it: an expression that Python's
 * {@code float()} accepts ("3", " 2.5 ", "-1e3", "inf") selects the pixels equal to that number; anything else is
 * a formula in x that selects the pixels where it is true. No-data pixels (NaN) match a number never, a formula
 * only through {@code x == NULL}.
 */
public final class EntryCondition {

    /** Python's float() syntax (without the digit separators '_' that nobody writes in a legend). */
    private static final Pattern PYTHON_FLOAT = Pattern.compile(
            "\\s*[+-]?(((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?)|inf|infinity|nan)\\s*", Pattern.CASE_INSENSITIVE);

    private final String expression;
    private final double value;
    private final Expression formula;

    private EntryCondition(String expression, double value, Expression formula) {
        this.expression = expression;
        this.value = value;
        this.formula = formula;
    }

    /**
     * The condition of an entry expression.
     *
     * @throws ExpressionException when it is neither a number nor a valid formula
     */
    public static EntryCondition of(String expression) {
        OptionalDouble number = pythonFloat(expression);
        if (number.isPresent()) {
            return new EntryCondition(expression, number.getAsDouble(), null);
        }
        return new EntryCondition(expression, Double.NaN, Expression.parse(expression));
    }

    /** The number Python's float() reads from the text, if it reads one. */
    public static OptionalDouble pythonFloat(String text) {
        if (text == null || !PYTHON_FLOAT.matcher(text).matches()) {
            return OptionalDouble.empty();
        }
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        String unsigned = t.startsWith("+") || t.startsWith("-") ? t.substring(1) : t;
        double sign = t.startsWith("-") ? -1 : 1;
        if (unsigned.startsWith("inf")) {
            return OptionalDouble.of(sign * Double.POSITIVE_INFINITY);
        }
        if (unsigned.equals("nan")) {
            return OptionalDouble.of(Double.NaN);
        }
        return OptionalDouble.of(Double.parseDouble(t));
    }

    /** The entry's expression as written. */
    public String expression() {
        return expression;
    }

    /** The number the entry matches, or empty for a formula. */
    public OptionalDouble value() {
        return formula == null ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** Whether the pixel value (NaN for no data) matches; formulas with tile aggregates see this value alone. */
    public boolean matches(double x) {
        return formula == null ? x == value : formula.test(x);
    }

    /** Sets {@code matched[i]} where {@code x[i]} (NaN for no data) matches, aggregates taken over the tile. */
    public void match(double[] x, boolean[] matched) {
        if (formula == null) {
            double v = value;
            for (int i = 0; i < x.length; i++) {
                matched[i] = x[i] == v;
            }
        } else {
            formula.test(x, matched);
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
