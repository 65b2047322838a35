package org.rasterdesk.ui.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.Preflight;

/**
 * Carries what a parse reports on its own thread over to its {@link QueuedParse} on the FX thread. Progress comes
 * per row of tiles, far more often than a screen can show; it is kept in fields and published at most every
 * {@link #PROGRESS_PERIOD_NANOS}, and all reports that arrive while one publication is pending share it.
 */
final class ParseFeed implements ParseListener {

    static final long PROGRESS_PERIOD_NANOS = 200_000_000L;

    private final QueuedParse parse;
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean posted = new AtomicBoolean();
    private volatile ParseStatus phase;
    private volatile boolean databaseLost;
    /**
     * A loss of the database not yet shown. The FX thread publishes the state it finds when it gets round to it:
     * on a busy machine the database may have gone and come back by then, and the row never said so.
     */
    private final AtomicBoolean lossToShow = new AtomicBoolean();
    private volatile double fraction = -1;
    private volatile long tilesDone;
    private volatile double tilesPerSecond;
    private volatile long firstProgressNanos;
    private volatile double firstProgressFraction;
    private volatile long lastPostNanos;

    ParseFeed(QueuedParse parse) {
        this.parse = parse;
    }

    @Override
    public void phase(ParseStatus status) {
        phase = status;
        post();
    }

    @Override
    public void databaseAvailable(boolean available) {
        databaseLost = !available;
        if (!available) {
            lossToShow.set(true);
        }
        post();
    }

    /** Asks on the FX thread and waits for the answer; a cancel meanwhile answers no. */
    @Override
    public boolean confirm(Preflight preflight) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            flush();
            answer.complete(!parse.isCancelRequested() && PreflightDialog.ask(parse.layerName(), preflight));
        });
        while (true) {
            try {
                return answer.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (parse.isCancelRequested()) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                return false;
            }
        }
    }

    @Override
    public void logLine(String line) {
        lines.add(line);
        post();
    }

    @Override
    public void progress(double fractionDone, long tiles, double rate) {
        long now = System.nanoTime();
        if (firstProgressNanos == 0) {
            firstProgressNanos = now;
            firstProgressFraction = fractionDone;
        }
        fraction = fractionDone;
        tilesDone = tiles;
        tilesPerSecond = rate;
        if (now - lastPostNanos >= PROGRESS_PERIOD_NANOS) {
            post();
        }
    }

    private void post() {
        if (posted.compareAndSet(false, true)) {
            lastPostNanos = System.nanoTime();
            Platform.runLater(this::flush);
        }
    }

    /** Publishes everything reported so far; on the FX thread. */
    void flush() {
        posted.set(false);
        List<String> batch = new ArrayList<>();
        for (String line; (line = lines.poll()) != null; ) {
            batch.add(line);
        }
        parse.addLogLines(batch);
        if (phase != null && !parse.isDone()) {
            parse.setPhase(phase);
        }
        if (!parse.isDone()) {
            // A loss over before this flush is shown now all the same, and its end by the flush after it.
            boolean lossMissed = lossToShow.getAndSet(false) && !databaseLost;
            parse.setDatabaseLost(databaseLost || lossMissed);
            if (lossMissed) {
                post();
            }
        }
        parse.setProgress(fraction, tilesDone, tilesPerSecond, secondsLeft());
    }

    /** A straight-line estimate from the progress made since tiles began; NaN until there is enough to go on. */
    private double secondsLeft() {
        double f = fraction;
        long start = firstProgressNanos;
        if (start == 0 || f <= firstProgressFraction || f >= 1) {
            return Double.NaN;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (elapsed < 1) {
            return Double.NaN;
        }
        return elapsed * (1 - f) / (f - firstProgressFraction);
    }
}
