package org.rasterdesk.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.CancelRequests;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.work.JobQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Cancels a layer's parse on workers, waiting for a worker or under way, as the window's Cancel does. */
@Command(name = "cancel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cancel the parse of a layer: on workers (queued with parse --queue or from a window), "
                + "whether it waits for a worker or runs, or a local parse running in another program (a window, "
                + "another terminal's parse); the layer keeps its previous tiles.",
                "Exits 0 when a parse was cancelled, 1 when there was none to cancel."})
final class CancelCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption db;

    @Parameters(paramLabel = "LAYER_ID", description = "The layer whose parse to cancel.")
    int layerId;

    /** How long a local parse gets to see the cancel stored for it and stop (it looks once a second). */
    static final long LOCAL_STOP_MILLIS = 60_000;

    @Override
    public Integer call() throws Exception {
        try (ConnectedDatabase connected = db.open()) {
            DataSource data = connected.database().dataSource();
            if (new RasterLayerRepository(data).find(layerId).isEmpty()) {
                throw new IllegalArgumentException("There is no layer " + layerId + ".");
            }
            WorkerParseState state = new WorkerParseState(data);
            Optional<Long> onWorkers = state.underWay(layerId);
            if (onWorkers.isPresent()) {
                boolean waiting = state.read(layerId, onWorkers.get() - 1).waiting();
                boolean cancelled;
                try (JobQueue jobs = JobQueue.client(data)) {
                    cancelled = jobs.cancelParse(layerId, onWorkers.get());
                }
                if (cancelled) {
                    List<String> lines = new ParseStatusRepository(data).find(layerId)
                            .map(LayerParseStatus::logLines).orElse(List.of());
                    System.out.println("Cancelled the parse on workers of layer " + layerId + " (parse "
                            + onWorkers.get() + (waiting ? ", still waiting for a worker" : "") + ").");
                    if (!lines.isEmpty()) {
                        System.out.println(lines.get(lines.size() - 1));
                    }
                    return 0;
                }
                System.err.println("rasterdesk: the parse on workers of layer " + layerId + " ended before it could "
                        + "be cancelled.");
                return 1;
            }
            Optional<String> local = state.localParser(layerId);
            if (local.isPresent()) {
                return cancelLocal(data, local.get());
            }
            System.err.println("rasterdesk: layer " + layerId + " has no parse under way to cancel.");
            return 1;
        }
    }

    /** Stores the cancel for the program that parses the layer and waits until that parse has stopped. */
    private int cancelLocal(DataSource data, String parser) throws Exception {
        CancelRequests.Stop stop = new CancelRequests(data).stop(layerId, LOCAL_STOP_MILLIS, run -> { }, () -> true);
        if (stop.run() == 0) {
            System.err.println("rasterdesk: layer " + layerId + " is locked by " + parser + " but has no local parse "
                    + "running to cancel; try again in a moment.");
            return 1;
        }
        if (!stop.stopped()) {
            System.err.println("rasterdesk: the local parse of layer " + layerId + " by " + parser + " was asked "
                    + "to stop but has not stopped within " + LOCAL_STOP_MILLIS / 1000 + " s; it stops at its "
                    + "next check.");
            return 1;
        }
        List<String> lines = new ParseStatusRepository(data).find(layerId).map(LayerParseStatus::logLines)
                .orElse(List.of());
        System.out.println("Cancelled the local parse of layer " + layerId + " by " + parser + " (parse "
                + stop.run() + ").");
        if (!lines.isEmpty()) {
            System.out.println(lines.get(lines.size() - 1));
        }
        return 0;
    }
}
