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

    public boolean finished() {
        return status == ParseStatus.FINISHED && !cancelled;
    }

    public long tileCount() {
        return tilesPerZoom.values().stream().mapToLong(Long::longValue).sum();
    }
}
