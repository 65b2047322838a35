package org.rasterdesk.cli;

import java.util.concurrent.Callable;
import org.rasterdesk.db.ConnectedDatabase;
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
            return 0;
        }
    }
}
