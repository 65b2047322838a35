package org.rasterdesk.legend;

import java.util.Objects;

/**
 * What a class of pixels means (urban, forest, warm, ...), shared by legend entries (raster_legendsemantics).
 *
 * @param id the primary key, null until stored
 */
public record LegendSemantics(Integer id, String name, String description, String keyword) {

    public LegendSemantics {
        Objects.requireNonNull(name, "name");
        if (name.length() > 50) {
            throw new IllegalArgumentException("semantics name is longer than 50 characters");
        }
        if (keyword != null && keyword.length() > 100) {
            throw new IllegalArgumentException("semantics keyword is longer than 100 characters");
        }
    }

    public static LegendSemantics create(String name) {
        return new LegendSemantics(null, name, null, null);
    }

    public LegendSemantics withId(Integer value) {
        return new LegendSemantics(value, name, description, keyword);
    }

    public LegendSemantics withName(String value) {
        return new LegendSemantics(id, value, description, keyword);
    }

    public LegendSemantics withDescription(String value) {
        return new LegendSemantics(id, name, value, keyword);
    }

    public LegendSemantics withKeyword(String value) {
        return new LegendSemantics(id, name, description, value);
    }
}
