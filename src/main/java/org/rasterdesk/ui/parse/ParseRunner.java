package org.rasterdesk.ui.parse;

import java.util.function.BooleanSupplier;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.source.PendingUpload;

/** Runs one parse of a stored layer on the calling thread; the window's is {@code LayerParseJob} on its database. */
@FunctionalInterface
public interface ParseRunner {

    ParseResult parse(int layerId, ParseListener listener, BooleanSupplier cancelled) throws Exception;

    /**
     * Parses a new layer from the local file (or files) its upload is storing meanwhile. By default the upload is
     * awaited first and the layer parsed from the database.
     */
    default ParseResult parse(PendingUpload upload, ParseListener listener, BooleanSupplier cancelled)
            throws Exception {
        upload.start(cancelled);
        upload.await();
        return parse(upload.layer().id(), listener, cancelled);
    }

    /**
     * Adds rasters (files, folders, zips, URLs) to a mosaic layer, parsing only the tiles they touch; on this
     * machine.
     */
    default ParseResult add(int layerId, java.util.List<String> sources, ParseListener listener,
                            BooleanSupplier cancelled) throws Exception {
        throw new UnsupportedOperationException("This parser cannot add files to a mosaic.");
    }

    /**
     * A parse of the layer was cancelled before it started: puts back what the save that asked for it reset, so
     * that the layer describes the tiles it still has. On a background thread.
     */
    default void cancelledBeforeStart(int layerId) throws Exception {
    }

    /**
     * Cancels the layer's local parse that another program runs on the same database (as {@code rasterdesk cancel}
     * does) and waits, on the calling thread, until that parse has stopped; the listener hears what happens.
     *
     * @param keepWaiting polled during the wait: false gives it up (the window goes), the request stays
     */
    default ParseResult cancelElsewhere(int layerId, ParseListener listener, BooleanSupplier keepWaiting)
            throws Exception {
        throw new UnsupportedOperationException("This parser cannot cancel another program's parse.");
    }
}
