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
 * statistics over every file, the max zoom (from the finest file), the tiles' nodata and the layer's metadata.
 */
record SourcePlan(List<SourcePart> parts, ZoomChoice zoom, double pixelSize, double[] tileNodata,
                  LayerMetadata meta, List<BandMetadata> bands, Map<Integer, Map<Integer, Integer>> palettes) {

    /** Takes a line of the parse log (and stores it, which may fail). */
    @FunctionalInterface
    interface LogLine {
        void accept(String line) throws java.sql.SQLException;
    }

    /**
     * @param say told each line for the parse log
     */
    static SourcePlan analyse(RasterLayer layer, SourceParts opened, List<Path> files, boolean firstWins,
                              BooleanSupplier cancelled, LogLine say)
            throws IOException, ParseCancelledException, java.sql.SQLException {
        RasterInfo info = opened.readers().get(0).info();
        List<BandStats> stats;
        try {
            stats = BandStatistics.compute(opened.readers(), opened.nodata(), cancelled);
        } catch (java.util.concurrent.CancellationException e) {
            throw new ParseCancelledException();
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
        Map<Integer, Map<Integer, Integer>> palettes = BandPalettes.of(opened.readers().get(0).palette(), stats);
        if (!palettes.isEmpty()) {
            say.accept("The raster has a colour map: the " + palettes.get(0).size() + " colours of the values it "
                    + "uses are its legend until it has one of its own.");
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
        List<BandMetadata> bands = new ArrayList<>();
        for (BandStats s : stats) {
            bands.add(ParseRun.bandMetadata(layer.id(), s));
        }
        LayerMetadata meta = parts.size() == 1 ? LayerMetadata.of(layer.id(), info, zoom.zoom())
                : MosaicMetadata.of(layer.id(), parts, pixelSize, zoom.zoom());
        return new SourcePlan(parts, zoom, pixelSize, format.nodata(), meta, bands, palettes);
    }
}
