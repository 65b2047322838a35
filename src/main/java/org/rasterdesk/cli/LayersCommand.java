package org.rasterdesk.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.layer.LayerSummary;
import org.rasterdesk.layer.RasterLayerRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists the layers of a database with datatype, parse status and tile count. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "List the raster layers with datatype, parse status and tile count.")
final class LayersCommand implements Callable<Integer> {

    @Mixin
    DatabaseOption db;

    @Override
    public Integer call() throws Exception {
        try (ConnectedDatabase connected = db.open()) {
            System.out.println("Database: " + connected.database().description());
            List<LayerSummary> layers = new RasterLayerRepository(connected.database().dataSource()).listSummaries();
            if (layers.isEmpty()) {
                System.out.println("No layers.");
            } else {
                System.out.println();
                LayerTable.print(layers, System.out);
            }
            return 0;
        }
    }
}
