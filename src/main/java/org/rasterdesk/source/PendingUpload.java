package org.rasterdesk.source;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;

/**
 * The bytes of a new layer's file going into the database while the layer is parsed from the local file: storing
 * them is the server's work and reading the file the parse's, so they overlap instead of one waiting for the
 * other. The parse waits for the upload only before its final transaction.
 */
public final class PendingUpload {

    private final DataSource dataSource;
    private final RasterLayer layer;
    private final Path file;
    private final AtomicBoolean stop = new AtomicBoolean();
    private Thread thread;
    private volatile StoredFile stored;
    private volatile Throwable failure;
    private volatile long serverNanos;

    PendingUpload(DataSource dataSource, RasterLayer layer, Path file) {
        this.dataSource = dataSource;
        this.layer = layer;
        this.file = file;
    }

    public RasterLayer layer() {
        return layer;
    }

    public Path file() {
        return file;
    }

    /** Starts storing the bytes on a thread of its own; {@code cancelled} is polled between chunks. */
    public synchronized void start(BooleanSupplier cancelled) {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> run(() -> stop.get() || cancelled.getAsBoolean()), "upload-" + layer.id());
        thread.setDaemon(true);
        thread.start();
    }

    private void run(BooleanSupplier cancelled) {
        SourceFileStore store = new SourceFileStore(dataSource);
        try {
            stored = store.store(layer.id(), file, FetchListener.NONE, cancelled, nanos -> serverNanos = nanos);
        } catch (IOException | SQLException | ParseCancelledException | RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Waits until the bytes are stored; fails as the upload failed. */
    public StoredFile await() throws IOException, SQLException, ParseCancelledException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            throw new IllegalStateException("the upload was not started");
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure;
        if (f instanceof IOException e) {
            throw new IOException("Storing the file in the database failed: " + e.getMessage(), e);
        }
        if (f instanceof SQLException e) {
            throw e;
        }
        if (f instanceof ParseCancelledException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        return stored;
    }

    /** Stops the upload (the parse failed or was cancelled) and waits for its thread; what it stored rolls back. */
    public void abandon() {
        stop.set(true);
        try {
            await();
        } catch (IOException | SQLException | ParseCancelledException | RuntimeException e) {
            // given up on purpose
        }
    }

    /** CPU time of the database's server process for the upload, when it runs on this machine; else 0. */
    public long serverNanos() {
        return serverNanos;
    }
}
