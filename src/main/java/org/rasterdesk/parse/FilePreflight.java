package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.RasterOverrides;
import org.rasterdesk.source.FetchListener;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.SourceFootprint;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.ZoomChoice;
import org.rasterdesk.tiling.ZoomLevels;

/**
 * The pre-flight of a local raster file before any parse, for a layer's form: the file's header and footprint are
 * read once, then each max zoom the user types gets its {@link Preflight} (tiles per zoom, size, time, the zoom's
 * reason, warnings) at once, computed as the parse computes it.
 */
public final class FilePreflight {

    private final RasterInfo info;
    private final SourceProjection projection;
    private final List<Extent> footprint;
    private final double pixelSize;

    private FilePreflight(RasterInfo info, SourceProjection projection) {
        this.info = info;
        this.projection = projection;
        this.footprint = SourceFootprint.parts(projection);
        this.pixelSize = ZoomLevels.sourcePixelSize(projection);
    }

    /**
     * Reads the file's header through the same source handling and readers as a parse.
     *
     * @param srid the layer's SRID, overriding the file's CRS as the parse does; null for the file's own
     * @throws IOException with one sentence when the file cannot be read or its CRS not projected to web mercator
     */
    public static FilePreflight read(Path file, Integer srid) throws IOException {
        return RasterProbe.look(file, reader -> {
            RasterInfo info = RasterOverrides.apply(reader, srid, null).info();
            return new FilePreflight(info, ParseRun.project(info));
        });
    }

    /**
     * Reads the header of a layer's file kept in the database (a file given to the window is stored so), from a
     * temporary copy as a parse makes it.
     *
     * @param rasterfile the layer's stored file name ("rasters/NAME.tif")
     */
    public static FilePreflight readStored(DataSource dataSource, int layerId, String rasterfile, Integer srid)
            throws IOException {
        RasterLayer layer = RasterLayer.create("").withId(layerId).withRasterfile(rasterfile);
        try (LayerSources sources = LayerSources.fetch(dataSource, layer, Optional.empty(), FetchListener.NONE,
                () -> false)) {
            return read(sources.files().get(0), srid);
        } catch (ParseCancelledException e) {
            throw new IOException("Reading the stored file was cancelled", e);
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
        return Preflight.of(info, footprint, zoom.zoom(), minZoom, maxZoom != null,
                automatic == null ? null : automatic.zoom(), zoom.explanation(), rates);
    }
}
