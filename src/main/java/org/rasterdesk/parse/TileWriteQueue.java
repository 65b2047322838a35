package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;
import org.rasterdesk.db.BrokenConnections;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.tiling.TileData;

/**
 * Encodes and writes tiles on a thread of its own, so that warping (on the parse thread) and the database's work
 * overlap on a two-core machine. The queue is short: memory stays flat whatever the raster's size. A connection
 * lost in the middle (a database restart) is ridden out: the writer waits for the database and goes on.
 */
final class TileWriteQueue implements AutoCloseable {

    private static final TileData END = new TileData(new org.rasterdesk.tiling.TileKey(0, 0, 0),
            org.rasterdesk.raster.pixel.PixelType.BYTE, new double[0], new double[0][]);

    private final BlockingQueue<TileData> queue = new ArrayBlockingQueue<>(32);
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private volatile Throwable failure;

    /** A tile as sent, kept until its batch is in the database so that a lost connection loses none. */
    private record Encoded(org.rasterdesk.tiling.TileKey key, byte[] wkb) {
    }

    /** @param retry waits for a database that went away; the batch it took along is sent again */
    TileWriteQueue(DataSource dataSource, long parseId, Function<TileData, byte[]> encoder, DatabaseRetry retry) {
        thread = new Thread(() -> run(dataSource, parseId, encoder, retry), "tile-writer-" + parseId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(DataSource dataSource, long parseId, Function<TileData, byte[]> encoder, DatabaseRetry retry) {
        List<Encoded> unflushed = new ArrayList<>();
        try {
            boolean ended = false;
            while (!ended) {
                Connection c = null;
                try {
                    c = dataSource.getConnection();
                    ended = writeUntilEnd(c, parseId, encoder, unflushed);
                } catch (SQLException e) {
                    boolean lost = DatabaseRetry.isConnectionLoss(e);
                    if (c != null && lost) {
                        BrokenConnections.abandon(dataSource, c);
                        c = null;
                    } else if (c != null) {
                        BrokenConnections.evictIfBroken(dataSource, c);
                    }
                    if (!lost) {
                        throw e;
                    }
                    // The tiles of earlier batches are committed; the batch under way is sent again.
                    retry.awaitDatabase(e);
                } finally {
                    closeQuietly(c);
                }
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

    /** @return true when every tile is written, after the end of the queue */
    private boolean writeUntilEnd(Connection c, long parseId, Function<TileData, byte[]> encoder,
                                  List<Encoded> unflushed) throws SQLException, InterruptedException {
        PendingTileWriter writer = new PendingTileWriter(c, parseId);
        List<Encoded> again = List.copyOf(unflushed);
        unflushed.clear();
        for (Encoded tile : again) {
            send(writer, tile, unflushed);
        }
        while (true) {
            TileData tile = queue.take();
            if (tile == END) {
                writer.close();
                unflushed.clear();
                return true;
            }
            send(writer, new Encoded(tile.key(), encoder.apply(tile)), unflushed);
            written.incrementAndGet();
        }
    }

    private static void send(PendingTileWriter writer, Encoded tile, List<Encoded> unflushed) throws SQLException {
        unflushed.add(tile);
        long before = writer.written();
        writer.add(tile.key(), tile.wkb());
        if (writer.written() != before) {
            unflushed.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // A connection that died is closed already.
            }
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
