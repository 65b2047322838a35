package org.rasterdesk.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.WorkerParseState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Deletes layers with their tiles, metadata and stored sources, as the window's Delete does. */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete layers with their tiles, metadata, parse log and stored source files. A layer whose "
                + "parse is under way is left alone: cancel it first.",
                "Exits 0 when every layer named was deleted, 1 otherwise."})
final class DeleteCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption db;

    @Parameters(paramLabel = "LAYER_ID", arity = "1..*", description = "The layers to delete.")
    List<Integer> layerIds;

    @Override
    public Integer call() throws Exception {
        int refused = 0;
        try (ConnectedDatabase connected = db.open()) {
            DataSource data = connected.database().dataSource();
            RasterLayerRepository layers = new RasterLayerRepository(data);
            WorkerParseState parses = new WorkerParseState(data);
            for (int id : layerIds) {
                Optional<RasterLayer> layer = layers.find(id);
                if (layer.isEmpty()) {
                    System.err.println("rasterdesk: there is no layer " + id + ".");
                    refused++;
                    continue;
                }
                // Deleting under a running parse would leave it writing tiles of a layer that is gone.
                Optional<String> parser = parses.underWay(id).map(parse -> "workers (parse " + parse + ")")
                        .or(() -> localParser(parses, id));
                if (parser.isPresent()) {
                    System.err.println("rasterdesk: layer " + id + " is being parsed by " + parser.get()
                            + "; cancel that parse first (rasterdesk cancel " + id + ").");
                    refused++;
                    continue;
                }
                long tiles = new TileRepository(data).count(id);
                if (layers.delete(id)) {
                    System.out.println("Deleted layer " + id + " \"" + layer.get().name() + "\" and its "
                            + String.format("%,d", tiles) + " tiles.");
                } else {
                    System.err.println("rasterdesk: layer " + id + " was deleted meanwhile.");
                    refused++;
                }
            }
        }
        return refused == 0 ? 0 : 1;
    }

    private static Optional<String> localParser(WorkerParseState parses, int layerId) {
        try {
            return parses.localParser(layerId);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not ask whether layer " + layerId + " is being parsed: "
                    + e.getMessage(), e);
        }
    }
}
