package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.raster.BandStatistics;
import org.rasterdesk.raster.BandStats;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.source.ParseCancelledException;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.TileFormat;
import org.rasterdesk.tiling.ZoomChoice;
import org.rasterdesk.tiling.ZoomLevels;

/**
 * What a parse learns from its rasters before it makes tiles, the same on one machine and on workers: the band
 * statistics over every file (each visible pixel once, see {@link MosaicOverlaps}), the max zoom (from the finest file), the tiles' nodata and the layer's metadata.
 * A local parse of one file gathers most statistics from the blocks its tiles decode ({@link SourceStatistics}):
 * they are complete only after the tiles ({@link #finishStatistics}).
 */
final class SourcePlan {

    private final List<SourcePart> parts;
    private final ZoomChoice zoom;
    private final double pixelSize;
    private final double[] tileNodata;
    private final LayerMetadata meta;
    private final int layerId;
    private final int[] palette;
    private final SourceStatistics gathering;
    private List<BandMetadata> bands;
    /** A mosaic's tally of the values that show (see {@link MosaicTally}), or null when it has none. */
    private long[][] tally;
    private Map<Integer, Map<Integer, Integer>> palettes;

    private SourcePlan(List<SourcePart> parts, ZoomChoice zoom, double pixelSize, double[] tileNodata,
                       LayerMetadata meta, int layerId, int[] palette, SourceStatistics gathering) {
        this.parts = parts;
        this.zoom = zoom;
        this.pixelSize = pixelSize;
        this.tileNodata = tileNodata;
        this.meta = meta;
        this.layerId = layerId;
        this.palette = palette;
        this.gathering = gathering;
    }

    List<SourcePart> parts() {
        return parts;
    }

    ZoomChoice zoom() {
        return zoom;
    }

    double pixelSize() {
        return pixelSize;
    }

    double[] tileNodata() {
        return tileNodata;
    }

    LayerMetadata meta() {
        return meta;
    }

    /** The bands' statistics; for a plan that gathers them during the tiles, only after {@link #finishStatistics}. */
    List<BandMetadata> bands() {
        if (bands == null) {
            throw new IllegalStateException("the statistics are gathered while the tiles are made");
        }
        return bands;
    }

    /** The tally the statistics of a mosaic of integer files come from, or null. */
    long[][] tally() {
        return tally;
    }

    /** A mosaic's stored tally, of its files before some were added after them. */
    record Prior(long[][] tally, int files) {
    }

    /** The palette of a palette image by band (value → ARGB, the values the data uses); known with the bands. */
    Map<Integer, Map<Integer, Integer>> palettes() {
        bands();
        return palettes;
    }

    /** After the tiles: completes the statistics gathered from their reads (reading the blocks they did not). */
    void finishStatistics(BooleanSupplier cancelled, LogLine say)
            throws IOException, ParseCancelledException, java.sql.SQLException {
        if (bands == null) {
            known(gathering.finish(cancelled), say);
        }
    }

    private void known(List<BandStats> stats, LogLine say) throws java.sql.SQLException {
        palettes = BandPalettes.of(palette, stats);
        if (!palettes.isEmpty()) {
            say.accept("The raster has a colour map: the " + palettes.get(0).size() + " colours of the values it "
                    + "uses are its legend until it has one of its own.");
        }
        List<BandMetadata> out = new ArrayList<>();
        for (BandStats s : stats) {
            out.add(ParseRun.bandMetadata(layerId, s));
        }
        bands = out;
    }

    /** Takes a line of the parse log (and stores it, which may fail). */
    @FunctionalInterface
    interface LogLine {
        void accept(String line) throws java.sql.SQLException;
    }

    /** Analyses the rasters with every band's statistics complete before the tiles (a parse on workers). */
    static SourcePlan analyse(RasterLayer layer, SourceParts opened, List<Path> files, boolean firstWins,
                              BooleanSupplier cancelled, LogLine say)
            throws IOException, ParseCancelledException, java.sql.SQLException {
        return analyse(layer, opened, files, firstWins, cancelled, say, null);
    }

    /**
     * @param say     told each line for the parse log
     * @param timings where a local parse measures its phases; with them, the statistics of one file are gathered
     *                from the blocks its tiles decode and complete only after {@link #finishStatistics}; null to
     *                compute them all now (a mosaic's per file always are)
     */
    static SourcePlan analyse(RasterLayer layer, SourceParts opened, List<Path> files, boolean firstWins,
                              BooleanSupplier cancelled, LogLine say, ParseTimings timings)
            throws IOException, ParseCancelledException, java.sql.SQLException {
        return analyse(layer, opened, files, firstWins, cancelled, say, timings, null);
    }

