package org.rasterdesk.raster;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.rasterdesk.raster.tiff.Block;
import org.rasterdesk.raster.tiff.BlockDecoder;

/**
 * The few most recently decoded blocks, bounded in bytes, so that neighbouring windows do not decode the same
 * strip or tile twice while memory stays the same whatever the raster's size. Safe for several threads: a block
 * asked for by two threads at once is decoded once, by the first, while the other waits for it.
 */
final class BlockCache {

    /** Told of every block decoded (again after an eviction too), on the thread that decoded it. */
    interface DecodeListener {
        void decoded(int index, Block block);
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final BlockDecoder decoder;
    private final long maxBytes;
    /** Blocks by index in access order; a block being decoded is there as an unfinished future. */
    private final LinkedHashMap<Integer, CompletableFuture<Block>> blocks = new LinkedHashMap<>(16, 0.75f, true);
    private final AtomicLong decodeNanos = new AtomicLong();
    private final AtomicLong decodedBlocks = new AtomicLong();
    private volatile DecodeListener listener;
    private long bytes;

    BlockCache(BlockDecoder decoder, long maxBytes) {
        this.decoder = decoder;
        this.maxBytes = maxBytes;
    }

    void listen(DecodeListener decodeListener) {
        this.listener = decodeListener;
    }

    Block get(int index) throws IOException {
        CompletableFuture<Block> future;
        boolean decodeHere = false;
        synchronized (this) {
            future = blocks.get(index);
            if (future == null) {
                future = new CompletableFuture<>();
                blocks.put(index, future);
                decodeHere = true;
            }
        }
        if (decodeHere) {
            return decode(index, future);
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a block of the raster", e);
        }
    }

    private Block decode(int index, CompletableFuture<Block> future) throws IOException {
        Block block;
        long started = THREADS.getCurrentThreadCpuTime();
        try {
            block = decoder.decode(index);
        } catch (IOException | RuntimeException | Error e) {
            synchronized (this) {
                blocks.remove(index);
            }
            future.completeExceptionally(e);
            throw e;
        }
        decodeNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
        decodedBlocks.incrementAndGet();
        DecodeListener l = listener;
        if (l != null) {
            try {
                l.decoded(index, block);
            } catch (RuntimeException e) {
                future.complete(block);
                throw e;
            }
        }
        future.complete(block);
        synchronized (this) {
            bytes += block.bytes();
            Iterator<Map.Entry<Integer, CompletableFuture<Block>>> it = blocks.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Integer, CompletableFuture<Block>> eldest = it.next();
                CompletableFuture<Block> f = eldest.getValue();
                if (eldest.getKey() == index || !f.isDone() || f.isCompletedExceptionally()) {
                    continue;
                }
                bytes -= f.join().bytes();
                it.remove();
            }
        }
        return block;
    }

    /**
     * Decodes a block without keeping it or telling the listener (a pass over the whole file), into the arrays of
     * {@code reuse} (a block of an earlier such call the caller is done with) where they fit, or null.
     */
    Block decodeUncached(int index, Block reuse) throws IOException {
        long started = THREADS.getCurrentThreadCpuTime();
        try {
            return decoder.decode(index, reuse);
        } finally {
            decodeNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
        }
    }

    /** CPU time spent decoding blocks so far, summed over threads. */
    long decodeNanos() {
        return decodeNanos.get();
    }

    /** Blocks decoded so far, counting each decode of a block evicted and needed again. */
    long decodedBlocks() {
        return decodedBlocks.get();
    }

    synchronized void clear() {
        blocks.clear();
        bytes = 0;
    }
}
