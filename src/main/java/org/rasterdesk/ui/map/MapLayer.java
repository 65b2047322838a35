package org.rasterdesk.ui.map;

import java.util.List;
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
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.render.LayerColormaps;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.RgbComposite;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileRange;

/**
 * One raster layer on the map: how it is drawn (its renderer, opened in the background), whether it shows, with
 * what opacity, and whether it stays when another layer is selected. Lives on the JavaFX thread.
 */
public final class MapLayer {

    /**
     * What a layer's renderer was opened with: its colormap's legend and continuous style, where its tiles are (the
     * rectangle of its max zoom tiles, and where they hold data), and what drawing another band or another legend
     * needs (the datatype, every band's statistics and pixel type).
     *
     * @param bands      the statistics of the layer's bands, by band (empty when not known)
     * @param pixelTypes the pixel type of each band as stored in the tiles (empty when the layer has no tiles)
     */
    public record Style(LayerRenderer renderer, Optional<Legend> legend, Optional<ContinuousStyle> continuous,
                        Optional<TileRange> tiles, Optional<Extent> extent, DataType datatype,
                        List<BandMetadata> bands, List<PixelType> pixelTypes) {

        public Style {
            bands = List.copyOf(bands);
            pixelTypes = List.copyOf(pixelTypes);
        }

        /** How many bands the layer has. */
        public int bandCount() {
            return Math.max(1, Math.max(pixelTypes.size(), bands.size()));
        }

        /** The statistics of a band, when known. */
        public Optional<BandMetadata> band(int index) {
            return bands.stream().filter(b -> b.band() == index).findFirst();
        }

        /** What the renderer shows now. */
        public BandDisplay display() {
            return renderer.rgb().map(c -> BandDisplay.rgb(c.red(), c.green(), c.blue()))
                    .orElse(BandDisplay.band(renderer.band()));
        }

        /**
         * What a newly opened layer shows: three or four Byte bands (a photo, a satellite image) as an RGB composite
         * of the first three, anything else its first band, as django-raster draws it.
         */
        public BandDisplay defaultDisplay() {
            boolean image = (pixelTypes.size() == 3 || pixelTypes.size() == 4)
                    && pixelTypes.stream().allMatch(t -> t == PixelType.BYTE);
            return image ? BandDisplay.rgb(0, 1, 2) : BandDisplay.band(0);
        }

        /** The same layer drawn with another legend, showing the same bands. */
        public Style restyled(Legend other, Optional<ContinuousStyle> continuousStyle) {
            Style legendChanged = new Style(renderer, Optional.of(other), continuousStyle, tiles, extent, datatype,
                    bands, pixelTypes);
            return legendChanged.showing(display(), true);
        }

        /** The same layer showing other bands (the colormap chosen for the band shown, from the same legend). */
        public Style showing(BandDisplay shown) {
            return showing(shown, false);
        }

        private Style showing(BandDisplay shown, boolean always) {
            if (!always && shown.equals(display())) {
                return this;
            }
            LayerRenderer drawn = shown.isRgb()
                    ? renderer.withRgb(RgbComposite.of(shown.red(), shown.green(), shown.blue(), pixelTypes, bands))
                    : renderer.withBand(shown.band(), LayerColormaps.choose(datatype, legend, continuous,
                            band(shown.band())));
            return new Style(drawn, legend, continuous, tiles, extent, datatype, bands, pixelTypes);
        }
    }

    private final int layerId;
    private final StringProperty name = new SimpleStringProperty(this, "name");
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 1);
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final BooleanProperty kept = new SimpleBooleanProperty(this, "kept", false);
    private final ObjectProperty<Style> style = new SimpleObjectProperty<>(this, "style");
    private final ObjectProperty<BandDisplay> display = new SimpleObjectProperty<>(this, "display");
    private final StringProperty problem = new SimpleStringProperty(this, "problem");
    private int version;
    /** Selected before it had tiles (just added, parsing): framed when its first tiles are in. FX thread. */
    boolean frameWhenTiled;

    public MapLayer(int layerId, String name) {
        this.layerId = layerId;
        this.name.set(name);
        // Another choice of bands is drawn at once: the same tiles, coloured another way.
        display.addListener((obs, was, now) -> {
            Style s = style.get();
            if (s != null && now != null && now.fits(s.bandCount()) && !now.equals(s.display())) {
                restyle(s.showing(now));
            }
        });
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

    /**
     * The bands shown, as the user chose them in the layer panel; null until the layer is first opened (its
     * default then). Kept when the layer is opened again (re-parsed, its legend saved).
     */
    public ObjectProperty<BandDisplay> displayProperty() {
        return display;
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
