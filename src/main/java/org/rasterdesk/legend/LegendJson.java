package org.rasterdesk.legend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The json cache of a legend (raster_legend.json) exactly as django-raster's {@code Legend.update_json()} writes
 * it: a list of {@code {"name", "expression", "code", "color"}} sorted by code then name, in the text form of
 * Python's {@code json.dumps} defaults (", " and ": " separators, non-ASCII escaped as lower-case \\uXXXX).
 * Byte-for-byte equality matters: a django-raster site compares and serves this text. It is written here, not
 * through Jackson, which would need a custom pretty printer for Python's separators and an escape table for its
 * lower-case {@code \\u} escapes: more code than the writer. Reading goes through Jackson.
 */
public final class LegendJson {

    /** One element of the list. */
    public record Item(String name, String expression, String code, String color) {

        static Item of(LegendEntry entry) {
            return new Item(entry.semantics().name(), entry.expression(), entry.code(), entry.color());
        }
    }

    /** Python compares str by code point; Java's String.compareTo by UTF-16 unit, which differs above U+FFFF. */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private LegendJson() {
    }

    /** The json of a legend with these entries, sorted as django-raster sorts them. */
    public static String of(List<LegendEntry> entries) {
        List<Item> items = new ArrayList<>(entries.size());
        for (LegendEntry entry : entries) {
            items.add(Item.of(entry));
        }
        return write(sorted(items));
    }

    /**
     * django-raster's {@code sorted(sorted(data, key=name), key=code)}: both sorts are stable, so the result is by
     * code, then by name, then in the original order.
     */
    public static List<Item> sorted(List<Item> items) {
        List<Item> list = new ArrayList<>(items);
        list.sort(Comparator.comparing(Item::name, CODE_POINT_ORDER));
        list.sort(Comparator.comparing(Item::code, CODE_POINT_ORDER));
        return list;
    }

    /** The items in {@code json.dumps} form, in the given order. */
    public static String write(List<Item> items) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (i > 0) {
                out.append(", ");
            }
            out.append("{\"name\": ");
            string(out, item.name());
            out.append(", \"expression\": ");
            string(out, item.expression());
            out.append(", \"code\": ");
            string(out, item.code());
            out.append(", \"color\": ");
            string(out, item.color());
            out.append('}');
        }
        return out.append(']').toString();
    }

    /** Python's json string encoding with ensure_ascii: only printable ASCII stays as it is. */
    private static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c >= 0x20 && c <= 0x7E) {
                        out.append(c);
                    } else {
                        // UTF-16 units: a character above U+FFFF comes out as its surrogate pair, as in Python.
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Reads a legend json: a list of objects whose values are strings (or null). Keys other than the four are
     * ignored, missing ones read as null.
     *
     * @throws IllegalArgumentException when the text is not such a list
     */
    public static List<Item> parse(String json) {
        JsonNode root = JsonText.read(json, "legend json");
        if (!root.isArray()) {
            throw new IllegalArgumentException("Invalid legend json: not a list");
        }
        List<Item> items = new ArrayList<>(root.size());
        for (JsonNode item : root) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("Invalid legend json: an element is not an object");
            }
            items.add(new Item(JsonText.string(item, "name", "legend json"),
                    JsonText.string(item, "expression", "legend json"), JsonText.string(item, "code", "legend json"),
                    JsonText.string(item, "color", "legend json")));
        }
        return items;
    }
}
