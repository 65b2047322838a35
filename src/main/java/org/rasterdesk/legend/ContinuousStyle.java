package org.rasterdesk.legend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A continuous colour ramp for a legend: from → (over →) to, linear per channel over a value range.
 * Stored as the JSON of django-raster's {@code colormap} tile parameter
 * ({@code {"continuous": true, "from": "#000000", "to": "#ffffff", "over": "#ff0000", "range": [0, 9]}}), so the
 * same text works in a django-raster tile URL ({@code ?colormap=...}).
 *
 * @param from  ARGB colour of the range's minimum
 * @param to    ARGB colour of the range's maximum
 * @param over  ARGB colour of the middle, or null for a straight ramp
 * @param range {min, max}, or null for the band's min and max from the layer's metadata
 */
public record ContinuousStyle(int from, int to, Integer over, double[] range) {

    public ContinuousStyle {
        if (range != null) {
            if (range.length != 2 || !(range[0] <= range[1])) {
                throw new IllegalArgumentException("range must be [min, max] with min <= max");
            }
            range = range.clone();
        }
    }

    public static ContinuousStyle of(String from, String to) {
        return new ContinuousStyle(CssColor.parse(from), CssColor.parse(to), null, null);
    }

    public ContinuousStyle withOver(String color) {
        return new ContinuousStyle(from, to, color == null ? null : CssColor.parse(color), range);
    }

    public ContinuousStyle withRange(double min, double max) {
        return new ContinuousStyle(from, to, over, new double[] {min, max});
    }

    /** django-raster's colormap JSON of this style. */
    public String toJson() {
        StringBuilder out = new StringBuilder("{\"continuous\": true, \"from\": \"").append(CssColor.format(from))
                .append("\", \"to\": \"").append(CssColor.format(to)).append('"');
        if (over != null) {
            out.append(", \"over\": \"").append(CssColor.format(over)).append('"');
        }
        if (range != null) {
            out.append(", \"range\": [").append(number(range[0])).append(", ").append(number(range[1])).append(']');
        }
        return out.append('}').toString();
    }

    /**
     * Reads django-raster's colormap JSON with "continuous" set; colours are hex strings or [r, g, b(, a)] lists.
     * A missing from/to is black/white, as in django-raster's defaults.
     *
     * @throws IllegalArgumentException when the text is not such a colormap
     */
    public static ContinuousStyle fromJson(String json) {
        JsonNode map = JsonText.read(json, "colormap json");
        if (!map.isObject() || !map.has("continuous")) {
            throw new IllegalArgumentException("not a continuous colormap: " + json);
        }
        int from = map.has("from") ? color(map.get("from")) : 0xFF000000;
        int to = map.has("to") ? color(map.get("to")) : 0xFFFFFFFF;
        Integer over = present(map, "over") ? color(map.get("over")) : null;
        double[] range = null;
        if (present(map, "range")) {
            JsonNode list = map.get("range");
            if (!list.isArray() || list.size() != 2) {
                throw new IllegalArgumentException("range must have two numbers: " + json);
            }
            range = new double[] {toDouble(list.get(0)), toDouble(list.get(1))};
        }
        return new ContinuousStyle(from, to, over, range);
    }

    private static boolean present(JsonNode map, String key) {
        return map.has(key) && !map.get(key).isNull();
    }

    private static int color(JsonNode value) {
        if (value.isTextual()) {
            return CssColor.parse(value.textValue());
        }
        if (value.isArray() && (value.size() == 3 || value.size() == 4)) {
            int[] c = new int[4];
            c[3] = 255;
            for (int i = 0; i < value.size(); i++) {
                c[i] = (int) Math.max(0, Math.min(255, toDouble(value.get(i))));
            }
            return CssColor.argb(c[0], c[1], c[2], c[3]);
        }
        throw new IllegalArgumentException("not a colour: " + value);
    }

    private static double toDouble(JsonNode value) {
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            return Double.parseDouble(value.textValue().strip());
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v)
                .toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContinuousStyle s && from == s.from && to == s.to && java.util.Objects.equals(over, s.over)
                && java.util.Arrays.equals(range, s.range);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(from, to, over, java.util.Arrays.hashCode(range));
    }

    @Override
    public String toString() {
        return toJson();
    }
}
