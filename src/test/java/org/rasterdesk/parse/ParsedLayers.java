package org.rasterdesk.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.db.TestDatabase;
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

    ParseResult parse(RasterLayer layer, Path file, BooleanSupplier cancelled, ParseListener extra) throws Exception {
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
}
