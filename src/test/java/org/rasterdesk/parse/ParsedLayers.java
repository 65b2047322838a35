package org.rasterdesk.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.db.TileRows;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

/** Test helper: layers made from real files and parsed into the shared test database. */
final class ParsedLayers {

    final DataSource dataSource = TestDatabase.shared().dataSource();
    final RasterLayerRepository layers = new RasterLayerRepository(dataSource);
    final List<String> log = new ArrayList<>();

    static Path data(String relative) {
        return Path.of(System.getProperty("rasterdesk.test.data", "../shared/data")).resolve(relative);
    }

    RasterLayer create(String name, DataType type, Path file) {
        return layers.create(RasterLayer.create(name).withDatatype(type).withSourceUrl(file.toUri().toString()));
    }

    ParseResult parse(RasterLayer layer, Path file) throws Exception {
        return parse(layer, file, () -> false);
    }

    ParseResult parse(RasterLayer layer, Path file, BooleanSupplier cancelled) throws Exception {
        return parse(layer, file, cancelled, ParseListener.NONE);
    }

    /** Parses the file as the layer's source (the layer's source URL is set to it first, as a user would). */
    ParseResult parse(RasterLayer layer, Path file, BooleanSupplier cancelled, ParseListener extra) throws Exception {
        String url = file.toUri().toString();
        RasterLayer stored = layers.find(layer.id()).orElseThrow();
        if (!url.equals(stored.sourceUrl())) {
            layers.update(stored.withSourceUrl(url));
        }
        ParseListener listener = new ParseListener() {
            @Override
            public void logLine(String line) {
                log.add(line);
                extra.logLine(line);
            }

            @Override
            public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                extra.progress(fraction, tilesDone, tilesPerSecond);
            }
        };
        return new LayerParser(dataSource).parse(layer.id(), file, ParseOptions.defaults(), listener, cancelled);
    }

    /** A column of each of a layer's tiles by "z/x/y", e.g. md5(ST_AsBinary(rast)) or rid::text. */
    static java.util.Map<String, String> tileColumn(DataSource dataSource, int layerId, String column)
            throws java.sql.SQLException {
        return TileRows.column(dataSource, layerId, column);
    }
}
