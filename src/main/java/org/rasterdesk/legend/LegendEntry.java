package org.rasterdesk.legend;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of a legend (raster_legendentry): pixels matching the expression get the colour.
 *
 * @param id         the primary key, null until stored
 * @param legendId   the legend it belongs to, null for an entry of no legend (or not yet stored)
 * @param semantics  what the pixels mean; must be stored (have an id) before the entry is
 * @param expression a number, or a formula in {@code x} such as {@code (x > 3) & (x < 5)}; up to 500 characters
 * @param color      {@code #RRGGBB} (or {@code #RGB}); checked when saved, not here, so
 *                   that a database django-raster filled can always be read
 * @param code       a free code of up to 100 characters, '' by default
 */
public record LegendEntry(Integer id, Integer legendId, LegendSemantics semantics, String expression, String color,
                          String code) {

    private static final Pattern COLOR = Pattern.compile("#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})");

    public LegendEntry {
        Objects.requireNonNull(semantics, "semantics");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(color, "color");
        code = code == null ? "" : code;
        if (expression.length() > 500) {
            throw new IllegalArgumentException("expression is longer than 500 characters");
        }
        if (color.length() > 7) {
            throw new IllegalArgumentException("colour is longer than 7 characters: " + color);
        }
        if (code.length() > 100) {
            throw new IllegalArgumentException("code is longer than 100 characters");
        }
    }

    /**
     * Whether a colour is {@code #RRGGBB} or {@code #RGB}. Stricter than django-colorful's field, which also takes
     * the digits without '#' and a few non-hex characters through a loose regex; renderers expect the '#'.
     */
    public static boolean isValidColor(String color) {
        return color != null && COLOR.matcher(color).matches();
    }

    /** A new entry, not yet stored nor in a legend. */
    public static LegendEntry create(LegendSemantics semantics, String expression, String color, String code) {
        return new LegendEntry(null, null, semantics, expression, color, code);
    }

    public LegendEntry withId(Integer value) {
        return new LegendEntry(value, legendId, semantics, expression, color, code);
    }

    public LegendEntry withLegendId(Integer value) {
        return new LegendEntry(id, value, semantics, expression, color, code);
    }

    public LegendEntry withSemantics(LegendSemantics value) {
        return new LegendEntry(id, legendId, value, expression, color, code);
    }

    public LegendEntry withExpression(String value) {
        return new LegendEntry(id, legendId, semantics, value, color, code);
    }

    public LegendEntry withColor(String value) {
        return new LegendEntry(id, legendId, semantics, expression, value, code);
    }

    public LegendEntry withCode(String value) {
        return new LegendEntry(id, legendId, semantics, expression, color, value);
    }
}
