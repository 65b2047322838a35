package org.rasterdesk.legend;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A legend (raster_legend) with its entries.
 *
 * @param id       the primary key, null until stored
 * @param entries  the entries, by id as stored
 * @param json     django-raster's cache of the entries ({@link LegendJson}); null until an entry is saved, as in
 *                 django-raster; the repository rebuilds it, a value given here is ignored on save
 * @param modified when the legend was last saved, null until stored
 */
public record Legend(Integer id, String title, String description, List<LegendEntry> entries, String json,
                     Instant modified) {

    public Legend {
        Objects.requireNonNull(title, "title");
        if (title.length() > 200) {
            throw new IllegalArgumentException("legend title is longer than 200 characters");
        }
        entries = List.copyOf(entries);
    }

    public static Legend create(String title) {
        return new Legend(null, title, null, List.of(), null, null);
    }

    public Legend withTitle(String value) {
        return new Legend(id, value, description, entries, json, modified);
    }

    public Legend withDescription(String value) {
        return new Legend(id, title, value, entries, json, modified);
    }

    public Legend withEntries(List<LegendEntry> value) {
        return new Legend(id, title, description, value, json, modified);
    }
}
