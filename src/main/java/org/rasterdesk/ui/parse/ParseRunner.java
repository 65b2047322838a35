package org.rasterdesk.ui.parse;

import java.util.function.BooleanSupplier;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseResult;

/** Runs one parse of a stored layer on the calling thread; the window's is {@code LayerParseJob} on its database. */
@FunctionalInterface
public interface ParseRunner {

    ParseResult parse(int layerId, ParseListener listener, BooleanSupplier cancelled) throws Exception;

    /**
     * A parse of the layer was cancelled before it started: puts back what the save that asked for it reset, so
     * that the layer describes the tiles it still has. On a background thread.
     */
    default void cancelledBeforeStart(int layerId) throws Exception {
    }
}
