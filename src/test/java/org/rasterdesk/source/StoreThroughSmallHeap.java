package org.rasterdesk.source;

import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/** Run in a JVM with a small heap by the store's memory test: stores a file and copies it back out. */
public final class StoreThroughSmallHeap {

    private StoreThroughSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(args[0]);
        ds.setUser(args[1]);
        if (!args[2].isEmpty()) {
            ds.setPassword(args[2]);
        }
        SourceFileStore store = new SourceFileStore(ds);
        int layer = Integer.parseInt(args[3]);
        long start = System.nanoTime();
        store.store(layer, Path.of(args[4]));
        long stored = System.nanoTime();
        store.copyTo(layer, Path.of(args[5]), FetchListener.NONE, () -> false);
        long copied = System.nanoTime();
        System.out.println("stored in " + (stored - start) / 1_000_000 + " ms, copied back in "
                + (copied - stored) / 1_000_000 + " ms");
    }
}
