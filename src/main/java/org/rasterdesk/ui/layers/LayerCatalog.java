package org.rasterdesk.ui.layers;

import java.util.List;
import org.rasterdesk.layer.LayerSummary;

/** Where the layer list reads its lines from; the database's layer repository, or anything a test hands in. */
@FunctionalInterface
public interface LayerCatalog {

    /** The current layers, by id. Called on a background thread: it may block on the database. */
    List<LayerSummary> list();
}
