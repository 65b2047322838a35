package org.rasterdesk.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Gets a local file to read for a RasterLayer's source: downloads URLs and S3 objects, copies uploads out of the
 * database, and unpacks zip archives, each into its own temporary folder that the returned {@link FetchedRaster}
 * deletes when closed.
 */
public final class SourceFetcher implements AutoCloseable {

    private final SourceFileStore store;
    private final HttpDownloader http;
    private final S3Downloader s3;
    private final ZipRasterExtractor zip;
    private final Path workRoot;
    private final Path mediaRoot;

    /**
     * @param store     the uploads kept in the database, or null when there is no database
     * @param workRoot  where temporary folders go, or null for the system's temporary folder
     * @param mediaRoot django-raster's MEDIA_ROOT, to read uploads it kept on disk; may be null
     */
    public SourceFetcher(SourceFileStore store, HttpDownloader http, S3Downloader s3, ZipRasterExtractor zip,
                         Path workRoot, Path mediaRoot) {
        this.store = store;
        this.http = http;
        this.s3 = s3;
        this.zip = zip;
        this.workRoot = workRoot;
        this.mediaRoot = mediaRoot;
    }

    /** The default fetcher: default timeouts and limits, S3 settings from the environment, the system temp folder. */
    public static SourceFetcher withDefaults(SourceFileStore store) {
        return new SourceFetcher(store, new HttpDownloader(HttpDownloader.Settings.DEFAULT),
                new S3Downloader(S3Settings.fromEnvironment()), new ZipRasterExtractor(ZipRasterExtractor.Limits.DEFAULT),
                null, null);
    }

    /**
     * A fetcher of local files only (file paths and file:// URLs): it unzips them as every other source, and has no
     * database, network or S3 access.
     */
    public static SourceFetcher localFiles() {
        return new SourceFetcher(null, null, null, new ZipRasterExtractor(ZipRasterExtractor.Limits.DEFAULT), null,
                null);
    }

    /**
     * Makes a local raster file for {@code source}. The caller closes the result when done with the file.
     *
     * @param listener  told of progress on this thread
     * @param cancelled checked several times a second; when it turns true the fetch stops and leaves nothing behind
     * @throws SourceException with a one-sentence message when the bytes cannot be got
     * @throws ParseCancelledException when {@code cancelled} turned true
     */
    public FetchedRaster fetch(RasterSource source, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        return fetch(source, false, listener, cancelled);
    }

    /**
     * As {@link #fetch}, with every raster of a zip of several (by name, see {@link FetchedRaster#files()}): the
     * files of a mosaic given as one archive.
     */
    public FetchedRaster fetchEvery(RasterSource source, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        return fetch(source, true, listener, cancelled);
    }

    private FetchedRaster fetch(RasterSource source, boolean every, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        Path inPlace = inPlace(source);
        if (inPlace != null) {
            return unzipIfNeeded(inPlace, null, source, every, listener, cancelled);
        }
        Path dir = workRoot == null ? Files.createTempDirectory("rasterdesk-source-")
                : Files.createTempDirectory(Files.createDirectories(workRoot), "rasterdesk-source-");
        try {
            Path file = dir.resolve(SafeFileName.of(source.fileName()));
            if ((source instanceof RasterSource.HttpUrl && http == null)
                    || (source instanceof RasterSource.S3Object && s3 == null)
                    || (source instanceof RasterSource.UploadedFile && store == null)) {
                throw new SourceException("This fetcher reads local files only, not " + source.describe() + ".");
            }
            if (source instanceof RasterSource.HttpUrl h) {
                http.download(h.uri(), file, listener, cancelled);
            } else if (source instanceof RasterSource.S3Object o) {
                s3.download(o.bucket(), o.key(), file, listener, cancelled);
            } else if (source instanceof RasterSource.UploadedFile u) {
                copyUpload(u, file, listener, cancelled);
            } else {
                throw new IllegalStateException("Unhandled source " + source);
            }
            return unzipIfNeeded(file, dir, source, every, listener, cancelled);
        } catch (IOException | ParseCancelledException | RuntimeException e) {
            FetchedRaster.deleteTree(dir);
            throw e;
        }
    }

