package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterOverrides;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.source.SourceFileStore;
import org.rasterdesk.source.StoredFile;
import org.rasterdesk.source.StoredZip;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.SourceFootprint;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.ZoomChoice;
import org.rasterdesk.tiling.ZoomLevels;

/**
 * The pre-flight of local raster files before any parse, for a layer's form and the question before queuing: the
 * header and footprint of the layer's file (or each file of a mosaic) are read once, then each max zoom the user
 * types gets its {@link Preflight} (tiles per zoom, size, time, the zoom's reason, warnings) at once, computed as the
 * parse computes it: a mosaic's tiles cover the union of its files' footprints, its max zoom follows the finest file.
 */
public final class FilePreflight {

    private static final Logger LOG = Logger.getLogger(FilePreflight.class.getName());
    /** Side files copied whole for a header at most: a world file or .prj is tiny, an overview file may not be. */
    private static final long MAX_SIDE_FILE_BYTES = 16L << 20;

    /** One file's header and where its pixels lie. */
    private record Header(String name, RasterInfo info, SourceProjection projection) {
    }

    private final RasterInfo info;
    private final SourceProjection projection;
    private final List<Extent> footprint;
    private final double pixelSize;
    /** For a mosaic, the number of files and the finest one's name, which decides the max zoom; else null. */
    private final String mosaicNote;

    private FilePreflight(List<Header> headers) {
        // As the parse does: the first file's header (its CRS's checks), the finest file's pixel size.
        this.info = headers.get(0).info();
        List<Extent> extents = new ArrayList<>();
        Header finest = headers.get(0);
        double finestSize = Double.POSITIVE_INFINITY;
        double coarsest = 0;
        for (Header h : headers) {
            extents.addAll(SourceFootprint.parts(h.projection()));
            double size = ZoomLevels.sourcePixelSize(h.projection());
            coarsest = Math.max(coarsest, size);
            if (size < finestSize) {
                finestSize = size;
                finest = h;
            }
        }
        this.projection = finest.projection();
        this.footprint = List.copyOf(extents);
        this.pixelSize = finestSize;
        // Files of one resolution have no finest to name (the parse's log tells it the same way).
        this.mosaicNote = headers.size() < 2 ? null : "Mosaic of " + headers.size() + " files, over their union"
                + (coarsest > finestSize * 1.000001 ? "; the finest, " + finest.name() + ", decides the max zoom."
                : ".");
    }

    /**
     * Reads the file's header through the same source handling and readers as a parse.
     *
     * @param srid the layer's SRID, overriding the file's CRS as the parse does; null for the file's own
     * @throws IOException with one sentence when the file cannot be read or its CRS not projected to web mercator
     */
    public static FilePreflight read(Path file, Integer srid) throws IOException {
        return read(List.of(file), srid);
    }

    /**
     * Reads the headers of a mosaic's files, in its order (one file: as {@link #read(Path, Integer)}).
     *
     * @throws IOException with one sentence naming the file that cannot be read
     */
    public static FilePreflight read(List<Path> files, Integer srid) throws IOException {
        if (files.isEmpty()) {
            throw new IOException("There is no file to read.");
        }
        List<Header> headers = new ArrayList<>();
        for (Path file : files) {
            headers.add(RasterProbe.look(file, reader -> {
                RasterInfo info = RasterOverrides.apply(reader, srid, null).info();
                return new Header(file.getFileName().toString(), info, ParseRun.project(info));
            }));
        }
        return new FilePreflight(headers);
    }

    /**
     * Reads the header of a layer's file kept in the database (a file given to the window is stored so), or of each
     * file of its mosaic, from temporary copies as a parse makes them (a file kept by its path is read where it lies).
     *
     * @param rasterfile the layer's stored file name ("rasters/NAME.tif")
     */
    static FilePreflight readStored(DataSource dataSource, int layerId, String rasterfile,
                                    Optional<MosaicFiles.Mosaic> mosaic, Integer srid) throws IOException {
        Path headers = Files.createTempDirectory("rasterdesk-headers-");
        try {
            List<Path> copies = headerCopies(dataSource, layerId, mosaic, headers);
            if (copies != null) {
                try {
                    return read(copies, srid);
                } catch (IOException e) {
                    // Should a reader want more than the directories, the whole files tell the pre-flight.
                    LOG.log(Level.FINE, "The stored headers of layer " + layerId + " do not read alone", e);
                }
            }
        } finally {
            deleteTree(headers);
        }
        RasterLayer layer = RasterLayer.create("").withId(layerId).withRasterfile(rasterfile);
        try (LayerSources sources = LayerSources.fetch(dataSource, layer, mosaic, FetchListener.NONE, () -> false)) {
            return read(sources.files(), srid);
        } catch (ParseCancelledException e) {
            throw new IOException("Reading the stored file was cancelled", e);
        }
    }

