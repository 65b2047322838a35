package org.rasterdesk.ui.map;

import javafx.scene.image.Image;
import org.rasterdesk.render.RenderedTile;

/**
 * A drawn tile ready for the screen: what it was drawn from and its image.
 *
 * @param requestedNanos when the map asked for it (System.nanoTime), to measure request-to-screen time
 */
public record MapTile(RenderedTile rendered, Image image, long requestedNanos) {

    /** True when the layer has a stored tile at this very address (not an ancestor, not nothing). */
    public boolean isStored() {
        return rendered.source().map(rendered.key()::equals).orElse(false);
    }

    /** True when nothing of the layer covers the tile. */
    public boolean isBlank() {
        return rendered.source().isEmpty();
    }
}
