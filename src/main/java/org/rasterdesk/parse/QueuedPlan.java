package org.rasterdesk.parse;

import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.TileRange;

/**
 * What a parse's first unit on workers kept for the others: the max zoom's tile range, the warp's settings, the
 * metadata to give the layer at the swap and, for an addition to a mosaic, the tiles it re-makes.
 *
 * @param state      {@code blocks} while the blocks are made, then {@code finished}, {@code failed} or
 *                   {@code cancelled}
 * @param addedAfter the number of files the mosaic had before an addition, or null for a parse of the layer
 * @param remadeTop  the max-zoom tiles an addition re-makes, or null when every tile of the layer is made
 */
record QueuedPlan(long parseId, int layerId, String state, TileRange top, int minZoom, Resampling resampling,
                  double[] tileNodata, PixelType pixelType, String metadata, String bands, String palettes,
                  String copyInputs, double sourcePixelSize, long topTiles, Integer addedAfter, TileCover remadeTop,
                  String tally, String tallyInputs) {

    /** Whether its blocks are still being made: it has not ended. */
    boolean makingBlocks() {
        return state.equals("blocks");
    }
}
