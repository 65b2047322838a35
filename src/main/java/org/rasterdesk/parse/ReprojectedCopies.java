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
import org.opengis.referencing.crs.CoordinateReferenceSystem;

/**
 * The layers' reprojected copies (django-raster's "store reprojected"): the raster in EPSG:3857 at the max zoom's
 * resolution, with what it was made from, so that a re-parse that changes only max zoom or the pyramid can start
 * from the copy instead of reading and reprojecting the source again.
 *
 * <p>The copy is the layer's own tiles at the copy's zoom: they are that raster, already stored, so keeping it costs
 * nothing. When a re-parse from the copy makes another top zoom, the swap would delete those tiles; they are moved
 * aside into rasterdesk_reprojectedtile first. Copies made before kept a GeoTIFF like an upload, and are still read.
 */
final class ReprojectedCopies {

    /** Where a copy's pixels are (its database code in rasterdesk_reprojected.storage). */
    enum Storage {
        FILE("file"), TILES("tiles"), KEPT("kept");

        final String code;

        Storage(String code) {
            this.code = code;
        }

        static Storage of(String code) {
            for (Storage s : values()) {
                if (s.code.equals(code)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown storage of a reprojected copy: " + code);
        }
    }

    /** A stored copy: its zoom, the source's pixel size in EPSG:3857, the inputs it was made from, its storage. */
    record Copy(int zoom, double sourcePixelSize, String inputs, Storage storage) {
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
             PreparedStatement ps = c.prepareStatement("SELECT zoom, source_pixel_size, inputs, storage "
                     + "FROM rasterdesk_reprojected WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Copy(rs.getInt(1), rs.getDouble(2), rs.getString(3),
                        Storage.of(rs.getString(4)))) : Optional.empty();
            }
        }
    }

    /** The copy of a GeoTIFF kept like an upload (storage FILE), into a file. */
    void copyTo(int layerId, Path target) throws IOException, SQLException, ParseCancelledException {
        files.copyTo(layerId, target, FetchListener.NONE, () -> false);
    }

    /** A reader of a copy kept as tiles, or empty when its tiles are gone. */
    Optional<StoredCopyReader> open(int layerId, Copy copy, CoordinateReferenceSystem mercator)
            throws SQLException {
        return StoredCopyReader.open(dataSource, copy.storage() == Storage.KEPT, layerId, copy.zoom(), mercator);
    }

    /**
     * Within the transaction that swaps the layer's tiles, before the swap: moves the layer's current tiles at the
     * copy's zoom aside when they are the copy and the new tiles will not be.
     *
     * @param newTopZoom the top zoom of the tiles the swap brings
     */
    void keepAside(Connection tx, int layerId, Copy copy, int newTopZoom) throws SQLException {
        if (copy.storage() != Storage.TILES || copy.zoom() == newTopZoom) {
            return;
        }
        try (PreparedStatement move = tx.prepareStatement("INSERT INTO rasterdesk_reprojectedtile "
                + "(rasterlayer_id, tilex, tiley, rast) SELECT rasterlayer_id, tilex, tiley, rast FROM "
                + "raster_rastertile WHERE rasterlayer_id = ? AND tilez = ?");
             PreparedStatement mark = tx.prepareStatement("UPDATE rasterdesk_reprojected SET storage = ? "
                     + "WHERE rasterlayer_id = ?")) {
            move.setInt(1, layerId);
            move.setInt(2, copy.zoom());
            move.executeUpdate();
            mark.setString(1, Storage.KEPT.code);
            mark.setInt(2, layerId);
            mark.executeUpdate();
        }
    }

    /**
     * Within the transaction that swaps the layer's tiles: records the new tiles at the copy's zoom as the layer's
     * copy, replacing any other.
     */
    void recordTiles(Connection tx, int layerId, Copy copy) throws SQLException {
        deleteRows(tx, layerId);
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO rasterdesk_reprojected (rasterlayer_id, zoom, "
                + "source_pixel_size, inputs, storage) VALUES (?, ?, ?, ?, ?)")) {
            ps.setInt(1, layerId);
            ps.setInt(2, copy.zoom());
            ps.setDouble(3, copy.sourcePixelSize());
            ps.setString(4, copy.inputs());
            ps.setString(5, Storage.TILES.code);
            ps.executeUpdate();
        }
    }

    /** Within a transaction: forgets the layer's copy (the layer no longer wants one, or it is replaced). */
    void delete(Connection tx, int layerId) throws SQLException {
        deleteRows(tx, layerId);
    }

    /**
     * After the transaction: names the copy where django-raster looks for it, and drops a GeoTIFF copy of the old
     * kind that the new copy replaced.
     */
    void recorded(RasterLayer layer, boolean hasCopy) throws SQLException {
        files.delete(layer.id());
        if (hasCopy) {
            String name = SourceFileStore.djangoFileName(Path.of(layer.rasterfile() == null
                    || layer.rasterfile().isBlank() ? "layer-" + layer.id() + ".tif" : layer.rasterfile()));
            new RasterLayerRepository(dataSource).setReprojectedFile(layer.id(),
                    "rasters/reprojected/" + name.substring("rasters/".length()));
        }
    }

    private static void deleteRows(Connection tx, int layerId) throws SQLException {
        try (PreparedStatement tiles = tx.prepareStatement(
                "DELETE FROM rasterdesk_reprojectedtile WHERE rasterlayer_id = ?");
             PreparedStatement row = tx.prepareStatement(
                     "DELETE FROM rasterdesk_reprojected WHERE rasterlayer_id = ?")) {
            tiles.setInt(1, layerId);
            tiles.executeUpdate();
            row.setInt(1, layerId);
            row.executeUpdate();
        }
    }
}
