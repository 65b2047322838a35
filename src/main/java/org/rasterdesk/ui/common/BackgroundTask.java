package org.rasterdesk.ui.common;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One piece of work for a {@link TaskExecutor}: what runs off the FX thread, and what the window does with its
 * value or its failure on the FX thread. Made and started on the FX thread:
 * <pre>{@code
 * BackgroundTask.of(() -> repository.load(id))
 *         .describedAs("Reading layer " + id)
 *         .onSuccess(this::show)
 *         .onFailure(e -> problem.set(ErrorText.of(e)))
 *         .executeWith(executor);
 * }</pre>
 * An answer nobody waits for any more ({@link #whileCurrent}, {@link #cancel}) is dropped, not shown.
 *
 * @param <T> what the work hands back
 */
public final class BackgroundTask<T> {

    private static final Logger LOG = Logger.getLogger(BackgroundTask.class.getName());

    /** The work: runs off the FX thread and may throw. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    /** Work without a value. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private final Work<T> work;
    private String description;
    private BooleanSupplier current = () -> true;
    private Runnable onFinished = () -> { };
    private Consumer<? super T> onSuccess = value -> { };
    private Consumer<? super Throwable> onFailure;
    private volatile boolean cancelled;

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    public static BackgroundTask<Void> ofAction(Action action) {
        Objects.requireNonNull(action);
        return new BackgroundTask<>(() -> {
            action.run();
            return null;
        });
    }

    /** What the work does, for the debug log: a failure is logged with it and its stack trace. */
    public BackgroundTask<T> describedAs(String what) {
        description = what;
        return this;
    }

    /** Called with the work's value on the FX thread, unless the answer is no longer wanted. */
    public BackgroundTask<T> onSuccess(Consumer<? super T> action) {
        onSuccess = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Called with the work's failure on the FX thread, unless the answer is no longer wanted. Without it a failure
     * is only logged.
     */
    public BackgroundTask<T> onFailure(Consumer<? super Throwable> action) {
        onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** Called on the FX thread when the work has ended, in every case and before the value or the failure. */
    public BackgroundTask<T> onFinished(Runnable action) {
        onFinished = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Asked on the FX thread when the work has ended: false drops the value or failure (a newer request, another
     * database). {@link #onFinished} still runs.
     */
    public BackgroundTask<T> whileCurrent(BooleanSupplier stillWanted) {
        current = Objects.requireNonNull(stillWanted);
        return this;
    }

    /** Hands the task to an executor; returns it, so that the caller can keep it to cancel. */
    public BackgroundTask<T> executeWith(TaskExecutor executor) {
        executor.execute(this);
        return this;
    }

    /**
     * Drops the answer: work not started yet does not start, and neither the value nor the failure is delivered.
     * Work already running is not interrupted (never a thread interrupt in the middle of a database write); it may
     * look at {@link #isCancelled()} between units of work.
     */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs the work; for executors, on the thread they choose. */
    public T call() throws Exception {
        return work.call();
    }

    /** Delivers the work's value; for executors, on the FX thread. */
    public void succeeded(T value) {
        onFinished.run();
        if (!cancelled && current.getAsBoolean()) {
            onSuccess.accept(value);
        }
    }

    /** Delivers the work's failure; for executors, on the FX thread. */
    public void failed(Throwable failure) {
        if (description != null || onFailure == null) {
            LOG.log(onFailure == null ? Level.WARNING : Level.INFO,
                    description == null ? "Background work failed" : description, failure);
        }
        onFinished.run();
        if (!cancelled && current.getAsBoolean() && onFailure != null) {
            onFailure.accept(failure);
        }
    }

    /** Says that cancelled work did not run; for executors, on the FX thread. */
    public void skipped() {
        onFinished.run();
    }
}
