package org.rasterdesk.ui.legend;

import java.util.List;
import java.util.Optional;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.render.Colormap;
import org.rasterdesk.render.ContinuousColormap;
import org.rasterdesk.render.DiscreteColormap;
import org.rasterdesk.render.LayerColormaps;

/**
 * A legend as the editor holds it before it is saved: valid entries (whose semantics may not be stored yet) and
 * the continuous style, for drawing a live preview.
 *
 * @param legendId the stored legend it edits, null for a new one
 */
public record LegendDraft(Integer legendId, String title, String description, List<LegendEntry> entries,
                          Optional<ContinuousStyle> style) {

    public LegendDraft {
        entries = List.copyOf(entries);
    }

    /** The draft as a legend without json, so that colormaps sort its entries as django-raster would. */
    public Legend toLegend() {
        return new Legend(legendId, title, description, entries, null, null);
    }

    /** How a layer would be drawn with this draft; min and max are the band's range. */
    public Colormap colormap(DataType datatype, double min, double max) {
        if (style.isPresent()) {
            return ContinuousColormap.of(style.get(), min, max);
        }
        DiscreteColormap discrete = DiscreteColormap.of(toLegend());
        return discrete.isEmpty() && discrete.problems().isEmpty()
                ? LayerColormaps.byDatatype(datatype, min, max) : discrete;
    }
}
