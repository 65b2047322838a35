package org.rasterdesk.source;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

/**
 * The files of mosaic layers: one layer made of several rasters, kept in their order with the layer (each as an
 * upload is kept, zipped with its side files when it has any, so that any machine can parse the layer again and
 * georeference each file as its world file, .prj or .aux.xml did), and which file wins where they overlap.
 */
public final class MosaicFiles {

    private static final String KIND_PREFIX = "part-";
    /** A file being added to a mosaic: kept like a part, but not one of them until its parse has finished. */
    private static final String ADDITION_PREFIX = "adding-";

    /** A mosaic layer's files, in the order the user gave them, and the rule for overlaps. */
    public record Mosaic(int layerId, boolean firstWins, List<StoredFile> files) {

        /** What the tiles depend on: the files' contents and order, and the rule. */
        public String fingerprint() {
            StringBuilder s = new StringBuilder(firstWins ? "first-wins" : "last-wins");
            for (StoredFile f : files) {
                s.append(',').append(f.sha256() != null ? f.sha256() : f.path());
            }
            return s.toString();
        }
    }

    private final DataSource dataSource;
    private final RasterLayerRepository layers;

    public MosaicFiles(DataSource dataSource) {
        this.dataSource = dataSource;
        this.layers = new RasterLayerRepository(dataSource);
    }

    static String partKind(int position) {
        return String.format(Locale.ROOT, KIND_PREFIX + "%04d", position);
    }

    static String additionKind(int position) {
        return String.format(Locale.ROOT, ADDITION_PREFIX + "%04d", position);
    }

    /**
     * Stores files being added to the mosaic after its parts (any addition left by a process that died goes
     * first), and returns them. They become parts only with {@link #commitAdditions}, in the transaction that swaps the tiles they
     * made; until then a re-parse or a worker sees the mosaic as it was.
     */
    public List<StoredFile> stageAddition(Mosaic mosaic, List<Path> files, BooleanSupplier cancelled)
            throws IOException, SQLException, ParseCancelledException {
        dropAdditions(mosaic.layerId());
        try {
            List<SideFileZip> uploads = SideFileZip.of(files);
            List<StoredFile> stored = new ArrayList<>();
            for (int i = 0; i < uploads.size(); i++) {
                stored.add(SourceFileStore.mosaicAddition(dataSource, mosaic.files().size() + i + 1)
                        .store(mosaic.layerId(), uploads.get(i), FetchListener.NONE, cancelled, nanos -> { }));
            }
            return stored;
        } catch (IOException | SQLException | ParseCancelledException | RuntimeException e) {
            dropAdditions(mosaic.layerId());
            throw e;
        }
    }

