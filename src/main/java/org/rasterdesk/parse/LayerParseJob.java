package org.rasterdesk.parse;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

/**
 * Parses a stored layer from its own source, the one entry point of the window, the command line and workers:
 * finds the raster's bytes (the layer's source URL, else its file) and runs the parser on them.
 */
public final class LayerParseJob {

    private final DataSource dataSource;

    public LayerParseJob(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public ParseResult run(int layerId, ParseOptions options, ParseListener listener, BooleanSupplier cancelled)
            throws SQLException {
        RasterLayer layer = new RasterLayerRepository(dataSource).find(layerId)
                .orElseThrow(() -> new SQLException("There is no layer " + layerId));
        Path file;
        try {
            file = localFile(layer);
        } catch (IOException e) {
            return new ParseResult(ParseStatus.FAILED, false, e.getMessage(), new TreeMap<>(), 0);
        }
        return new LayerParser(dataSource).parse(layerId, file, options, listener, cancelled);
    }

    /** The local file of a layer whose source is a file on this machine (source_url wins, as in django-raster). */
    static Path localFile(RasterLayer layer) throws IOException {
        String url = layer.sourceUrl();
        Path path;
        if (url != null && url.startsWith("file:")) {
            path = Path.of(URI.create(url));
        } else if (url == null || url.isBlank()) {
            if (layer.rasterfile() == null || layer.rasterfile().isBlank()) {
                throw new IOException("Layer " + layer.id() + " has neither a file nor a URL to parse");
            }
            path = Path.of(layer.rasterfile());
        } else {
            throw new IOException("The source " + url + " of layer " + layer.id() + " cannot be read here");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("The file " + path + " of layer " + layer.id() + " does not exist");
        }
        return path;
    }
}
