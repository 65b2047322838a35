package org.rasterdesk.parse;

import java.util.SortedMap;
import org.rasterdesk.layer.ParseStatus;

/**
 * How a parse ended.
 *
 * @param status       FINISHED or FAILED; a cancelled parse reports the status the layer went back to
 * @param message      one sentence for the user
 * @param tilesPerZoom tiles stored per zoom (empty unless finished)
 */
public record ParseResult(ParseStatus status, boolean cancelled, String message,
                          SortedMap<Integer, Long> tilesPerZoom, double seconds) {

    /** The log line of a parse that finished without a single tile: a warning, for the layer shows nothing. */
    public static final String NO_TILES_WARNING = "Warning: the raster has no data pixels (every pixel is nodata), "
            + "so no tiles were made; the layer will show nothing. Check the nodata value.";

    public boolean finished() {
        return status == ParseStatus.FINISHED && !cancelled;
    }

    /** Finished, but without a single tile. */
    public boolean empty() {
        return finished() && tileCount() == 0;
    }

    public long tileCount() {
        return tilesPerZoom.values().stream().mapToLong(Long::longValue).sum();
    }
}
