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
     * Whether a file is stored alone, so that its upload can run during its parse ({@link #begin}); one with side
     * files is stored as a zip of them all, made before the parse ({@link #create}).
     */
    public static boolean storedAlone(Path file) throws IOException {
        return RasterFileNames.sideFiles(file).isEmpty();
    }

    /**
     * Makes the layer at once and leaves its file's bytes to be stored while the layer is parsed from the file
     * (see {@link PendingUpload}): the parse that is given the upload starts it and waits for it at the end. Only
     * for a file {@link #storedAlone stored alone}.
     */
    public PendingUpload begin(RasterLayer template, Path file) throws SQLException {
        RasterLayer layer = layers.create(template.withSourceUrl("")
                .withRasterfile(SourceFileStore.djangoFileName(file)));
        return new PendingUpload(dataSource, layer, java.util.List.of(file), false);
    }

    /**
     * @param template the new layer's fields (its source is replaced by the file)
     * @param keepPath keep only the file's path, for very large files on a disk every client shares
     */
    public RasterLayer create(RasterLayer template, Path file, boolean keepPath) throws IOException, SQLException {
        // A raster with side files (world file, .prj, .aux.xml, .msk) is kept as a zip of them all, which every
        // later parse unpacks the same way; a kept path finds them beside the file.
        java.util.List<Path> sideFiles = keepPath ? java.util.List.of() : RasterFileNames.sideFiles(file);
        Path zipped = sideFiles.isEmpty() ? null : zipWithSideFiles(file, sideFiles);
        Path stored = zipped != null ? zipped : file;
        try {
            RasterLayer layer = layers.create(template.withSourceUrl("")
                    .withRasterfile(SourceFileStore.djangoFileName(stored)));
            try {
                if (keepPath) {
                    files.keepPathOnly(layer.id(), file);
                } else {
                    files.store(layer.id(), stored);
                }
            } catch (IOException | SQLException | RuntimeException e) {
                layers.delete(layer.id());
                throw e;
            }
            return layer;
        } finally {
            if (zipped != null) {
                FetchedRaster.deleteTree(zipped.getParent());
            }
        }
    }

    private static Path zipWithSideFiles(Path raster, java.util.List<Path> sideFiles) throws IOException {
        Path dir = java.nio.file.Files.createTempDirectory("rasterdesk-upload-");
        Path zip = dir.resolve(raster.getFileName() + ".zip");
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
                java.nio.file.Files.newOutputStream(zip))) {
            for (Path p : java.util.stream.Stream.concat(java.util.stream.Stream.of(raster), sideFiles.stream())
                    .toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry(p.getFileName().toString()));
                java.nio.file.Files.copy(p, out);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            FetchedRaster.deleteTree(dir);
            throw e;
        }
        return zip;
    }
}
