package org.rasterdesk.render;

import java.util.Optional;
import org.rasterdesk.tiling.TileKey;

/**
 * A tile as drawn for an address.
 *
 * @param key    the address asked for
 * @param source the stored tile it was drawn from: the same address, an ancestor, or empty when nothing covers it
 */
public record RenderedTile(TileKey key, Optional<TileKey> source, TileImage image) {
}
