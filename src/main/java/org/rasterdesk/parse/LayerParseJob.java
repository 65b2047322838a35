package org.rasterdesk.parse;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.MosaicSources;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.PendingUpload;
import org.rasterdesk.source.SourceException;
import org.rasterdesk.source.SourceFetcher;
import org.rasterdesk.source.SourceFileStore;

/**
 * Parses a stored layer from its own source, the one entry point of the window, the command line and workers:
 * the raster's bytes come from the upload kept in the database, a URL or an S3 object (django-raster's rule:
 * source_url wins over the file).
 */
public final class LayerParseJob {

    private final DataSource dataSource;

    public LayerParseJob(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ParseResult run(int layerId, ParseOptions options, ParseListener listener, BooleanSupplier cancelled)
            throws SQLException {
        try (SourceFetcher fetcher = SourceFetcher.withDefaults(new SourceFileStore(dataSource))) {
            return new LayerParser(dataSource, fetcher).parse(layerId, options, listener, cancelled);
        }
    }

    /** Parses from a local copy of the layer's source, e.g. the file the user just gave, instead of fetching it. */
    public ParseResult run(int layerId, Path localCopy, ParseOptions options, ParseListener listener,
                           BooleanSupplier cancelled) throws SQLException {
        return new LayerParser(dataSource).parse(layerId, localCopy, options, listener, cancelled);
    }

    /** Parses a mosaic layer from local copies of its files, in the layer's order, instead of fetching them. */
    public ParseResult run(int layerId, java.util.List<Path> localCopies, ParseOptions options,
                           ParseListener listener, BooleanSupplier cancelled) throws SQLException {
        return new LayerParser(dataSource).parse(layerId, localCopies, options, listener, cancelled);
    }

    /**
     * Adds rasters to a mosaic layer, parsing only the tiles they touch: local files, folders of GeoTIFFs, zips of
     * rasters, http(s) and s3 URLs, got as a new mosaic's are ({@link MosaicSources}) and deleted again after.
     */
    public ParseResult add(int layerId, java.util.List<String> sources, ParseOptions options, ParseListener listener,
                           BooleanSupplier cancelled) throws SQLException, java.io.IOException {
        if (new MosaicFiles(dataSource).find(layerId).isEmpty()) {
            throw new IllegalArgumentException("Layer " + layerId + " is not a mosaic: files can be added only to a "
                    + "layer made of several files.");
        }
        try (MosaicSources fetched = MosaicSources.fetch(sources, FetchListener.NONE, cancelled)) {
            if (fetched.files().isEmpty()) {
                throw new SourceException("There is no raster to add in " + String.join(", ", sources) + ".");
            }
            return new LayerParser(dataSource).add(layerId, fetched.files(), options, listener, cancelled);
        } catch (ParseCancelledException e) {
            return new ParseResult(new org.rasterdesk.layer.ParseStatusRepository(dataSource).status(layerId), true,
                    "Adding files was cancelled while they were fetched.", new java.util.TreeMap<>(), 0);
        }
    }

    /**
     * Parses a new layer from its local file (or a new mosaic layer from its files) while the bytes go into the
     * database; the layer is finished only once both are done.
     */
    public ParseResult run(PendingUpload upload, ParseOptions options, ParseListener listener,
                           BooleanSupplier cancelled) throws SQLException {
        return new LayerParser(dataSource).parse(upload, options, listener, cancelled);
    }
}
