package org.rasterdesk.ui.map;

import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerDisplayRepository;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParseRuns;
import org.rasterdesk.render.DataExtent;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.PostgisTileSource;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.ui.common.ErrorText;

/** Reads what the map needs to draw a layer (its renderer, legend, tiles and data extent); on a background thread. */
final class MapLayerOpener {

    private static final Logger LOG = Logger.getLogger(MapLayerOpener.class.getName());

    /**
     * What opening a layer gave.
     *
     * @param style   how to draw it, null when it cannot be drawn
     * @param problem why it cannot be drawn, or draws with gaps; null when all is well
     */
    record Opened(MapLayer.Style style, String problem) {
    }

    private MapLayerOpener() {
    }

    /** Why a layer has no tiles to show, from its parse status. */
    static String noTiles(ParseStatus status) {
        return switch (status) {
            case UNPARSED -> "The layer has no tiles: it is not parsed yet (Re-parse makes them).";
            case FAILED -> "The layer has no tiles: its parse failed — the parse log below says why.";
            case FINISHED -> "The layer has no tiles: its parse found no data in the raster.";
            default -> "The layer has no tiles yet: it is being parsed.";
        };
    }

    static Opened open(DataSource source, int layerId) {
        try {
            LayerRenderer.Opened read = LayerRenderer.read(source, layerId, null,
                    new LayerDisplayRepository(source).band(layerId));
            LayerRenderer renderer = read.renderer();
            TileRepository tileRepository = new TileRepository(source);
            // A new layer's tiles come in as its parse makes them, but its statistics (the default colours) and its
            // max zoom only at the end: until then the map shows it as it did before, without tiles.
            Optional<TileRange> tiles = new ParseRuns(source).tilesBeingMade(layerId) ? Optional.empty()
                    : tileRepository.range(layerId, renderer.maxZoom());
            Optional<Extent> extent = tiles.map(range -> DataExtent.of(range,
                    new PostgisTileSource(tileRepository, layerId)));
            MapLayer.Style style = new MapLayer.Style(renderer, read.legend(), read.style(), tiles, extent,
                    read.layer().datatype(), new LayerMetadataRepository(source).bands(layerId),
                    tiles.isEmpty() ? List.of() : tileRepository.pixelTypes(layerId));
            List<String> problems = renderer.problems();
            String problem = tiles.isEmpty() ? noTiles(new ParseStatusRepository(source).status(layerId))
                    : problems.isEmpty() ? null : String.join("\n", problems);
            return new Opened(style, problem);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cannot open layer " + layerId + " for the map", e);
            return new Opened(null, "Cannot draw this layer: " + ErrorText.of(e));
        }
    }
}