    /**
     * Copies of the stored files' headers alone ({@link TiffHeaderCopy}) with their side files, under their own
     * names, in the mosaic's order; null when a file is no TIFF or is kept only by its path (then the files are read
     * as a parse reads them).
     */
    private static List<Path> headerCopies(DataSource dataSource, int layerId, Optional<MosaicFiles.Mosaic> mosaic,
                                           Path dir) throws IOException {
        List<SourceFileStore> stores = new ArrayList<>();
        if (mosaic.isPresent()) {
            for (int i = 0; i < mosaic.get().files().size(); i++) {
                stores.add(SourceFileStore.mosaicPart(dataSource, i + 1));
            }
        } else {
            stores.add(new SourceFileStore(dataSource));
        }
        List<Path> copies = new ArrayList<>();
        try {
            for (int i = 0; i < stores.size(); i++) {
                SourceFileStore store = stores.get(i);
                Optional<StoredFile> file = store.find(layerId);
                if (file.isEmpty() || !file.get().inDatabase()) {
                    return null;
                }
                Path folder = Files.createDirectories(dir.resolve(Integer.toString(i)));
                HeaderCopy copy = store.read(layerId, bytes -> headerCopy(bytes, file.get().name(), folder));
                if (copy == null) {
                    return null;
                }
                LOG.fine(() -> "Read " + copy.read() + " bytes of the " + file.get().size() + " of "
                        + file.get().name() + " for its header");
                copies.add(copy.file());
            }
        } catch (java.sql.SQLException e) {
            throw new IOException("The stored file cannot be read: " + e.getMessage(), e);
        }
        return copies;
    }

    /** A stored file's header copy and the bytes read for it. */
    private record HeaderCopy(Path file, long read) {
    }

    /**
     * The header copy of a stored TIFF into {@code folder}, under its name; of a TIFF kept zipped with its side
     * files, the raster's header read where it lies in the zip and its side files beside it, as unzipping it gives
     * them. Null when the file is neither (or a side file is too large to copy for a header).
     */
    private static HeaderCopy headerCopy(SourceFileStore.StoredBytes bytes, String name, Path folder)
            throws IOException {
        Optional<StoredZip> zip = StoredZip.of(bytes);
        if (zip.isEmpty()) {
            Path copy = folder.resolve(name);
            long read = TiffHeaderCopy.copy(bytes, copy);
            return read < 0 ? null : new HeaderCopy(copy, read);
        }
        if (!zip.get().copySideFiles(folder, MAX_SIDE_FILE_BYTES)) {
            return null;
        }
        Path copy = folder.resolve(zip.get().rasterName());
        long read = TiffHeaderCopy.copy(zip.get().raster(), copy);
        return read < 0 ? null : new HeaderCopy(copy, read);
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.FINE, "Leaving " + dir, e);
        }
    }

    /**
     * The pre-flight for these settings.
     *
     * @param maxZoom the layer's max zoom, null for the one the resolution asks for
     */
    public Preflight preflight(Integer maxZoom, boolean nextHigher, boolean buildPyramid, ParseRates rates) {
        ZoomChoice automatic;
        try {
            automatic = new ZoomLevels().forPixelSize(pixelSize, nextHigher);
        } catch (IllegalArgumentException e) {
            automatic = null;
        }
        ZoomChoice zoom = maxZoom != null || automatic == null
                ? new ZoomLevels().maxZoom(projection, maxZoom, nextHigher) : automatic;
        int minZoom = buildPyramid ? 0 : zoom.zoom();
        String reason = mosaicNote == null ? zoom.explanation() : mosaicNote + " " + zoom.explanation();
        return Preflight.of(info, footprint, zoom.zoom(), minZoom, maxZoom != null,
                automatic == null ? null : automatic.zoom(), reason, rates);
    }
}
