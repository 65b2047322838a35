package org.rasterdesk.source;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

/**
 * Makes a layer of a local raster file as django-raster's upload does: the layer's file is named
 * {@code rasters/<name>} and its bytes are kept in the database, so that every client can parse it again.
 */
public final class LayerUploads {

    private final DataSource dataSource;
    private final RasterLayerRepository layers;
    private final SourceFileStore files;

    public LayerUploads(DataSource dataSource) {
        this.dataSource = dataSource;
        this.layers = new RasterLayerRepository(dataSource);
        this.files = new SourceFileStore(dataSource);
    }

    /**
     * Makes the layer at once and leaves its file's bytes to be stored while the layer is parsed from the file
     * (see {@link PendingUpload}): the parse that is given the upload starts it and waits for it at the end.
     */
    public PendingUpload begin(RasterLayer template, Path file) throws SQLException {
        RasterLayer layer = layers.create(template.withSourceUrl("")
                .withRasterfile(SourceFileStore.djangoFileName(file)));
        return new PendingUpload(dataSource, layer, file);
    }

    /**
     * @param template the new layer's fields (its source is replaced by the file)
     * @param keepPath keep only the file's path, for very large files on a disk every client shares
     */
    public RasterLayer create(RasterLayer template, Path file, boolean keepPath) throws IOException, SQLException {
        RasterLayer layer = layers.create(template.withSourceUrl("")
                .withRasterfile(SourceFileStore.djangoFileName(file)));
        try {
            if (keepPath) {
                files.keepPathOnly(layer.id(), file);
            } else {
                files.store(layer.id(), file);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            layers.delete(layer.id());
            throw e;
        }
        return layer;
    }
}
