package org.rasterdesk.ui.inspector;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.parse.QueuePreflight;
import org.rasterdesk.parse.ParseRates;
import org.rasterdesk.source.MosaicFiles;

/**
 * The inspector's reads and writes of layers, over the database's repositories. Every method blocks on the
 * database: call them on a background thread. None names a CRS (see {@link CrsNames}).
 */
final class LayerRecords {

    /** The longest name a layer can have (raster_rasterlayer.name is varchar(100)). */
    static final int MAX_NAME_LENGTH = 100;
    private static final String COPY_SUFFIX = " (copy)";

    private final RasterLayerRepository layers;
    private final LayerMetadataRepository metadata;
    private final TileRepository tiles;
    private final LegendRepository legends;
    private final DataSource dataSource;

    LayerRecords(DataSource dataSource) {
        this.dataSource = dataSource;
        layers = new RasterLayerRepository(dataSource);
        metadata = new LayerMetadataRepository(dataSource);
        tiles = new TileRepository(dataSource);
        legends = new LegendRepository(dataSource);
    }

    /** What the form's pre-flight reads for the layer with this source and SRID, or why there is none yet. */
    QueuePreflight.Header preflightHeader(int layerId, String source, Integer srid)
            throws java.io.IOException, java.sql.SQLException {
        return new QueuePreflight(dataSource).header(layerId, source, srid, List.of());
    }

    /** How fast this database's parses went and how big their tiles were, for a pre-flight. */
    ParseRates parseRates() {
        return ParseRates.measured(dataSource);
    }

    /** The layer with all the inspector shows of it but its CRS's name; empty when it was deleted. */
    Optional<LayerSnapshot> load(int layerId) {
        return layers.find(layerId).map(layer -> {
            LayerMetadata meta = metadata.find(layerId).orElse(LayerMetadata.empty(layerId));
            return new LayerSnapshot(layer, meta, metadata.bands(layerId), tiles.pixelTypes(layerId),
                    null, legends.findAll(), mosaic(layerId));
        });
    }

    private MosaicFiles.Mosaic mosaic(int layerId) {
        try {
            return new MosaicFiles(dataSource).find(layerId).orElse(null);
        } catch (java.sql.SQLException e) {
            throw new org.rasterdesk.db.DataAccessException("Reading the mosaic's files failed", e);
        }
    }

    RasterLayerRepository.Update save(RasterLayer layer) {
        return layers.update(layer);
    }

    /** Deletes the layer with its tiles and other rows; false when it was gone already. */
    boolean delete(int layerId) {
        return layers.delete(layerId);
    }

    /** Stores a copy of every field of the layer under "name (copy)", unparsed; empty when the layer is gone. */
    Optional<RasterLayer> duplicate(int layerId) {
        return layers.find(layerId).map(layer -> layers.create(
                layer.withId(null).withModified(null).withName(copyName(layer.name()))));
    }

    static String copyName(String name) {
        String base = name == null || name.isBlank() ? "Layer" : name;
        if (base.length() + COPY_SUFFIX.length() > MAX_NAME_LENGTH) {
            base = base.substring(0, MAX_NAME_LENGTH - COPY_SUFFIX.length() - 1).strip() + "…";
        }
        return base + COPY_SUFFIX;
    }

}
