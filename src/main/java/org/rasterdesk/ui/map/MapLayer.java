package org.rasterdesk.ui.map;

import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.render.LayerColormaps;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileRange;

/**
 * One raster layer on the map: how it is drawn (its renderer, opened in the background), whether it shows, with
 * what opacity, and whether it stays when another layer is selected. Lives on the JavaFX thread.
 */
public final class MapLayer {

    /**
     * What a layer's renderer was opened with: its colormap's legend, where its tiles are (the rectangle of its max
     * zoom tiles, and where they hold data), and what a colormap of another legend needs (the datatype and the
     * drawn band's statistics).
     */
    public record Style(LayerRenderer renderer, Optional<Legend> legend, Optional<TileRange> tiles,
                        Optional<Extent> extent, DataType datatype, Optional<BandMetadata> band) {

        /** The same layer drawn with another legend. */
        public Style restyled(Legend other, Optional<ContinuousStyle> continuous) {
            return new Style(renderer.withColormap(LayerColormaps.choose(datatype, Optional.of(other), continuous,
                    band)), Optional.of(other), tiles, extent, datatype, band);
        }
    }

    private final int layerId;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 1);
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final BooleanProperty kept = new SimpleBooleanProperty(this, "kept", false);
    private final ObjectProperty<Style> style = new SimpleObjectProperty<>(this, "style");
    private final StringProperty problem = new SimpleStringProperty(this, "problem");
    private int version;

    public MapLayer(int layerId, String name) {
        this.layerId = layerId;
        this.name.set(name);
    }

    public int layerId() {
        return layerId;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** 0 (invisible) to 1 (opaque). */
    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    /** True when the layer stays on the map as the selection moves to other layers. */
    public BooleanProperty keptProperty() {
        return kept;
    }

    /** The renderer, null until it is opened (or when opening failed: see {@link #problemProperty()}). */
    public ObjectProperty<Style> styleProperty() {
        return style;
    }

    public LayerRenderer renderer() {
        Style s = style.get();
        return s == null ? null : s.renderer();
    }

    /** Why the layer cannot be drawn (or draws with gaps), in words; null when all is well. */
    public StringProperty problemProperty() {
        return problem;
    }

    /** Bumped each time the style is replaced: cached tiles of older versions are stale. */
    public int version() {
        return version;
    }

    /** Installs a newly opened renderer. */
    public void restyle(Style opened) {
        version++;
        style.set(opened);
    }
}
