package org.rasterdesk.parse;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.rasterdesk.db.BackendCpu;
import org.rasterdesk.db.BrokenConnections;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.tiling.TileKey;

/**
 * Writes encoded tiles on a thread of its own, so that the work of making tiles and the database's work overlap.
 * The queue is short: memory stays flat whatever the raster's size. A connection lost in the middle (a database
 * restart) is ridden out: the writer waits for the database and goes on.
 */
final class TileWriteQueue implements AutoCloseable {

    /** A tile as it goes to the database: its address and PostGIS raster WKB. */
    record EncodedTile(TileKey key, byte[] wkb) {
    }

    private static final EncodedTile END = new EncodedTile(new TileKey(0, 0, 0), new byte[0]);

    private final BlockingQueue<EncodedTile> queue = new ArrayBlockingQueue<>(32);
    private final WkbBuffers buffers = new WkbBuffers();
    private final Thread thread;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private volatile Throwable failure;
    private long waitedNanos;

    /** @param retry waits for a database that went away; the batch it took along is sent again */
    TileWriteQueue(DataSource dataSource, long parseId, DatabaseRetry retry) {
        this(dataSource, parseId, null, retry);
    }

    /** @param layerId the layer the tiles belong to as they are written, or null to leave them unattached */
    TileWriteQueue(DataSource dataSource, long parseId, Integer layerId, DatabaseRetry retry) {
        thread = new Thread(() -> run(dataSource, parseId, layerId, retry), "tile-writer-" + parseId);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(DataSource dataSource, long parseId, Integer layerId, DatabaseRetry retry) {
        List<EncodedTile> unflushed = new ArrayList<>();
        try {
            boolean ended = false;
            while (!ended) {
                Connection c = null;
                try {
                    c = dataSource.getConnection();
                    ended = writeUntilEnd(c, parseId, layerId, unflushed);
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
    private boolean writeUntilEnd(Connection c, long parseId, Integer layerId, List<EncodedTile> unflushed)
            throws SQLException, InterruptedException {
        Optional<BackendCpu> server = BackendCpu.of(c);
        long serverBefore = server.map(BackendCpu::nanos).orElse(0L);
        long waitedBefore = waitedNanos;
        PendingTileWriter writer = new PendingTileWriter(c, parseId, layerId);
        List<EncodedTile> again = List.copyOf(unflushed);
        unflushed.clear();
        for (EncodedTile tile : again) {
            send(writer, tile, unflushed);
        }
        while (true) {
            EncodedTile tile = queue.take();
            if (tile == END) {
                long started = System.nanoTime();
                writer.close();
                waitedNanos += System.nanoTime() - started;
                recycle(unflushed);
                // The server's CPU for the writes where it can be measured, else the time waited for it.
                writeNanos.addAndGet(server.isPresent() ? server.get().nanos() - serverBefore
                        : waitedNanos - waitedBefore);
                return true;
            }
            send(writer, tile, unflushed);
            written.incrementAndGet();
        }
    }

    private void send(PendingTileWriter writer, EncodedTile tile, List<EncodedTile> unflushed) throws SQLException {
        unflushed.add(tile);
        long before = writer.written();
        long started = System.nanoTime();
        writer.add(tile.key(), tile.wkb());
        waitedNanos += System.nanoTime() - started;
        if (writer.written() != before) {
            recycle(unflushed);
        }
    }

    /** The tiles of a batch the database has: their WKB arrays are for the encoders again. */
    private void recycle(List<EncodedTile> sent) {
        for (EncodedTile tile : sent) {
            buffers.give(tile.wkb());
        }
        sent.clear();
    }

    /**
     * Arrays for the WKB of the tiles to put: each tile's array is taken back once the database has it, so the caller
     * must keep no reference to a WKB it has put.
     */
    byte[] wkbBuffer(int size) {
        return buffers.take(size);
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
