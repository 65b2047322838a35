package org.rasterdesk.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.render.DataExtent;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.PostgisTileSource;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileRange;

/**
 * Layers opened for drawing, as the render command opens them ({@link LayerRenderer#read}), once per version of a
 * layer and legend rather than per request; with where their tiles lie. Keeps the last {@link #CAPACITY}. Thread
 * safe.
 */
final class OpenedLayers {

    static final int CAPACITY = 256;

    /**
     * A layer ready to draw.
     *
     * @param opened the renderer and what it was made from
     * @param tiles  the rectangle of the tiles at the layer's max zoom, empty when it has none
     * @param extent where the layer has data (EPSG:3857), empty when it has no tiles
     */
    record OpenedLayer(Catalog.LayerState state, LayerRenderer.Opened opened, Optional<TileRange> tiles,
                       Optional<Extent> extent) {
        LayerRenderer renderer() {
            return opened.renderer();
        }
    }

    private final DataSource dataSource;
    private final Map<String, OpenedLayer> opened = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, OpenedLayer> eldest) {
            return size() > CAPACITY;
        }
    };

    OpenedLayers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The layer drawn with its own legend (or the default of its datatype). */
    OpenedLayer open(Catalog.LayerState layer) {
        return open(layer, null, null);
    }

    /**
     * The layer drawn with a legend of the database.
     *
     * @param legendId      the legend, or null for the layer's own
     * @param legendVersion the legend's version (part of the key), or null with a null legendId
     */
    OpenedLayer open(Catalog.LayerState layer, Integer legendId, String legendVersion) {
        String key = layer.id() + "@" + layer.version() + (legendId == null ? "" : "/" + legendId + "@"
                + legendVersion);
        synchronized (opened) {
            OpenedLayer found = opened.get(key);
            if (found != null) {
                return found;
            }
        }
        // Read outside the lock: two requests may both read a new version once, which costs less than making every
        // request wait behind one slow reading.
        OpenedLayer made = read(layer, legendId);
        synchronized (opened) {
            opened.put(key, made);
        }
        return made;
    }

    private OpenedLayer read(Catalog.LayerState layer, Integer legendId) {
        LayerRenderer.Opened read;
        try {
            read = LayerRenderer.read(dataSource, layer.id(), legendId, 0);
        } catch (IllegalArgumentException e) {
            // The layer or legend went away since the catalog was read.
            throw HttpError.notFound(e.getMessage());
        }
        TileRepository tileRepository = new TileRepository(dataSource);
        Optional<TileRange> tiles = tileRepository.range(layer.id(), read.renderer().maxZoom());
        Optional<Extent> extent = tiles.map(range -> DataExtent.of(range,
                new PostgisTileSource(tileRepository, layer.id())));
        return new OpenedLayer(layer, read, tiles, extent);
    }
}
