package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredFile;

/**
 * The layers' reprojected copies (django-raster's "store reprojected"): EPSG:3857 GeoTIFFs at the max zoom's
 * resolution, with what they were made from, so that a re-parse that changes only max zoom or the pyramid can
 * start from the copy instead of reading and reprojecting the source again.
 */
final class ReprojectedCopies {

    /** A stored copy: its zoom, the source's pixel size in EPSG:3857 and the inputs it was made from. */
    record Copy(int zoom, double sourcePixelSize, String inputs) {
    }

    private final DataSource dataSource;
    private final SourceFileStore files;

    ReprojectedCopies(DataSource dataSource) {
        this.dataSource = dataSource;
        this.files = SourceFileStore.reprojected(dataSource);
    }

    /**
     * What a copy depends on: the source (its stored bytes' checksum, else its name or URL), the SRID and the
     * nodata. Max zoom and the pyramid flags are left out on purpose.
     */
    String inputsOf(RasterLayer layer) throws SQLException {
        String checksum = new SourceFileStore(dataSource).find(layer.id()).map(StoredFile::sha256).orElse(null);
        return "source=" + (layer.sourceUrl() == null || layer.sourceUrl().isBlank() ? layer.rasterfile()
                : layer.sourceUrl()) + ";sha256=" + checksum + ";srid=" + layer.srid() + ";nodata=" + layer.nodata();
    }

    Optional<Copy> find(int layerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT zoom, source_pixel_size, inputs "
                     + "FROM rasterdesk_reprojected WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Copy(rs.getInt(1), rs.getDouble(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    void copyTo(int layerId, Path target) throws IOException, SQLException, ParseCancelledException {
        files.copyTo(layerId, target, FetchListener.NONE, () -> false);
    }

    /** Keeps the file as the layer's copy and records it where django-raster looks for it. */
    void store(RasterLayer layer, Path file, Copy copy) throws IOException, SQLException {
        files.store(layer.id(), file);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_reprojected (rasterlayer_id, zoom, "
                     + "source_pixel_size, inputs) VALUES (?, ?, ?, ?) ON CONFLICT (rasterlayer_id) DO UPDATE SET "
                     + "zoom = EXCLUDED.zoom, source_pixel_size = EXCLUDED.source_pixel_size, "
                     + "inputs = EXCLUDED.inputs, created = now()")) {
            ps.setInt(1, layer.id());
            ps.setInt(2, copy.zoom());
            ps.setDouble(3, copy.sourcePixelSize());
            ps.setString(4, copy.inputs());
            ps.executeUpdate();
        }
        new RasterLayerRepository(dataSource).setReprojectedFile(layer.id(),
                "rasters/reprojected/" + SourceFileStore.djangoFileName(file).substring("rasters/".length()));
    }

    /** Forgets the layer's copy (the layer no longer wants one, or its source changed). */
    void delete(int layerId) throws SQLException {
        files.delete(layerId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM rasterdesk_reprojected WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            ps.executeUpdate();
        }
    }
}
