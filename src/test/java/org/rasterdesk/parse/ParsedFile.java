package org.rasterdesk.parse;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

/** Test fixture: a real raster file made a layer and parsed into a database, as the parse command does. */
public final class ParsedFile {

    private ParsedFile() {
    }

    /** The test data file at a path relative to ../shared/data (the {@code rasterdesk.test.data} property). */
    public static Path data(String relative) {
        return Path.of(System.getProperty("rasterdesk.test.data", "../shared/data")).resolve(relative);
    }

    /**
     * Makes the layer and parses it.
     *
     * @return the new layer's id
     * @throws IllegalStateException when the parse does not finish
     */
    public static int parse(DataSource dataSource, String name, DataType datatype, Path file) throws Exception {
        RasterLayer layer = new RasterLayerRepository(dataSource).create(RasterLayer.create(name)
                .withDatatype(datatype).withSourceUrl(file.toUri().toString()));
        ParseResult result = new LayerParser(dataSource).parse(layer.id(), file, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        if (!result.finished()) {
            throw new IllegalStateException("parsing " + file + " did not finish: " + result.message());
        }
        return layer.id();
    }
}
