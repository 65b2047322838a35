package org.rasterdesk.ui.map;

import java.util.Optional;
import javafx.scene.image.Image;
import org.rasterdesk.tiling.TileKey;

/**
 * A drawn tile ready for the screen: its address, the stored tile it was drawn from and its image. The rendered
 * pixels are not kept beside the image: the cache would hold every tile twice.
 *
 * @param source         the stored tile drawn: the same address, an ancestor, or empty when nothing covers it
 * @param requestedNanos when the map asked for it (System.nanoTime), to measure request-to-screen time
 */
public record MapTile(TileKey key, Optional<TileKey> source, Image image, long requestedNanos) {

    /** True when the layer has a stored tile at this very address (not an ancestor, not nothing). */
    public boolean isStored() {
        return source.map(key::equals).orElse(false);
    }
}
