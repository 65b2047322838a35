package org.rasterdesk.parse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.MosaicFiles;

/**
 * The pre-flight of a layer's parse before it is queued for the workers, for a client that can ask the user (the
 * window): computed from the raster's header as the form's is ({@link FilePreflight}), where the raster is at hand
 * without a download: a local file, or the file kept in the database. A mosaic or a raster at a URL has none here;
 * its worker tells the pre-flight in the log.
 */
public final class QueuePreflight {

    private static final Logger LOG = Logger.getLogger(QueuePreflight.class.getName());

    private final DataSource dataSource;

    public QueuePreflight(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param localFile the layer's raster on this machine (a file just given), or null to look at its source
     * @return the pre-flight, empty when it cannot be known before a worker reads the source
     */
    public Optional<Preflight> of(int layerId, Path localFile) throws SQLException {
        Optional<RasterLayer> found = new RasterLayerRepository(dataSource).find(layerId);
        if (found.isEmpty() || new MosaicFiles(dataSource).find(layerId).isPresent()) {
            return Optional.empty();
        }
        RasterLayer layer = found.get();
        String url = layer.sourceUrl();
        try {
            FilePreflight file;
            if (localFile != null) {
                file = FilePreflight.read(localFile, layer.srid());
            } else if (url.startsWith("file:")) {
                file = FilePreflight.read(Path.of(URI.create(url)), layer.srid());
            } else if (url.isEmpty() && layer.rasterfile() != null && !layer.rasterfile().isEmpty()) {
                file = FilePreflight.readStored(dataSource, layerId, layer.rasterfile(), layer.srid());
            } else {
                return Optional.empty();
            }
            return Optional.of(file.preflight(layer.maxZoom(), layer.nextHigher(), layer.buildPyramid(),
                    ParseRates.measured(dataSource)));
        } catch (IOException | RuntimeException e) {
            // The worker reads the raster again and fails with the reason in the layer's log.
            LOG.log(Level.FINE, "No pre-flight of layer " + layerId + " before queuing it", e);
            return Optional.empty();
        }
    }
}
