package org.rasterdesk.source;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.RasterLayer;

/**
 * The bytes of a new layer's file (or a new mosaic layer's files, one after the other) going into the database while
 * the layer is parsed from the local files: storing them is the server's work and reading the files the parse's, so
 * they overlap instead of one waiting for the other. The parse waits for the upload only before its final
 * transaction. A file with side files (a mosaic's file as a layer's one) is stored as the zip of them all
 * ({@link SideFileZip}), made as it is stored, while the parse reads the file and its side files where they lie, as
 * a parse of the unpacked zip finds them.
 */
public final class PendingUpload {

    private final DataSource dataSource;
    private final RasterLayer layer;
    /** The file, or a mosaic's files in order, each alone or zipped with its side files. */
    private final List<SideFileZip> uploads;
    private final boolean mosaic;
    private final AtomicBoolean stop = new AtomicBoolean();
    private boolean kept;
    private Thread thread;
    private volatile StoredFile stored;
    private volatile Throwable failure;
    private volatile long serverNanos;
    /** Run once the upload's thread has ended; guarded by this. */
    private final List<Runnable> whenEnded = new ArrayList<>();
    private boolean ended;

    /** A layer's single file, stored alone or zipped with its side files. */
    PendingUpload(DataSource dataSource, RasterLayer layer, SideFileZip upload) {
        this(dataSource, layer, List.of(upload), false);
    }

    /** @param mosaic the files are a mosaic layer's, stored as its parts in this order */
    PendingUpload(DataSource dataSource, RasterLayer layer, List<SideFileZip> uploads, boolean mosaic) {
        this.dataSource = dataSource;
        this.layer = layer;
        this.uploads = List.copyOf(uploads);
        this.mosaic = mosaic;
    }

    public RasterLayer layer() {
        return layer;
    }

    /** The file, or a mosaic's files in their order, that the parse reads. */
    public List<Path> files() {
        return uploads.stream().map(SideFileZip::raster).toList();
    }

    /** Starts storing the bytes on a thread of its own; {@code cancelled} is polled between chunks. */
    public synchronized void start(BooleanSupplier cancelled) {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> {
            try {
                run(() -> stop.get() || cancelled.getAsBoolean());
            } finally {
                ended();
            }
        }, "upload-" + layer.id());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts storing the bytes now, for a layer that keeps its file whatever becomes of its parse (the window's: a
     * layer stays in the list after a failed or cancelled parse, to be parsed again): the parse's cancel or failure
     * does not stop it, and the parse that is given it only waits for it.
     */
    public synchronized void startKept() {
        kept = true;
        start(() -> false);
    }

    private void run(BooleanSupplier cancelled) {
        try {
            for (int i = 0; i < uploads.size(); i++) {
                SourceFileStore store = mosaic ? SourceFileStore.mosaicPart(dataSource, i + 1)
                        : new SourceFileStore(dataSource);
                StoredFile one = store.store(layer.id(), uploads.get(i), FetchListener.NONE, cancelled,
                        nanos -> serverNanos += nanos);
                if (i == 0) {
                    stored = one;
                }
            }
        } catch (IOException | SQLException | ParseCancelledException | RuntimeException | Error e) {
            failure = e;
        }
    }

    /**
     * Runs the action once the started upload has ended, whether it stored the bytes or not: on the upload's thread,
     * or at once when it has ended already. For what must outlast the upload without a thread waiting for it (the
     * files it reads are deleted then).
     */
    public void whenEnded(Runnable action) {
        synchronized (this) {
            if (!ended) {
                whenEnded.add(action);
                return;
            }
        }
        action.run();
    }

    private void ended() {
        List<Runnable> actions;
        synchronized (this) {
            ended = true;
            actions = List.copyOf(whenEnded);
            whenEnded.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** Waits until the bytes are stored (returns the first file's record); fails as the upload failed. */
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

    /**
     * Stops the upload (the parse failed or was cancelled) and waits for its thread; what it stored rolls back. An
     * upload {@link #startKept kept} whatever becomes of the parse goes on.
     */
    public void abandon() {
        synchronized (this) {
            if (kept) {
                return;
            }
        }
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
