package org.rasterdesk.ui.inspector;

import java.util.List;
import java.util.Locale;
import org.rasterdesk.raster.pixel.PixelType;

/**
 * What the layer form accepts in its fields, and the sentence that explains a value it does not; numbers read as
 * django-raster's Python reads them. A null problem is an acceptable value.
 */
final class LayerFieldRules {

    static final int MAX_ZOOM_LIMIT = 24;

    private LayerFieldRules() {
    }

    static String nameProblem(String name) {
        int length = name == null ? 0 : name.length();
        return length > LayerRecords.MAX_NAME_LENGTH
                ? "At most " + LayerRecords.MAX_NAME_LENGTH + " characters (now " + length + ")." : null;
    }

    /** Blank is "the zoom the pixel size asks for". */
    static String maxZoomProblem(String text) {
        if (text.isBlank()) {
            return null;
        }
        Integer zoom = integerOrNull(text);
        return zoom == null || zoom < 0 || zoom > MAX_ZOOM_LIMIT
                ? "A whole number from 0 to " + MAX_ZOOM_LIMIT + ", or blank for the zoom the pixel size asks for."
                : null;
    }

    /** Blank is "as detected"; a value must fit every band's pixel type. */
    static String nodataProblem(String text, List<PixelType> bands) {
        if (text.isBlank()) {
            return null;
        }
        Double parsed = parseNumber(text);
        if (parsed == null) {
            return "Not a number.";
        }
        double value = parsed;
        for (PixelType type : bands) {
            if (!type.canHold(value)) {
                return number(value) + " does not fit the band's " + type.gdalName() + " pixels ("
                        + (type.isFloatingPoint() ? "a floating point number"
                        : "a whole number from " + number(type.min()) + " to " + number(type.max())) + ").";
            }
        }
        return null;
    }

    /** The form of an SRID, before the EPSG database is asked: blank, or a positive whole number. */
    static String sridFormProblem(String text) {
        if (text.isBlank()) {
            return null;
        }
        Integer code = integerOrNull(text);
        return code == null || code <= 0 ? "An EPSG code: a positive whole number such as 4326." : null;
    }

    /** A whole number, or null for blank; call it on text its rule accepted. */
    static Integer integer(String text) {
        return text == null || text.isBlank() ? null : Integer.valueOf(text.strip());
    }

    static Integer integerOrNull(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A number as django-raster reads the field, with Python's float(): decimal notation, "nan" and "inf" too;
     * null for anything else (Java's own hex and "1f" forms are no numbers there).
     */
    static Double parseNumber(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        double sign = t.startsWith("-") ? -1 : 1;
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(t);
    }

    /** A number as people write it: 255, not 255.0. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