    /**
     * @param prior the tally of the mosaic's first files, to which the others are added; or null to count every
     *              file (as always for files of another type than 8- and 16-bit integers)
     */
    static SourcePlan analyse(RasterLayer layer, SourceParts opened, List<Path> files, boolean firstWins,
                              BooleanSupplier cancelled, LogLine say, ParseTimings timings, Prior prior)
            throws IOException, ParseCancelledException, java.sql.SQLException {
        RasterInfo info = opened.readers().get(0).info();
        List<BandStats> stats;
        long[][] tally = null;
        SourceStatistics gathering = null;
        if (timings != null) {
            long bytes = 0;
            long samples = 0;
            for (int i = 0; i < files.size(); i++) {
                RasterInfo part = opened.readers().get(i).info();
                bytes += java.nio.file.Files.size(files.get(i));
                samples += (long) part.width() * part.height() * part.bandCount();
            }
            timings.source(bytes, samples);
        }
        if (timings != null && files.size() == 1) {
            gathering = SourceStatistics.begin(opened.readers().get(0), timings, cancelled);
            // Complete here when a band has no nodata value (the tiles' nodata needs them); otherwise none yet.
            stats = gathering.beforeTiles();
        } else {
            long started = ParseTimings.cpuNow();
            try {
                // Where a mosaic's files overlap, only the pixels of the file that wins there count.
                if (files.size() > 1 && BandStatistics.tallied(info.pixelType(), info.bandCount())) {
                    tally = prior != null
                            ? MosaicTally.afterAddition(prior.tally(), opened.readers(), opened.nodata(), firstWins,
                            prior.files(), cancelled)
                            : MosaicTally.whole(opened.readers(), opened.nodata(), firstWins, cancelled);
                    stats = BandStatistics.fromTally(tally, info.pixelType(), opened.nodata().get(0));
                } else {
                    // Files of other types (float, 32-bit integers) are all read again when files are added to a
                    // mosaic: their statistics cannot be merged from stored ones. The histogram's 100 bins span the
                    // union's min to max, which an added file moves, and counts kept in the old bins cannot be
                    // re-binned exactly; and where an added file covers older pixels those no longer count, which
                    // stored sums cannot take away without reading those pixels. Only a tally of every value (8- and
                    // 16-bit integers, MosaicTally) adds and takes away exactly.
                    stats = BandStatistics.compute(opened.readers(), opened.nodata(),
                            MosaicOverlaps.of(opened.readers(), firstWins), cancelled);
                }
            } catch (java.util.concurrent.CancellationException e) {
                throw new ParseCancelledException();
            }
            if (timings != null) {
                timings.add(ParseTimings.Phase.STATISTICS, ParseTimings.cpuNow() - started);
            }
        }
        for (int i = 0; i < files.size(); i++) {
            RasterInfo part = opened.readers().get(i).info();
            say.accept(String.format(Locale.ROOT, "Finished extracting metadata from %s: %d×%d pixels, %d band(s) "
                            + "of %s, %s.", files.size() == 1 ? "raster" : "file " + (i + 1) + " of "
                            + files.size() + ", " + files.get(i).getFileName(), part.width(), part.height(),
                    part.bandCount(), part.pixelType(),
                    part.srid() != null ? "EPSG:" + part.srid() : "a CRS without EPSG code"));
        }
        if (cancelled.getAsBoolean()) {
            throw new ParseCancelledException();
        }
        // A tile nodata value the data does not use, so that no data pixel is shown or counted as nodata.
        TileFormat format = TileFormat.choose(info, stats);
        if (!format.explanation().isEmpty()) {
            say.accept(format.explanation());
        }
        List<SourcePart> parts = opened.project(format.pixelType());
        for (SourcePart part : parts) {
            if (part.projection().datumShift() != null) {
                say.accept("Datum shift to WGS 84 (as GDAL and PROJ choose it for the raster's area): "
                        + part.projection().datumShift() + ".");
            }
        }
        int finest = SourcePart.finest(parts);
        SourceProjection projection = parts.get(finest).projection();
        double pixelSize = ZoomLevels.sourcePixelSize(projection);
        if (parts.size() > 1) {
            say.accept(SourcePart.describeResolutions(parts, files, finest, firstWins));
        }
        ZoomChoice zoom = layer.maxZoom() != null
                ? new ZoomLevels().maxZoom(projection, layer.maxZoom(), layer.nextHigher())
                : new ZoomLevels().forPixelSize(pixelSize, layer.nextHigher());
        LayerMetadata meta = parts.size() == 1 ? LayerMetadata.of(layer.id(), info, zoom.zoom())
                : MosaicMetadata.of(layer.id(), parts, pixelSize, zoom.zoom());
        SourcePlan plan = new SourcePlan(parts, zoom, pixelSize, format.nodata(), meta, layer.id(),
                opened.readers().get(0).palette(), gathering);
        plan.tally = tally;
        if (gathering == null) {
            plan.known(stats, say);
        }
        return plan;
    }
}
