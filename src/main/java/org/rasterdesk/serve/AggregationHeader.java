package org.rasterdesk.serve;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;

/**
 * django-raster's {@code aggregation} response header: the pixels each colormap entry matched in the tile, as
 * Python's json.dumps writes the dict ({@code {"1": 301, "x > 3": 12}}); {@code {}} for a ramp.
 */
final class AggregationHeader {

    static final String NAME = "aggregation";

    private AggregationHeader() {
    }

    static String of(Map<String, Integer> counts) {
        StringBuilder json = new StringBuilder("{");
        counts.forEach((expression, count) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(expression)).append("\": ")
                    .append(count);
        });
        // Header values are ASCII: anything else in an expression is escaped as json.dumps does by default.
        return ascii(json.append('}').toString());
    }

    private static String ascii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
