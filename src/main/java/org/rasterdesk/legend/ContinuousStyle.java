package org.rasterdesk.legend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        Map<String, Object> map = new SimpleJson(json).object();
        if (!map.containsKey("continuous")) {
            throw new IllegalArgumentException("not a continuous colormap: " + json);
        }
        int from = map.containsKey("from") ? color(map.get("from")) : 0xFF000000;
        int to = map.containsKey("to") ? color(map.get("to")) : 0xFFFFFFFF;
        Integer over = map.get("over") == null ? null : color(map.get("over"));
        double[] range = null;
        if (map.get("range") != null) {
            List<?> list = (List<?>) map.get("range");
            if (list.size() != 2) {
                throw new IllegalArgumentException("range must have two numbers: " + json);
            }
            range = new double[] {toDouble(list.get(0)), toDouble(list.get(1))};
        }
        return new ContinuousStyle(from, to, over, range);
    }

    private static int color(Object value) {
        if (value instanceof String s) {
            return CssColor.parse(s);
        }
        if (value instanceof List<?> list && (list.size() == 3 || list.size() == 4)) {
            int[] c = new int[4];
            c[3] = 255;
            for (int i = 0; i < list.size(); i++) {
                c[i] = (int) Math.max(0, Math.min(255, toDouble(list.get(i))));
            }
            return CssColor.argb(c[0], c[1], c[2], c[3]);
        }
        throw new IllegalArgumentException("not a colour: " + value);
    }

    private static double toDouble(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof String s) {
            return Double.parseDouble(s.strip());
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

    /** Just enough JSON for a colormap: objects, arrays, strings, numbers, true/false/null. */
    private static final class SimpleJson {
        private final String s;
        private int pos;

        SimpleJson(String s) {
            this.s = s == null ? "" : s;
        }

        Map<String, Object> object() {
            Object v = value();
            skip();
            if (pos != s.length() || !(v instanceof Map)) {
                throw error("expected one object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) v;
            return map;
        }

        private Object value() {
            skip();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                if (!accept('}')) {
                    do {
                        skip();
                        Object key = value();
                        if (!(key instanceof String k)) {
                            throw error("expected a key");
                        }
                        if (!accept(':')) {
                            throw error("expected ':'");
                        }
                        map.put(k, value());
                    } while (accept(','));
                    if (!accept('}')) {
                        throw error("expected '}'");
                    }
                }
                return map;
            }
            if (c == '[') {
                pos++;
                List<Object> list = new ArrayList<>();
                if (!accept(']')) {
                    do {
                        list.add(value());
                    } while (accept(','));
                    if (!accept(']')) {
                        throw error("expected ']'");
                    }
                }
                return list;
            }
            if (c == '"') {
                int end = s.indexOf('"', pos + 1);
                if (end < 0) {
                    throw error("unterminated string");
                }
                String text = s.substring(pos + 1, end);
                pos = end + 1;
                return text;
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, pos)) {
                    pos += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            int start = pos;
            while (pos < s.length() && "+-.0123456789eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return Double.parseDouble(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("unexpected character");
            }
        }

        private boolean accept(char c) {
            skip();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("Invalid colormap json at " + pos + ": " + what);
        }
    }
}
