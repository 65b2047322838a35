package org.rasterdesk.serve;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.CssColor;
import org.rasterdesk.legend.EntryCondition;
import org.rasterdesk.legend.ExpressionException;
import org.rasterdesk.render.DiscreteColormap;

/**
 * django-raster's {@code colormap} query parameter: JSON of a continuous ramp
 * ({@code {"continuous": true, "from": "#000", "to": "#fff", "over": ..., "range": [0, 9]}}) or of expression →
 * colour pairs ({@code {"1": "#ff0000", "x > 3": [0, 0, 255, 255]}}), colours as hex text or [r, g, b(, a)].
 * Read a little more leniently than django-raster's json.loads: single quotes and unquoted keys, as in
 * django-raster's own documentation, are accepted.
 *
 * @param continuous the ramp, or null for a discrete colormap
 * @param entries    the entries in the order given, empty for a ramp
 * @param canonical  the JSON written back compactly: the same colormap gives the same text (a cache key)
 */
record ColormapParameter(ContinuousStyle continuous, List<DiscreteColormap.Entry> entries, String canonical) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

    /** @throws HttpError 400 naming what cannot be read */
    static ColormapParameter parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw HttpError.badRequest("colormap is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw HttpError.badRequest("colormap must be a JSON object");
        }
        String canonical = root.toString();
        if (root.has("continuous")) {
            return new ColormapParameter(continuous(root), List.of(), canonical);
        }
        List<DiscreteColormap.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            EntryCondition condition;
            try {
                condition = EntryCondition.of(field.getKey());
            } catch (ExpressionException e) {
                throw HttpError.badRequest("colormap entry '" + field.getKey() + "': " + e.getMessage());
            }
            entries.add(new DiscreteColormap.Entry(condition, color(field.getKey(), field.getValue())));
        }
        if (entries.isEmpty()) {
            throw HttpError.badRequest("colormap has no entries");
        }
        return new ColormapParameter(null, entries, canonical);
    }

    boolean isContinuous() {
        return continuous != null;
    }

    private static ContinuousStyle continuous(JsonNode root) {
        int from = root.has("from") ? color("from", root.get("from")) : 0xFF000000;
        int to = root.has("to") ? color("to", root.get("to")) : 0xFFFFFFFF;
        Integer over = root.hasNonNull("over") ? color("over", root.get("over")) : null;
        double[] range = null;
        JsonNode r = root.get("range");
        if (r != null && !r.isNull()) {
            if (!r.isArray() || r.size() != 2) {
                throw HttpError.badRequest("colormap range must be [min, max]");
            }
            range = new double[] {number("range", r.get(0)), number("range", r.get(1))};
            if (!(range[0] <= range[1])) {
                throw HttpError.badRequest("colormap range [" + range[0] + ", " + range[1] + "] is empty");
            }
        }
        return new ContinuousStyle(from, to, over, range);
    }

    private static int color(String what, JsonNode value) {
        if (value.isTextual()) {
            try {
                return CssColor.parse(value.asText());
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("colormap " + what + ": " + e.getMessage());
            }
        }
        if (value.isArray() && (value.size() == 3 || value.size() == 4)) {
            int[] c = {0, 0, 0, 255};
            for (int i = 0; i < value.size(); i++) {
                double v = number(what, value.get(i));
                if (!(v >= 0 && v <= 255)) {
                    throw HttpError.badRequest("colormap " + what + ": channel " + v + " is outside 0..255");
                }
                c[i] = (int) v;
            }
            return CssColor.argb(c[0], c[1], c[2], c[3]);
        }
        throw HttpError.badRequest("colormap " + what + ": a colour is \"#rrggbb\" or [r, g, b] or [r, g, b, a]");
    }

    private static double number(String what, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            // django-raster applies float() to the range, so "1.5" is a number there too.
            try {
                return Double.parseDouble(value.asText().strip());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw HttpError.badRequest("colormap " + what + ": '" + value + "' is not a number");
    }
}