    /** Within the transaction that swaps the tiles: the staged files become the mosaic's last parts. */
    public static void commitAdditions(Connection tx, int layerId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE rasterdesk_sourcefile SET kind = ? || substr(kind, ?) "
                + "WHERE rasterlayer_id = ? AND kind LIKE ?")) {
            ps.setString(1, KIND_PREFIX);
            ps.setInt(2, ADDITION_PREFIX.length() + 1);
            ps.setInt(3, layerId);
            ps.setString(4, ADDITION_PREFIX + "%");
            ps.executeUpdate();
        }
    }

    /** Within the transaction that swaps a mosaic's tiles: how they were resampled. */
    public static void recordResampling(Connection tx, int layerId, String resampling) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "UPDATE rasterdesk_mosaic SET resampling = ? WHERE rasterlayer_id = ?")) {
            ps.setString(1, resampling);
            ps.setInt(2, layerId);
            ps.executeUpdate();
        }
    }

    /**
     * How the mosaic's tiles were resampled at its last parse, by the method's name (sources know no tiling);
     * empty before one, or for a layer that is none.
     */
    public Optional<String> resampling(int layerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT resampling FROM rasterdesk_mosaic WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) {
                    return Optional.empty();
                }
                return Optional.of(rs.getString(1));
            }
        }
    }

    /** Forgets files staged for an addition that did not finish (their large objects go with them). */
    public void dropAdditions(int layerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM rasterdesk_sourcefile WHERE rasterlayer_id = ? AND kind LIKE ?")) {
            ps.setInt(1, layerId);
            ps.setString(2, ADDITION_PREFIX + "%");
            ps.executeUpdate();
        }
    }

    /**
     * Makes a mosaic layer of the files, in this order; the layer's rasterfile names the first (what django-raster
     * would show).
     *
     * @param keepPath keep only the files' paths, for very large files on a disk every client shares
     */
    public RasterLayer create(RasterLayer template, List<Path> files, boolean firstWins, boolean keepPath)
            throws IOException, SQLException {
        RasterLayer layer = createLayer(template, files, firstWins);
        try {
            // A file kept by its path finds its side files beside it.
            List<SideFileZip> uploads = keepPath ? null : SideFileZip.of(files);
            for (int i = 0; i < files.size(); i++) {
                SourceFileStore store = SourceFileStore.mosaicPart(dataSource, i + 1);
                if (keepPath) {
                    store.keepPathOnly(layer.id(), files.get(i));
                } else {
                    store.store(layer.id(), uploads.get(i), FetchListener.NONE, () -> false, nanos -> { });
                }
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

    /**
     * Makes the mosaic layer at once and leaves its files' bytes to be stored while the layer is parsed from the
     * files (see {@link PendingUpload}): the parse that is given the upload starts it and waits for it at the end.
     */
    public PendingUpload begin(RasterLayer template, List<Path> files, boolean firstWins)
            throws IOException, SQLException {
        List<SideFileZip> uploads = SideFileZip.of(files);
        return new PendingUpload(dataSource, createLayer(template, files, firstWins), uploads, true);
    }

    private RasterLayer createLayer(RasterLayer template, List<Path> files, boolean firstWins) throws SQLException {
        if (files.size() < 2) {
            throw new IllegalArgumentException("A mosaic needs at least two files.");
        }
        RasterLayer layer = layers.create(template.withSourceUrl("")
                .withRasterfile(SourceFileStore.djangoFileName(files.get(0))));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO rasterdesk_mosaic (rasterlayer_id, first_wins) VALUES (?, ?)")) {
            ps.setInt(1, layer.id());
            ps.setBoolean(2, firstWins);
            ps.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            layers.delete(layer.id());
            throw e;
        }
        return layer;
    }

    /** The layer's mosaic, or empty for a layer of one raster. */
    public Optional<Mosaic> find(int layerId) throws SQLException {
        return find(layerId, "part-%");
    }

    /**
     * The layer's mosaic as it will be once the files staged for an addition ({@link #stageAddition}) have become
     * its parts: its files, then the staged ones. For the workers that parse the addition.
     */
    public Optional<Mosaic> findWithAdditions(int layerId) throws SQLException {
        return find(layerId, "%");
    }

    private Optional<Mosaic> find(int layerId, String kinds) throws SQLException {
        boolean firstWins;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT first_wins FROM rasterdesk_mosaic WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                firstWins = rs.getBoolean(1);
            }
        }
        List<StoredFile> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, size, sha256, path, created "
                     + "FROM rasterdesk_sourcefile WHERE rasterlayer_id = ? AND (kind LIKE 'part-%' OR kind LIKE ?) "
                     + "AND kind LIKE ? ORDER BY substr(kind, strpos(kind, '-') + 1)")) {
            ps.setInt(1, layerId);
            ps.setString(2, ADDITION_PREFIX + "%");
            ps.setString(3, kinds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(4);
                    files.add(new StoredFile(layerId, rs.getString(1), rs.getLong(2), rs.getString(3),
                            path == null ? null : Path.of(path), rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return Optional.of(new Mosaic(layerId, firstWins, files));
    }

    /**
     * Local copies of the mosaic's files, in order (files kept by path are read where they lie; a file kept zipped
     * with its side files is unpacked with them, as a layer's upload is). The caller closes them; on failure nothing
     * is left behind.
     */
    public List<FetchedRaster> fetch(Mosaic mosaic, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        List<FetchedRaster> fetched = new ArrayList<>();
        try {
            for (int i = 0; i < mosaic.files().size(); i++) {
                fetched.add(fetch(mosaic, i, listener, cancelled));
            }
            return fetched;
        } catch (IOException | ParseCancelledException | RuntimeException e) {
            fetched.forEach(FetchedRaster::close);
            throw e;
        }
    }

    /** A local copy of one file of the mosaic (its index in the list), as {@link #fetch(Mosaic, FetchListener,
     * BooleanSupplier)} makes of each: for a worker that warps that file alone. */
    public FetchedRaster fetch(Mosaic mosaic, int index, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        StoredFile file = mosaic.files().get(index);
        SourceFileStore store = SourceFileStore.mosaicPart(dataSource, index + 1);
        boolean part;
        try {
            part = store.find(mosaic.layerId()).isPresent();
        } catch (SQLException e) {
            throw new IOException("The mosaic's file " + file.name() + " cannot be looked up: " + e.getMessage(), e);
        }
        if (!part) {
            // A file staged for an addition, at the position it takes once it is a part.
            store = SourceFileStore.mosaicAddition(dataSource, index + 1);
        }
        try (SourceFetcher fetcher = SourceFetcher.withDefaults(store)) {
            return fetcher.fetch(new RasterSource.UploadedFile(mosaic.layerId(), "rasters/" + file.name()), listener,
                    cancelled);
        }
    }
}
