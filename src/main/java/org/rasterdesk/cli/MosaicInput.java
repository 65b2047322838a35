package org.rasterdesk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicSources;
import org.rasterdesk.source.ParseCancelledException;

/**
 * Tells a mosaic from a single raster on the command line: several files or URLs, a folder of GeoTIFFs, or a zip
 * of several rasters (local, or a URL whose path ends in .zip).
 */
final class MosaicInput {

    /** What was downloaded or unpacked for a mosaic, deleted when the command ends. */
    static final class Fetched implements AutoCloseable {
        private MosaicSources sources;

        boolean any() {
            return sources != null;
        }

        @Override
        public void close() {
            if (sources != null) {
                sources.close();
            }
        }
    }

    private MosaicInput() {
    }

    /**
     * @param fetched keeps what URLs and zips of many rasters became on this machine until the command ends
     * @return the mosaic's files in order (a folder's GeoTIFFs by name, a zip's rasters by name), or empty when
     *     the sources name one raster
     * @throws IllegalArgumentException with one sentence when a source cannot be part of a mosaic
     */
    static List<Path> files(List<String> sources, Fetched fetched) throws IOException, ParseCancelledException {
        if (MosaicSources.needed(sources)) {
            MosaicSources got = MosaicSources.fetch(sources, FetchListener.NONE, () -> false);
            if (sources.size() == 1 && got.files().size() < 2) {
                // A URL of a zip of one raster: a layer of one raster, which keeps its URL.
                got.close();
                return List.of();
            }
            fetched.sources = got;
            return got.files();
        }
        if (sources.size() == 1) {
            Path only = Path.of(sources.get(0));
            if (!Files.isDirectory(only)) {
                return List.of();
            }
            List<Path> tiffs = MosaicSources.tiffsIn(only);
            if (tiffs.isEmpty()) {
                throw new IllegalArgumentException("The folder " + only + " holds no GeoTIFF (.tif or .tiff) files.");
            }
            return tiffs.size() == 1 ? List.of() : tiffs;
        }
        List<Path> files = new ArrayList<>();
        for (String source : sources) {
            Path path = Path.of(source).toAbsolutePath();
            if (Files.isDirectory(path)) {
                files.addAll(MosaicSources.tiffsIn(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("No such file: " + source);
            }
        }
        return files;
    }
}
