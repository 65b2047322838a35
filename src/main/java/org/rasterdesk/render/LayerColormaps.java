package org.rasterdesk.render;

import java.util.List;
import java.util.Optional;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;

/**
 * Chooses the colormap of a layer: the legend's continuous style, else its entries, else a default by datatype —
 * a grey ramp over the band's range (continuous), a distinct colour per value (categorical, rank ordered), or one
 * colour for every non-zero value (mask).
 */
public final class LayerColormaps {

    /** The colour of mask pixels without a legend. */
    public static final String MASK_COLOR = "#d62728";

    private LayerColormaps() {
    }

    /**
     * @param legend the legend to draw with, if any
     * @param style  the legend's continuous style, if it has one
     * @param band   the statistics of the band drawn, if the layer is parsed (its min and max are the default range)
     */
    public static Colormap choose(DataType datatype, Optional<Legend> legend, Optional<ContinuousStyle> style,
                                  Optional<BandMetadata> band) {
        return choose(datatype, legend, style, band, java.util.Map.of());
    }

    /**
     * As above; a layer without legend whose band has a palette (a colour map image) is drawn with its palette,
     * value by value.
     *
     * @param palette the band's colours by value (ARGB), empty when it has none
     */
    public static Colormap choose(DataType datatype, Optional<Legend> legend, Optional<ContinuousStyle> style,
                                  Optional<BandMetadata> band, java.util.Map<Integer, Integer> palette) {
        if (legend.isEmpty() && !palette.isEmpty()) {
            List<DiscreteColormap.Entry> entries = new java.util.ArrayList<>();
            palette.forEach((value, argb) -> entries.add(new DiscreteColormap.Entry(
                    org.rasterdesk.legend.EntryCondition.of(Integer.toString(value)), argb)));
            return DiscreteColormap.of(entries);
        }
        double min = band.map(BandMetadata::min).orElse(0.0);
        double max = band.map(BandMetadata::max).orElse(255.0);
        if (style.isPresent()) {
            return ContinuousColormap.of(style.get(), min, max);
        }
        if (legend.isPresent()) {
            DiscreteColormap entries = DiscreteColormap.of(legend.get());
            if (!entries.isEmpty() || !entries.problems().isEmpty()) {
                return entries;
            }
        }
        return byDatatype(datatype, min, max);
    }

    /** The colormap of a layer without legend. */
    public static Colormap byDatatype(DataType datatype, double min, double max) {
        return switch (datatype) {
            case CONTINUOUS -> ContinuousColormap.grey(min, max);
            case CATEGORICAL, RANK_ORDERED -> new QualitativeColormap();
            case MASK -> DiscreteColormap.of(java.util.Map.of("x != 0", MASK_COLOR));
        };
    }

    /** The problems of a colormap's entries (unreadable expressions or colours), if any. */
    public static List<String> problems(Colormap colormap) {
        return colormap instanceof DiscreteColormap d ? d.problems() : List.of();
    }
}
