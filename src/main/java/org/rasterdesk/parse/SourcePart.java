package org.rasterdesk.parse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rasterdesk.raster.RasterReader;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.MosaicWarper;
import org.rasterdesk.tiling.ParallelWarper;
import org.rasterdesk.tiling.RecycledSamples;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.SourceFootprint;
import org.rasterdesk.tiling.SourceProjection;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileWarp;
import org.rasterdesk.tiling.Warper;
import org.rasterdesk.tiling.ZoomLevels;

/**
 * One raster a layer's tiles are made from, with where its pixels lie: the layer's only raster, or one file of a
 * mosaic. The static methods answer for the whole list, in the order the user gave the files.
 */
record SourcePart(RasterReader reader, SourceProjection projection) {

    /** The index of the part with the smallest pixels in EPSG:3857, which decides the max zoom. */
    static int finest(List<SourcePart> parts) {
        int finest = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < parts.size(); i++) {
            double size = ZoomLevels.sourcePixelSize(parts.get(i).projection());
            if (size < best) {
                best = size;
                finest = i;
            }
        }
        return finest;
    }

    /** The log line of a mosaic: the rule for overlaps and the range of pixel sizes the max zoom comes from. */
    static String describeResolutions(List<SourcePart> parts, List<Path> files, int finest, boolean firstWins) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (SourcePart part : parts) {
            double size = ZoomLevels.sourcePixelSize(part.projection());
            min = Math.min(min, size);
            max = Math.max(max, size);
        }
        String rule = firstWins ? "the earlier file in the list wins (first wins)"
                : "the later file in the list wins";
        String sizes = max > min * 1.000001
                ? String.format(Locale.ROOT, "their pixels measure %.2f to %.2f m in EPSG:3857, so the max zoom "
                + "follows the finest, %s", min, max, files.get(finest).getFileName())
                : String.format(Locale.ROOT, "their pixels measure %.2f m in EPSG:3857", min);
        return "Mosaic of " + parts.size() + " files: where they overlap " + rule + "; " + sizes + ".";
    }

    /** Where the parts lie in EPSG:3857: each part's footprint, in one or two pieces. */
    static List<Extent> footprints(List<SourcePart> parts) {
        List<Extent> extents = new ArrayList<>();
        for (SourcePart part : parts) {
            extents.addAll(SourceFootprint.parts(part.projection()));
        }
        return extents;
    }

    /** The tiles of a zoom that some part touches. */
    static TileCover tilesCovering(int z, List<SourcePart> parts) throws IOException {
        List<Extent> extents = footprints(parts);
        TileCover cover = TileCover.of(z, extents);
        if (cover == null) {
            throw new IOException("No part of the raster lies within web mercator's world (latitudes ±85.05°)");
        }
        return cover;
    }

    /** The parts with readers several threads may read at once (see {@link ParallelWarper#shareable}). */
    static List<SourcePart> shareable(List<SourcePart> parts) {
        List<SourcePart> shared = new ArrayList<>(parts.size());
        for (SourcePart part : parts) {
            shared.add(new SourcePart(ParallelWarper.shareable(part.reader()), part.projection()));
        }
        return shared;
    }

    /**
     * What makes the tiles: a warper of the one raster, or the mosaic of every part's warper painted in order
     * (the later file on top, or the first with {@code firstWins}). Each call makes new warpers: one per thread.
     *
     * @param recycled where the one raster's warper takes the bands of its tiles from when it can; null for none
     * @param tally told what each of a mosaic's files made, or null
     */
    static TileWarp warper(List<SourcePart> parts, TileCover top, Resampling resampling, double[] tileNodata,
                           boolean firstWins, RecycledSamples recycled, MosaicWarper.Tally tally)
            throws IOException {
        if (parts.size() == 1) {
            SourcePart only = parts.get(0);
            return new Warper(only.reader(), only.projection(), resampling, tileNodata).recycling(recycled);
        }
        List<MosaicWarper.Part> paintOrder = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            SourcePart part = parts.get(i);
            TileCover covered = TileCover.of(top.z(), SourceFootprint.parts(part.projection()));
            if (covered != null) {
                paintOrder.add(new MosaicWarper.Part(new Warper(part.reader(), part.projection(), resampling,
                        tileNodata), covered, i));
            }
        }
        if (firstWins) {
            java.util.Collections.reverse(paintOrder);
        }
        return new MosaicWarper(paintOrder, parts.get(0).reader().info().pixelType(), tileNodata, tally);
    }
}
