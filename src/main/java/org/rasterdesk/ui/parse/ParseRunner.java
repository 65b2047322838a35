package org.rasterdesk.ui.parse;

import java.util.function.BooleanSupplier;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseResult;

/** Runs one parse of a stored layer on the calling thread; the window's is {@code LayerParseJob} on its database. */
@FunctionalInterface
public interface ParseRunner {

    ParseResult parse(int layerId, ParseListener listener, BooleanSupplier cancelled) throws Exception;
}
