package org.rasterdesk.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The files of a mosaic on this machine, from what the user gave: local rasters, folders of GeoTIFFs, zips of many
 * rasters, http(s) and s3 URLs. A URL is fetched and a zip unpacked by the code a layer of one raster uses
 * ({@link SourceFetcher}, {@link ZipRasterExtractor}); the mosaic then keeps the files in the database, so that a
 * re-parse or a worker needs none of the sources again. Closing deletes what was downloaded or unpacked.
 */
public final class MosaicSources implements AutoCloseable {

    private final List<Path> files;
    private final List<FetchedRaster> fetched;
    private final List<Path> unpacked;

    private MosaicSources(List<Path> files, List<FetchedRaster> fetched, List<Path> unpacked) {
        this.files = files;
        this.fetched = fetched;
        this.unpacked = unpacked;
    }

    /** Whether a source names a raster on the network rather than on this machine. */
    public static boolean isUrl(String source) {
        return source.matches("(?i)(https?|s3)://.+");
    }

    /**
     * Whether a URL names a zip archive (by its path's ending), which may hold several rasters: only its download
     * tells.
     */
    public static boolean isZipUrl(String source) {
        return isUrl(source) && source.replaceFirst("[?#].*$", "").toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /**
     * Whether the sources need this class: a URL among several sources, a URL of a zip, or a local zip holding
     * several rasters.
     */
    public static boolean needed(List<String> sources) {
        for (String source : sources) {
            if (isUrl(source) ? sources.size() > 1 || isZipUrl(source) : isZipOfMany(Path.of(source))) {
                return true;
            }
        }
        return false;
    }

    /** A local zip archive holding more than one raster. */
    public static boolean isZipOfMany(Path file) {
        try {
            return Files.isRegularFile(file) && ZipRasterExtractor.isZip(file)
                    && ZipRasterExtractor.rasterCount(file) > 1;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The sources' rasters in order: a folder's GeoTIFFs by name, a zip's rasters by name, a URL's file.
     *
     * @throws SourceException with one sentence when a source cannot be had; nothing is left behind then
     */
    public static MosaicSources fetch(List<String> sources, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        List<Path> files = new ArrayList<>();
        List<FetchedRaster> fetched = new ArrayList<>();
        List<Path> unpacked = new ArrayList<>();
        MosaicSources result = new MosaicSources(files, fetched, unpacked);
        try (SourceFetcher fetcher = SourceFetcher.withDefaults(null)) {
            for (String source : sources) {
                if (isUrl(source)) {
                    // A URL of a zip of several rasters gives them all, as a local zip does.
                    FetchedRaster one = fetcher.fetchEvery(RasterSource.parse(0, source, null), listener, cancelled);
                    fetched.add(one);
                    files.addAll(one.files());
                    continue;
                }
                Path path = Path.of(source).toAbsolutePath();
                if (Files.isDirectory(path)) {
                    files.addAll(tiffsIn(path));
                } else if (isZipOfMany(path)) {
                    Path dir = Files.createTempDirectory("rasterdesk-mosaic-");
                    unpacked.add(dir);
                    files.addAll(new ZipRasterExtractor(ZipRasterExtractor.Limits.DEFAULT).extractRasters(path, dir,
                            path.getFileName().toString(), listener, cancelled));
                } else if (Files.isRegularFile(path)) {
                    files.add(path);
                } else {
                    throw new SourceException("No such file: " + source);
                }
            }
            return result;
        } catch (IOException | ParseCancelledException | RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** The folder's GeoTIFFs, by name. */
    public static List<Path> tiffsIn(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.tiff?"))
                    .map(Path::toAbsolutePath).sorted().toList();
        }
    }

    /** The mosaic's files on this machine, in order. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    @Override
    public void close() {
        fetched.forEach(FetchedRaster::close);
        unpacked.forEach(FetchedRaster::deleteTree);
    }
}
