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
     * (see {@link PendingUpload}): the parse that is given the upload starts it and waits for it at the end. A file
     * with side files (world file, .prj, .aux.xml, .msk) is stored as the zip of them all, as {@link #create} stores
     * it.
     */
    public PendingUpload begin(RasterLayer template, Path file) throws IOException, SQLException {
        SideFileZip upload = SideFileZip.of(file);
        RasterLayer layer = layers.create(template.withSourceUrl("")
                .withRasterfile(SourceFileStore.djangoFileName(upload.storedPath())));
        return new PendingUpload(dataSource, layer, upload);
    }

    /**
     * @param template the new layer's fields (its source is replaced by the file)
     * @param keepPath keep only the file's path, for very large files on a disk every client shares
     */
    public RasterLayer create(RasterLayer template, Path file, boolean keepPath) throws IOException, SQLException {
        // A raster with side files (world file, .prj, .aux.xml, .msk) is kept as a zip of them all, which every
        // later parse unpacks the same way; a kept path finds them beside the file.
        SideFileZip upload = keepPath ? new SideFileZip(file, java.util.List.of()) : SideFileZip.of(file);
        RasterLayer layer = layers.create(template.withSourceUrl("")
                .withRasterfile(SourceFileStore.djangoFileName(upload.storedPath())));
        try {
            if (keepPath) {
                files.keepPathOnly(layer.id(), file);
            } else {
                files.store(layer.id(), upload, FetchListener.NONE, () -> false, nanos -> { });
            }
        } catch (ParseCancelledException e) {
            layers.delete(layer.id());
            throw new IllegalStateException("not cancellable", e);
        } catch (IOException | SQLException | RuntimeException e) {
            layers.delete(layer.id());
            throw e;
        }
        return layer;
    }
}
