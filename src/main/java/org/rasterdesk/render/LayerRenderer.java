package org.rasterdesk.render;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import javax.sql.DataSource;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerDisplayRepository;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendStyleRepository;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * Draws the tiles of one layer, one band with a colormap or three bands as an RGB composite, falling back to
 * ancestors for missing tiles. The colormap and max zoom are read once, when it is made; make a new one after the
 * layer or legend changed. Thread safe.
 */
public final class LayerRenderer {

    private final TileSource source;
    private final AncestorFallback tiles;
    private final Colormap colormap;
    private final int band;
    private final RgbComposite rgb;
    private final int maxZoom;
    /** The colormap's colours of every value, per 8- or 16-bit pixel type met, made on first use (a map's path). */
    private final java.util.Map<org.rasterdesk.raster.pixel.PixelType, ColorTable> tables =
            new java.util.concurrent.ConcurrentHashMap<>();

    public LayerRenderer(TileSource source, int maxZoom, Colormap colormap, int band) {
        this(source, maxZoom, colormap, band, null);
    }

    private LayerRenderer(TileSource source, int maxZoom, Colormap colormap, int band, RgbComposite rgb) {
        this.source = source;
        this.tiles = new AncestorFallback(source, maxZoom);
        this.colormap = colormap;
        this.band = band;
        this.rgb = rgb;
        this.maxZoom = maxZoom;
    }

    /** The same tiles drawn with another colormap: a legend being edited, say. An RGB composite stays one. */
    public LayerRenderer withColormap(Colormap other) {
        return new LayerRenderer(source, maxZoom, other, band, rgb);
    }

    /** The same tiles, one band drawn with a colormap (the band's own, as {@link LayerColormaps} chooses it). */
    public LayerRenderer withBand(int otherBand, Colormap other) {
        return new LayerRenderer(source, maxZoom, other, otherBand, null);
    }

    /** The same tiles drawn as an RGB composite of three of their bands. */
    public LayerRenderer withRgb(RgbComposite composite) {
        return new LayerRenderer(source, maxZoom, colormap, band, java.util.Objects.requireNonNull(composite));
    }

    /** The RGB composite drawn, or empty when one band is drawn with the colormap. */
    public Optional<RgbComposite> rgb() {
        return Optional.ofNullable(rgb);
    }

    /**
     * What drawing a stored layer was made from, read once: the layer, the legend and continuous style chosen, the
     * drawn band's statistics, and the renderer built from them.
     */
    public record Opened(RasterLayer layer, Optional<Legend> legend, Optional<ContinuousStyle> style,
                         Optional<BandMetadata> band, LayerRenderer renderer) {
    }

    /**
     * The renderer of a stored layer.
     *
     * @param legendId the legend to draw with, or null for the layer's own legend (or the default when it has none)
     * @param band     0-based band index (django-raster draws band 0)
     * @throws IllegalArgumentException when the layer or legend does not exist
     */
    public static LayerRenderer open(DataSource dataSource, int layerId, Integer legendId, int band) {
        return read(dataSource, layerId, legendId, band).renderer();
    }

    /** As {@link #open}, with what the renderer was made from, for callers that show the legend or restyle. */
    public static Opened read(DataSource dataSource, int layerId, Integer legendId, int band) {
        RasterLayer layer = new RasterLayerRepository(dataSource).find(layerId)
                .orElseThrow(() -> new IllegalArgumentException("There is no layer " + layerId));
        Integer chosen = legendId != null ? legendId : layer.legendId();
        Optional<Legend> legend = Optional.empty();
        Optional<ContinuousStyle> style = Optional.empty();
        if (chosen != null) {
            legend = new LegendRepository(dataSource).find(chosen);
            if (legend.isEmpty()) {
                throw new IllegalArgumentException("There is no legend " + chosen);
            }
            style = new LegendStyleRepository(dataSource).find(chosen);
        }
        LayerMetadataRepository metadata = new LayerMetadataRepository(dataSource);
        Optional<BandMetadata> bandMetadata = metadata.band(layerId, band);
        Colormap colormap = LayerColormaps.choose(layer.datatype(), legend, style, bandMetadata,
                new LayerDisplayRepository(dataSource).palette(layerId, band));
        TileRepository tileRepository = new TileRepository(dataSource);
        int maxZoom = metadata.find(layerId).map(LayerMetadata::maxZoom)
                .orElseGet(() -> highestZoom(tileRepository, layerId));
        LayerRenderer renderer = new LayerRenderer(new PostgisTileSource(tileRepository, layerId), maxZoom, colormap,
                band);
        return new Opened(layer, legend, style, bandMetadata, renderer);
    }

    private static int highestZoom(TileRepository tiles, int layerId) {
        SortedMap<Integer, Long> counts = tiles.countByZoom(layerId);
        return counts.isEmpty() ? 0 : counts.lastKey();
    }

    public Colormap colormap() {
        return colormap;
    }

    /** The band drawn through the colormap, 0-based (unused while an RGB composite is drawn). */
    public int band() {
        return band;
    }

    /** The layer's highest zoom level: deeper tiles are drawn from its tiles there. */
    public int maxZoom() {
        return maxZoom;
    }

    /** Legend entries that could not be read and are not drawn. */
    public List<String> problems() {
        return LayerColormaps.problems(colormap);
    }

    /** The tile's values as drawn (ancestor fallback included), or empty when nothing covers the address. */
    public Optional<TileData> values(TileKey key) {
        return tiles.read(key);
    }

    /** Draws the tile at an address; a transparent tile when nothing covers it. */
    public RenderedTile render(TileKey key) {
        Optional<TileData> found = tiles.readFound(key);
        if (found.isEmpty()) {
            return new RenderedTile(key, Optional.empty(), TileImage.transparent());
        }
        TileData data = TileUpsampler.crop(found.get(), key);
        return new RenderedTile(key, Optional.of(found.get().key()), paint(data));
    }

    /**
     * Reads the tiles a map view needs at once: one query, and one more for the ancestors of missing tiles. Their
     * decoding and colouring is left to {@link #draw}, on as many threads as the caller has.
     */
    public TileBatch readAll(List<TileKey> keys) {
        return TileBatch.read(source, maxZoom, keys);
    }

    /**
     * Draws one address of a batch from the stored tile read for it: the pixels {@link #render} draws (by table
     * lookup for 8- and 16-bit bands), without legend entry counts.
     */
    public RenderedTile draw(TileBatch.Read read, TileKey target) {
        return new RenderedTile(target, Optional.of(read.source()),
                paintForMap(TileUpsampler.crop(read.data().get(), target)));
    }

    /** As {@link #paint}, by table lookup where the band's type allows: the same pixels, no entry counts. */
    private TileImage paintForMap(TileData data) {
        if (rgb != null || !ColorTable.fits(data.pixelType()) || band >= data.bandCount()) {
            return paint(data);
        }
        return tables.computeIfAbsent(data.pixelType(), type -> ColorTable.of(colormap, type)).paint(data, band);
    }

    private TileImage paint(TileData data) {
        return rgb != null ? rgb.paint(data) : TileRenderer.render(data, colormap, band);
    }
}
