package org.rasterdesk.parse;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Byte arrays of tiles' WKB that the writer has sent, for the encoders to fill again. A parse's tiles all have the same
 * WKB size (one pixel type and band count), and each lived from its encoding until its batch was sent: a new array per
 * tile was 1.0 GB of the Lisbon benchmark raster's 4.8 GB of allocation, and the young collections promoted the
 * arrays waiting in the queues. The pool is bounded; what does not fit is left to the collector.
 */
final class WkbBuffers {

    /** About what is in flight at once: runs of warped tiles, the write queue and a batch. */
    private static final int KEPT = 96;

    private final ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(KEPT);

    /** An array of exactly {@code size} bytes: a recycled one (old bytes in it) or a new one. */
    byte[] take(int size) {
        byte[] b = free.poll();
        return b != null && b.length == size ? b : new byte[size];
    }

    /** Gives back an array no one reads any more. */
    void give(byte[] wkb) {
        if (wkb.length > 0) {
            free.offer(wkb);
        }
    }
}
