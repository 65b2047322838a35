package org.rasterdesk.ui.map;

import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.Extent;

/** When the map moves to a layer: when none of it is in view, or so little of it that it is a speck. */
final class MapFraming {

    /** Data covering fewer screen pixels than this, across and down, is too small to see: a speck. */
    static final double SPECK_PIXELS = 16;

    private MapFraming() {
    }

    /** Whether the data of a layer (its extent, EPSG:3857) is out of sight in the view. */
    static boolean outOfSight(MapViewport view, Extent data) {
        Extent shown = view.extent().intersection(data);
        if (shown.isEmpty()) {
            return true;
        }
        return shown.width() / view.resolution() < SPECK_PIXELS && shown.height() / view.resolution() < SPECK_PIXELS;
    }
}
