package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.rasterdesk.db.BrokenConnections;
import org.rasterdesk.tiling.TileData;

/**
 * Encodes and writes tiles on a thread of its own, so that warping (on the parse thread) and the database's work
 * overlap on a two-core machine. The queue is short: memory stays flat whatever the raster's size.
 */
final class TileWriteQueue implements AutoCloseable {

    private static final TileData END = new TileData(new org.rasterdesk.tiling.TileKey(0, 0, 0),
            org.rasterdesk.raster.pixel.PixelType.BYTE, new double[0], new double[0][]);

    private final BlockingQueue<TileData> queue = new ArrayBlockingQueue<>(32);
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private volatile Throwable failure;

    TileWriteQueue(DataSource dataSource, long parseId, Function<TileData, byte[]> encoder) {
        thread = new Thread(() -> run(dataSource, parseId, encoder), "tile-writer-" + parseId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(DataSource dataSource, long parseId, Function<TileData, byte[]> encoder) {
        try (Connection c = dataSource.getConnection()) {
            try (PendingTileWriter writer = new PendingTileWriter(c, parseId)) {
                while (true) {
                    TileData tile = queue.take();
                    if (tile == END) {
                        break;
                    }
                    writer.add(tile.key(), encoder.apply(tile));
                    written.incrementAndGet();
                }
            } catch (SQLException e) {
                BrokenConnections.evictIfBroken(dataSource, c);
                throw e;
            }
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException | Error e) {
            // An Error too (out of memory): the parse thread must hear of it instead of waiting forever.
            failure = e;
        } finally {
            queue.clear();
        }
    }

    /** Queues a tile, waiting while the writer is behind; fails when the writer has failed. */
    void put(TileData tile) throws SQLException {
        try {
            while (!queue.offer(tile, 200, TimeUnit.MILLISECONDS)) {
                rethrowFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while writing tiles", e);
        }
        rethrowFailure();
    }

    long written() {
        return written.get();
    }

    /** Waits until every queued tile is in the database. */
    void finish() throws SQLException {
        put(END);
        join();
        rethrowFailure();
    }

    private void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrowFailure() throws SQLException {
        Throwable f = failure;
        if (f instanceof SQLException e) {
            throw e;
        }
        if (f != null) {
            throw new SQLException("Writing tiles failed: " + f.getMessage(), f);
        }
        if (!thread.isAlive() && !queue.isEmpty()) {
            throw new SQLException("The tile writer stopped");
        }
    }

    /** Stops the writer without waiting for queued tiles (after a failure or a cancel). */
    @Override
    public void close() {
        if (thread.isAlive()) {
            queue.clear();
            queue.offer(END);
            join();
        }
    }
}
