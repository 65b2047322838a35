package org.rasterdesk.parse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.StoredFile;

/**
 * The one place that chooses what a pre-flight reads before a parse, for the layer's form and for the question asked
 * before a parse is queued for the workers: the raster's header where it is at hand without a download (files just
 * given, a {@code file:} URL, the file kept in the database, each file of a mosaic), and otherwise one sentence
 * saying why there is none yet (a raster at a URL: the parse downloads it and tells its pre-flight in the log).
 */
public final class QueuePreflight {

    /**
     * A mosaic whose files kept in the database weigh more than this is not copied just to read its headers: its
     * parse tells the pre-flight.
     */
    static final long MAX_STORED_BYTES = 2_000_000_000L;

    private static final Logger LOG = Logger.getLogger(QueuePreflight.class.getName());

    /**
     * What a pre-flight can be computed from.
     *
     * @param file        the headers read, null when there are none
     * @param unavailable why there is no pre-flight before the parse, one sentence; null when there is one or when
     *                    there is nothing to say (a layer without a source)
     */
    public record Header(FilePreflight file, String unavailable) {

        static Header of(FilePreflight file) {
            return new Header(file, null);
        }

        static Header none(String why) {
            return new Header(null, why);
        }
    }

    /**
     * The pre-flight before queuing, or the sentence the log gets instead.
     *
     * @param preflight empty when it cannot be known before a worker reads the source
     * @param said      why there is none, for the log; null when there is one
     */
    public record Outcome(Optional<Preflight> preflight, String said) {
    }

    private final DataSource dataSource;

    public QueuePreflight(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Reads what a pre-flight of the layer's parse needs, off the FX thread.
     *
     * @param source     the layer's source as the form holds it (a {@code file:}, http(s) or s3 URL, or the stored
     *                   file's name "rasters/NAME.tif"); a mosaic's files are the layer's, whatever it says
     * @param localFiles the layer's rasters on this machine (files just given, in the mosaic's order), or empty to
     *                   read its source
     * @throws IOException with one sentence when the raster is at hand but cannot be read
     */
    public Header header(int layerId, String source, Integer srid, List<Path> localFiles)
            throws IOException, SQLException {
        if (!localFiles.isEmpty()) {
            return Header.of(FilePreflight.read(localFiles, srid));
        }
        Optional<MosaicFiles.Mosaic> mosaic = new MosaicFiles(dataSource).find(layerId);
        if (mosaic.isPresent()) {
            return mosaicHeader(layerId, mosaic.get(), srid);
        }
        if (source == null || source.isBlank()) {
            return Header.none(null);
        }
        if (source.startsWith("file:")) {
            Path path;
            try {
                path = Path.of(URI.create(source));
            } catch (IllegalArgumentException e) {
                throw new IOException("\"" + source + "\" is no file's URL.", e);
            }
            if (!Files.isRegularFile(path)) {
                throw new IOException("no file " + path + " on this computer.");
            }
            return Header.of(FilePreflight.read(path, srid));
        }
        if (isStoredUpload(source)) {
            return Header.of(FilePreflight.readStored(dataSource, layerId, source, Optional.empty(), srid));
        }
        return Header.none("No pre-flight before the parse: the raster at " + source + " is read only when the "
                + "parse downloads it, and its log tells the pre-flight then.");
    }

    private Header mosaicHeader(int layerId, MosaicFiles.Mosaic mosaic, Integer srid) throws IOException {
        List<StoredFile> files = mosaic.files();
        if (files.isEmpty()) {
            return Header.none("No pre-flight: the mosaic has no files.");
        }
        long stored = files.stream().filter(StoredFile::inDatabase).mapToLong(StoredFile::size).sum();
        if (stored > MAX_STORED_BYTES) {
            return Header.none("No pre-flight before the parse: the mosaic's " + Counted.grouped(files.size(), "file")
                    + " kept in the database (" + Preflight.size(stored) + ") would have to be copied to read their "
                    + "headers; its parse tells the pre-flight in the log.");
        }
        return Header.of(FilePreflight.readStored(dataSource, layerId, "rasters/" + files.get(0).name(),
                Optional.of(mosaic), srid));
    }

    /**
     * The pre-flight of a layer's parse before it is queued for the workers, with the layer's stored settings.
     *
     * @param localFiles the layer's rasters on this machine (files just given), or empty to look at its source
     */
    public Outcome of(int layerId, List<Path> localFiles) throws SQLException {
        Optional<RasterLayer> found = new RasterLayerRepository(dataSource).find(layerId);
        if (found.isEmpty()) {
            return new Outcome(Optional.empty(), null);
        }
        RasterLayer layer = found.get();
        String source = !layer.sourceUrl().isEmpty() ? layer.sourceUrl() : layer.rasterfile();
        try {
            Header header = header(layerId, source, layer.srid(), localFiles);
            if (header.file() == null) {
                return new Outcome(Optional.empty(), header.unavailable());
            }
            return new Outcome(Optional.of(header.file().preflight(layer.maxZoom(), layer.nextHigher(),
                    layer.buildPyramid(), ParseRates.measured(dataSource))), null);
        } catch (IOException | RuntimeException e) {
            // The worker reads the raster again and fails with the reason in the layer's log.
            LOG.log(Level.FINE, "No pre-flight of layer " + layerId + " before queuing it", e);
            return new Outcome(Optional.empty(), "No pre-flight before queuing: " + e.getMessage());
        }
    }

    /** Whether a source is a file kept in the database: a stored name ("rasters/NAME.tif"), no URL. */
    static boolean isStoredUpload(String source) {
        return source != null && !source.isBlank() && !source.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    }
}
