package org.rasterdesk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Tells a mosaic from a single raster on the command line: several files, or a folder of GeoTIFFs. */
final class MosaicInput {

    private MosaicInput() {
    }

    /**
     * @return the mosaic's files in order (a folder's GeoTIFFs by name), or empty when the sources name one raster
     * @throws IllegalArgumentException with one sentence when a source cannot be part of a mosaic
     */
    static List<Path> files(List<String> sources) throws IOException {
        if (sources.size() == 1) {
            Path only = Path.of(sources.get(0));
            if (!Files.isDirectory(only)) {
                return List.of();
            }
            List<Path> tiffs = tiffsIn(only);
            if (tiffs.isEmpty()) {
                throw new IllegalArgumentException("The folder " + only + " holds no GeoTIFF (.tif or .tiff) files.");
            }
            return tiffs.size() == 1 ? List.of() : tiffs;
        }
        List<Path> files = new ArrayList<>();
        for (String source : sources) {
            if (source.matches("(?i)(https?|s3)://.+")) {
                throw new IllegalArgumentException("A mosaic is made of local files; " + source + " is a URL "
                        + "(download it first, or make it a layer of its own).");
            }
            Path path = Path.of(source).toAbsolutePath();
            if (Files.isDirectory(path)) {
                files.addAll(tiffsIn(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("No such file: " + source);
            }
        }
        return files;
    }

    private static List<Path> tiffsIn(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.tiff?"))
                    .map(Path::toAbsolutePath).sorted().toList();
        }
    }
}
