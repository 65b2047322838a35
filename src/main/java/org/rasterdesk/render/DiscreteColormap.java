package org.rasterdesk.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rasterdesk.legend.CssColor;
import org.rasterdesk.legend.EntryCondition;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendJson;

/**
 * Colours by legend entries, as django-raster's discrete colormap: each entry in order paints the pixels it
 * matches (a number by equality, a formula where true), so later entries win; other pixels stay transparent.
 * Each entry's count is the number of pixels it matched, painted over later or not.
 */
public final class DiscreteColormap implements Colormap {

    /** One entry: which pixels, which colour (ARGB). */
    public record Entry(EntryCondition condition, int argb) {
    }

    private final List<Entry> entries;
    private final List<String> problems;

    private DiscreteColormap(List<Entry> entries, List<String> problems) {
        this.entries = List.copyOf(entries);
        this.problems = List.copyOf(problems);
    }

    public static DiscreteColormap of(List<Entry> entries) {
        return new DiscreteColormap(entries, List.of());
    }

    /**
     * The colormap of expression → colour pairs in order. As in a Python dict, a repeated expression keeps its first
     * place and takes its last colour. Entries whose expression or colour cannot be read are left out and described
     * in {@link #problems()}.
     */
    public static DiscreteColormap of(Map<String, String> expressionColors) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        expressionColors.forEach((expression, color) -> {
            try {
                entries.add(new Entry(EntryCondition.of(expression), CssColor.parse(color)));
            } catch (IllegalArgumentException e) {
                problems.add("legend entry '" + expression + "': " + e.getMessage());
            }
        });
        return new DiscreteColormap(entries, problems);
    }

    /**
     * A legend's colormap, in the order a django-raster site uses: its stored json (sorted by code, then name), or
     * its entries sorted the same way when the json is missing.
     */
    public static DiscreteColormap of(Legend legend) {
        List<LegendJson.Item> items;
        if (legend.json() != null) {
            items = LegendJson.parse(legend.json());
        } else {
            List<LegendJson.Item> list = new ArrayList<>();
            for (LegendEntry e : legend.entries()) {
                list.add(new LegendJson.Item(e.semantics().name(), e.expression(), e.code(), e.color()));
            }
            items = LegendJson.sorted(list);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (LegendJson.Item item : items) {
            map.put(item.expression(), item.color());
        }
        return of(map);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries left out because they could not be read, one message each. */
    public List<String> problems() {
        return problems;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public Map<String, Integer> paint(double[] values, int[] argb) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        boolean[] matched = new boolean[values.length];
        for (Entry entry : entries) {
            entry.condition().match(values, matched);
            int color = entry.argb();
            int count = 0;
            for (int i = 0; i < values.length; i++) {
                if (matched[i]) {
                    argb[i] = color;
                    count++;
                }
            }
            counts.put(entry.condition().expression(), count);
        }
        return counts;
    }
}
