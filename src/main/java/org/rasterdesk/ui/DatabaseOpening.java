package org.rasterdesk.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.rasterdesk.db.ConnectedDatabase;

/**
 * The window's database being opened on a thread of its own, from before the toolkit starts: starting the
 * embedded PostgreSQL takes seconds, which run in parallel with JavaFX's start and the building of the window
 * instead of after them.
 */
final class DatabaseOpening {

    /** The opening begun by {@link #startEarly}, until the application takes it. */
    private static volatile DatabaseOpening early;

    private final DatabaseChoice choice;
    private final CompletableFuture<ConnectedDatabase> future = new CompletableFuture<>();

    private DatabaseOpening(DatabaseChoice choice) {
        this.choice = choice;
    }

    /** Starts opening the database for the application to {@link #take} once it starts. */
    static void startEarly(DatabaseChoice choice) {
        early = start(choice);
    }

    /** The opening {@link #startEarly} began, once; null when none was begun. */
    static synchronized DatabaseOpening take() {
        DatabaseOpening taken = early;
        early = null;
        return taken;
    }

    /** Starts opening the database now. */
    static DatabaseOpening start(DatabaseChoice choice) {
        DatabaseOpening opening = new DatabaseOpening(choice);
        Thread thread = new Thread(() -> {
            try {
                opening.future.complete(choice.open());
            } catch (Exception | Error e) {
                opening.future.completeExceptionally(e);
            }
        }, "rasterdesk-open-database");
        // Not a daemon: a server started for a window closed meanwhile is still left properly (stop() waits).
        thread.setDaemon(false);
        thread.start();
        return opening;
    }

    DatabaseChoice choice() {
        return choice;
    }

    /** Completes with the open database, or with why it cannot be opened. */
    CompletableFuture<ConnectedDatabase> future() {
        return future;
    }

    /** The open database, waited for; throws what opening it threw. */
    static ConnectedDatabase await(CompletableFuture<ConnectedDatabase> opening) throws Exception {
        try {
            return opening.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
