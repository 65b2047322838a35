package org.rasterdesk.source;

/** Progress of getting a raster's bytes; called on the fetching thread, so implementations hand off quickly. */
@FunctionalInterface
public interface FetchListener {

    /**
     * @param bytesDone  bytes got so far of the current step (download, copy or unzip)
     * @param totalBytes the size of the current step, or -1 when unknown
     * @param message    what is happening, for a log or a status line
     */
    void progress(long bytesDone, long totalBytes, String message);

    FetchListener NONE = (done, total, message) -> {
    };
}
