package org.rasterdesk.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.work.JobQueue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Cancels a layer's parse on workers, waiting for a worker or under way, as the window's Cancel does. */
@Command(name = "cancel", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Cancel the parse on workers of a layer (queued with parse --queue or from a window), "
                + "whether it waits for a worker or runs; the layer keeps its previous tiles.",
                "A local parse runs in its own process: cancel it there (Ctrl-C, or Cancel in its window).",
                "Exits 0 when a parse was cancelled, 1 when there was none to cancel here."})
final class CancelCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption db;

    @Parameters(paramLabel = "LAYER_ID", description = "The layer whose parse to cancel.")
    int layerId;

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
                System.err.println("rasterdesk: layer " + layerId + " is being parsed locally by " + local.get()
                        + ", not on workers; only that program can cancel it (Ctrl-C there, or Cancel in its "
                        + "window).");
                return 1;
            }
            System.err.println("rasterdesk: layer " + layerId + " has no parse under way to cancel.");
            return 1;
        }
    }
}
