package org.rasterdesk.basemap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The world's coastlines and country borders at one scale, each line once. Immutable; the shipped scales are read
 * once per process and shared.
 *
 * @param coastlines where land meets sea (edges of one country only), without the cuts along the antimeridian and
 *                   the south pole that close Antarctica and Russia as polygons
 * @param borders    where two countries meet
 */
public record Outlines(OutlineScale scale, List<Polyline> coastlines, List<Polyline> borders) {

    private static final Map<OutlineScale, Outlines> LOADED = new EnumMap<>(OutlineScale.class);

    public Outlines {
        coastlines = List.copyOf(coastlines);
        borders = List.copyOf(borders);
    }

    /** The shipped Natural Earth outlines at a scale (read from the program's resources on first use). */
    public static Outlines naturalEarth(OutlineScale scale) {
        synchronized (LOADED) {
            return LOADED.computeIfAbsent(scale, Outlines::load);
        }
    }

    private static Outlines load(OutlineScale scale) {
        try (InputStream in = Outlines.class.getResourceAsStream(scale.resource())) {
            if (in == null) {
                throw new IllegalStateException("the resource " + scale.resource() + " is missing from the program");
            }
            return TopoJsonOutlines.read(scale, in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + scale.resource() + ": " + e.getMessage(), e);
        }
    }
}
