package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import org.rasterdesk.raster.RasterFiles;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.FetchedRaster;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.RasterSource;
import org.rasterdesk.source.SourceFetcher;

/**
 * Looks at a local raster file before a layer is made of it, through the same source handling as a parse (a zip
 * is unpacked, side files come along) and the same readers: so the command line and the window refuse what a
 * parse would refuse, with the same sentence.
 */
public final class RasterProbe {

    /** What to do with the opened raster. */
    @FunctionalInterface
    public interface Look<T> {
        T at(RasterReader reader) throws IOException;
    }

    private RasterProbe() {
    }

    /** Fails with one sentence when the file is not a raster RasterDesk reads. */
    public static void check(Path file) throws IOException {
        look(file, reader -> null);
    }

    /**
     * Opens the file's raster and hands it to {@code look}.
     *
     * @throws IOException with one sentence when the file cannot be read, also when it would need more memory
     */
    public static <T> T look(Path file, Look<T> look) throws IOException {
        try (SourceFetcher fetcher = SourceFetcher.localFiles();
             FetchedRaster fetched = fetcher.fetch(new RasterSource.LocalPath(file), FetchListener.NONE, () -> false);
             RasterReader reader = RasterFiles.open(fetched.file())) {
            return look.at(reader);
        } catch (ParseCancelledException e) {
            throw new IOException("Looking at " + file.getFileName() + " was cancelled", e);
        } catch (OutOfMemoryError e) {
            throw new IOException(file.getFileName() + " needs more memory than Java was given to be read", e);
        }
    }
}
