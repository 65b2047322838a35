package org.rasterdesk.source;

import java.net.URI;
import java.nio.file.Path;

/** Run in a JVM with a small heap by the download memory test: downloads a URL to a file and prints the time. */
public final class DownloadThroughSmallHeap {

    private DownloadThroughSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        new HttpDownloader(HttpDownloader.Settings.DEFAULT)
                .download(URI.create(args[0]), Path.of(args[1]), FetchListener.NONE, () -> false);
        System.out.println("downloaded in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
