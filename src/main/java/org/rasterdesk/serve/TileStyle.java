package org.rasterdesk.serve;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.render.Colormap;
import org.rasterdesk.render.ContinuousColormap;
import org.rasterdesk.render.DiscreteColormap;
import org.rasterdesk.render.LayerColormaps;
import org.rasterdesk.render.LayerRenderer;

/**
 * How a request wants tiles coloured, from django-raster's options in its order of precedence: {@code colormap}
 * (JSON), else {@code legend} (an id or title of the database), else the layer's own legend; then {@code entries}
 * (comma separated) keeps only the listed expressions of a discrete colormap. A ramp without range spans the
 * layer's band 0.
 *
 * @param parameter the colormap given in the request, or null
 * @param legend    the database legend asked for, or null
 * @param entries   the entry expressions to keep, or null for all
 * @param key       what the options come to, for cache keys and entity tags
 */
record TileStyle(ColormapParameter parameter, Legend legend, Set<String> entries, String key) {

    /** @throws HttpError 400 for unreadable options, 404 for an unknown legend */
    static TileStyle of(QueryParameters query, Catalog.Snapshot catalog) {
        Set<String> entries = query.get("entries")
                .map(e -> Set.copyOf(new LinkedHashSet<>(Arrays.asList(e.split(","))))).orElse(null);
        String entriesKey = query.canonical("entries");
        if (query.has("colormap")) {
            ColormapParameter parameter = ColormapParameter.parse(query.get("colormap").orElseThrow());
            return new TileStyle(parameter, null, entries, "colormap=" + parameter.canonical() + entriesKey);
        }
        if (query.has("legend")) {
            if (query.get("store").filter(s -> s.equals("session")).isPresent()) {
                throw HttpError.badRequest("store=session: legends kept in a web session exist only on a "
                        + "django-raster site; give a legend of the database");
            }
            Legend legend = catalog.legend(query.get("legend").orElseThrow());
            return new TileStyle(null, legend, entries, "legend=" + legend.id() + "@"
                    + catalog.legendVersion(legend.id()) + entriesKey);
        }
        return new TileStyle(null, null, entries, "own" + entriesKey);
    }

    /** The renderer of a layer in this style: the render command's own, or it with this style's colours. */
    LayerRenderer renderer(OpenedLayers layers, Catalog.LayerState layer, Catalog.Snapshot catalog) {
        OpenedLayers.OpenedLayer opened = legend == null ? layers.open(layer)
                : layers.open(layer, legend.id(), catalog.legendVersion(legend.id()));
        LayerRenderer renderer = opened.renderer();
        Colormap chosen = parameter == null ? renderer.colormap() : fromParameter(opened.opened().band());
        chosen = kept(chosen);
        return chosen == renderer.colormap() ? renderer : renderer.withColormap(chosen);
    }

    /**
     * The colours of raster algebra results, whose range is given (they have no band statistics), or empty when
     * the request names neither colormap nor legend.
     */
    Optional<Colormap> forValues(Catalog.Snapshot catalog, double min, double max) {
        Optional<BandMetadata> range = Optional.of(BandMetadata.of(0, 0, null, min, max, null, null));
        if (parameter != null) {
            return Optional.of(kept(fromParameter(range)));
        }
        if (legend != null) {
            return Optional.of(kept(LayerColormaps.choose(DataType.CONTINUOUS, Optional.of(legend),
                    Optional.ofNullable(catalog.styles().get(legend.id())), range)));
        }
        return Optional.empty();
    }

    private Colormap fromParameter(Optional<BandMetadata> band) {
        if (parameter.isContinuous()) {
            return ContinuousColormap.of(parameter.continuous(), band.map(BandMetadata::min).orElse(0.0),
                    band.map(BandMetadata::max).orElse(255.0));
        }
        return DiscreteColormap.of(parameter.entries());
    }

    private Colormap kept(Colormap colormap) {
        if (entries == null || !(colormap instanceof DiscreteColormap discrete)) {
            return colormap;
        }
        return DiscreteColormap.of(discrete.entries().stream()
                .filter(e -> entries.contains(e.condition().expression())).toList());
    }
}
