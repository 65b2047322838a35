package org.rasterdesk.source;

import java.io.IOException;

/** A raster's bytes could not be got; the message is one sentence a user can act on. */
public class SourceException extends IOException {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
