package org.rasterdesk.layer;

import java.util.List;
import java.util.Objects;

/**
 * Where the parse of a layer stands (raster_rasterlayerparsestatus).
 *
 * @param log        the parse log: lines {@code [yyyy-MM-dd HH:mm:ss] message} joined by '\n', '' when empty
 * @param tileLevels the zoom levels for which tiles were made, ascending
 */
public record LayerParseStatus(int layerId, ParseStatus status, String log, List<Integer> tileLevels) {

    public LayerParseStatus {
        Objects.requireNonNull(status, "status");
        log = log == null ? "" : log;
        tileLevels = List.copyOf(tileLevels);
    }

    /** The row django-raster creates with a new layer. */
    public static LayerParseStatus unparsed(int layerId) {
        return new LayerParseStatus(layerId, ParseStatus.UNPARSED, "", List.of());
    }

    /** The lines of the log, none when it is empty. */
    public List<String> logLines() {
        return log.isEmpty() ? List.of() : List.of(log.split("\n", -1));
    }
}
