package org.rasterdesk.layer;

import java.time.Instant;

/** One line of the layer list: a layer's name, type, parse status and how many tiles it has. */
public record LayerSummary(int id, String name, DataType datatype, ParseStatus status, long tileCount,
                           Instant modified) {
}
