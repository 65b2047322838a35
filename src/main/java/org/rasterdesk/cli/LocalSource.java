package org.rasterdesk.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rasterdesk.layer.RasterLayer;

/** The local file of a layer whose source is a file on this machine. */
final class LocalSource {
    private LocalSource() {
    }

    static Path of(RasterLayer layer) {
        String url = layer.sourceUrl();
        Path path = null;
        if (url != null && url.startsWith("file:")) {
            path = Path.of(URI.create(url));
        } else if (url == null || url.isBlank()) {
            path = layer.rasterfile() == null ? null : Path.of(layer.rasterfile());
        }
        if (path == null || !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("The source of layer " + layer.id() + " is not a file on this machine: "
                    + (url == null || url.isBlank() ? layer.rasterfile() : url));
        }
        return path;
    }
}
