package org.rasterdesk.layer;

import java.time.Instant;

/** One line of the layer list: a layer's name, type, parse status and how many tiles it has. */
public record LayerSummary(int id, String name, DataType datatype, ParseStatus status, long tileCount,
                           Instant modified) {

    /** A parse that finished without a single tile (every pixel nodata): to be shown as a warning, not a success. */
    public boolean finishedEmpty() {
        return status == ParseStatus.FINISHED && tileCount == 0;
    }

    /** django-raster's status text, except for an empty result, which says so. */
    public String statusText() {
        return finishedEmpty() ? "Finished, no tiles" : status.displayText();
    }
}
