package org.rasterdesk.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A local raster file ready to read, and the temporary folder it lives in. Closing it deletes that folder; a
 * source read in place (a file:// URL, a file kept only by its path) is never deleted.
 */
public final class FetchedRaster implements AutoCloseable {

    private final Path file;
    private final java.util.List<Path> files;
    private final Path workDir;
    private final RasterSource source;

    FetchedRaster(Path file, Path workDir, RasterSource source) {
        this(java.util.List.of(file), workDir, source);
    }

    /** @param files every raster the source gave (a zip of several), in order */
    FetchedRaster(java.util.List<Path> files, Path workDir, RasterSource source) {
        this.file = files.get(0);
        this.files = java.util.List.copyOf(files);
        this.workDir = workDir;
        this.source = source;
    }

    /** The raster file to read. */
    public Path file() {
        return file;
    }

    /** Every raster the source gave: the one file, or each raster of a zip fetched with all of them. */
    public java.util.List<Path> files() {
        return files;
    }

    /** Where the bytes came from. */
    public RasterSource source() {
        return source;
    }

    /** True when {@link #file()} is a temporary copy that {@link #close()} deletes. */
    public boolean isTemporary() {
        return workDir != null && file.startsWith(workDir);
    }

    @Override
    public void close() {
        if (workDir != null) {
            deleteTree(workDir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.getLogger(FetchedRaster.class.getName())
                    .log(System.Logger.Level.WARNING, "Temporary raster folder " + dir + " not deleted: " + e);
        }
    }
}
