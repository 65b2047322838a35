package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.rasterdesk.db.BackendCpu;
import org.rasterdesk.db.BrokenConnections;
import org.rasterdesk.tiling.TileKey;

/**
 * Writes encoded tiles on a thread of its own, so that the work of making tiles and the database's work overlap.
 * The queue is short: memory stays flat whatever the raster's size.
 */
final class TileWriteQueue implements AutoCloseable {

    /** A tile as it goes to the database: its address and PostGIS raster WKB. */
    record EncodedTile(TileKey key, byte[] wkb) {
    }

    private static final EncodedTile END = new EncodedTile(new TileKey(0, 0, 0), new byte[0]);

    private final BlockingQueue<EncodedTile> queue = new ArrayBlockingQueue<>(32);
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private volatile Throwable failure;
    private long waitedNanos;

    TileWriteQueue(DataSource dataSource, long parseId) {
        thread = new Thread(() -> run(dataSource, parseId), "tile-writer-" + parseId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(DataSource dataSource, long parseId) {
        try (Connection c = dataSource.getConnection()) {
            java.util.Optional<BackendCpu> server = BackendCpu.of(c);
            long serverBefore = server.map(BackendCpu::nanos).orElse(0L);
            try (PendingTileWriter writer = new PendingTileWriter(c, parseId)) {
                while (true) {
                    EncodedTile tile = queue.take();
                    if (tile == END) {
                        break;
                    }
                    long started = System.nanoTime();
                    writer.add(tile.key(), tile.wkb());
                    waitedNanos += System.nanoTime() - started;
                    written.incrementAndGet();
                }
                long started = System.nanoTime();
                writer.flush();
                waitedNanos += System.nanoTime() - started;
                writeNanos.set(server.isPresent() ? server.get().nanos() - serverBefore : waitedNanos);
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
    void put(EncodedTile tile) throws SQLException {
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

    /** CPU time of the database's server process for the writes, or the time waited for it when not measurable. */
    long writeNanos() {
        return writeNanos.get();
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
