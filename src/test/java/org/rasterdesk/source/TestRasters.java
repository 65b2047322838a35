package org.rasterdesk.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real GeoTIFFs of ../shared/data used by the source tests. */
final class TestRasters {

    private TestRasters() {
    }

    static Path real(String name) {
        String dir = System.getProperty("rasterdesk.test.data", "../shared/data");
        Path file = Path.of(dir, "real", name).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(file), "test raster missing: " + file);
        return file;
    }
}
