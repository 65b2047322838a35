package org.rasterdesk.parse;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.rasterdesk.tiling.MercatorTiffWriter;
import org.rasterdesk.tiling.TileData;

/**
 * Compresses the reprojected copy's tiles on a thread of its own: the parse thread spends much of its time waiting
 * for the database, and DEFLATE of every max-zoom tile would otherwise add to its own work.
 */
final class CopyWriterThread implements Consumer<TileData>, AutoCloseable {

    private static final TileData END = new TileData(new org.rasterdesk.tiling.TileKey(0, 0, 0),
            org.rasterdesk.raster.pixel.PixelType.BYTE, new double[0], new double[0][]);

    private final BlockingQueue<TileData> queue = new ArrayBlockingQueue<>(16);
    private final MercatorTiffWriter writer;
    private final Thread thread;
    private volatile Throwable failure;

    CopyWriterThread(MercatorTiffWriter writer) {
        this.writer = writer;
        this.thread = new Thread(this::run, "reprojected-copy-writer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            for (TileData tile = queue.take(); tile != END; tile = queue.take()) {
                if (failure == null) {
                    writer.write(tile);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues a non-empty tile for the copy; empty ones stay sparse in the file. */
    @Override
    public void accept(TileData tile) {
        if (failure != null) {
            throw new java.io.UncheckedIOException(new IOException("Writing the reprojected raster failed: "
                    + failure.getMessage(), failure));
        }
        if (tile.isEmpty()) {
            return;
        }
        try {
            queue.put(tile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the reprojected raster", e);
        }
    }

    /** Waits until every queued tile is written, then closes the file. */
    @Override
    public void close() throws IOException {
        try {
            queue.put(END);
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writer.close();
        }
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure != null) {
            throw new IOException("Writing the reprojected raster failed: " + failure.getMessage(), failure);
        }
    }
}