    /** A file read where it lies: a file:// URL, a file kept by path, or an upload in django-raster's media folder. */
    private Path inPlace(RasterSource source) throws IOException {
        if (source instanceof RasterSource.LocalPath p) {
            if (!Files.isRegularFile(p.path())) {
                throw new SourceException("The file " + p.path() + " does not exist on this machine.");
            }
            return p.path();
        }
        if (source instanceof RasterSource.UploadedFile u) {
            Optional<StoredFile> stored = find(u);
            if (stored.isPresent() && !stored.get().inDatabase()) {
                Path path = stored.get().path();
                if (!Files.isRegularFile(path)) {
                    throw new SourceException("Layer " + u.rasterLayerId() + " keeps only the path of its file, "
                            + path + ", which does not exist on this machine.");
                }
                return path;
            }
            if (stored.isEmpty()) {
                Path media = mediaRoot == null ? null : mediaRoot.resolve(u.rasterfile()).normalize();
                if (media != null && media.startsWith(mediaRoot) && Files.isRegularFile(media)) {
                    return media;
                }
                throw new SourceException("The uploaded file " + u.rasterfile() + " of layer " + u.rasterLayerId()
                        + " is not stored in the database" + (mediaRoot == null ? "." : " nor in " + mediaRoot
                        + "."));
            }
        }
        return null;
    }

    private Optional<StoredFile> find(RasterSource.UploadedFile u) throws SourceException {
        if (store == null) {
            return Optional.empty();
        }
        try {
            return store.find(u.rasterLayerId());
        } catch (SQLException e) {
            throw new SourceException("Could not look up the uploaded file of layer " + u.rasterLayerId() + ": "
                    + e.getMessage(), e);
        }
    }

    private void copyUpload(RasterSource.UploadedFile u, Path file, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        try {
            store.copyTo(u.rasterLayerId(), file, listener, cancelled);
        } catch (SQLException e) {
            throw new SourceException("Could not read the uploaded file of layer " + u.rasterLayerId()
                    + " from the database: " + e.getMessage(), e);
        }
    }

    private FetchedRaster unzipIfNeeded(Path file, Path dir, RasterSource source, boolean every,
                                        FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        if (!ZipRasterExtractor.isZip(file)) {
            return new FetchedRaster(dir != null ? withTiffExtension(file) : file, dir, source);
        }
        Path unzipDir = dir != null ? Files.createDirectory(dir.resolve("unzipped"))
                : workRoot == null ? Files.createTempDirectory("rasterdesk-source-")
                : Files.createTempDirectory(Files.createDirectories(workRoot), "rasterdesk-source-");
        try {
            List<Path> rasters = every && ZipRasterExtractor.rasterCount(file) > 1
                    ? zip.extractRasters(file, unzipDir, source.fileName(), listener, cancelled)
                    : List.of(zip.extractRaster(file, unzipDir, source.fileName(), listener, cancelled));
            if (dir != null) {
                // The archive is no longer needed; free its disk space before the parse starts.
                Files.delete(file);
            }
            return new FetchedRaster(rasters, dir != null ? dir : unzipDir, source);
        } catch (IOException | ParseCancelledException | RuntimeException e) {
            FetchedRaster.deleteTree(dir != null ? dir : unzipDir);
            throw e;
        }
    }

    /**
     * A download named by its URL ({@code /download?id=5}) may lack an extension; readers that go by the name
     * then need one, so a TIFF gets {@code .tif}.
     */
    private static Path withTiffExtension(Path file) throws IOException {
        if (ZipRasterExtractor.isRasterName(file.getFileName().toString()) || !isTiff(file)) {
            return file;
        }
        return Files.move(file, file.resolveSibling(file.getFileName() + ".tif"));
    }

    static boolean isTiff(Path file) throws IOException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) < 4) {
                return false;
            }
        }
        // Classic TIFF has version 42, BigTIFF 43, in either byte order.
        boolean little = head[0] == 'I' && head[1] == 'I' && head[3] == 0 && (head[2] == 42 || head[2] == 43);
        boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return little || big;
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }
}
