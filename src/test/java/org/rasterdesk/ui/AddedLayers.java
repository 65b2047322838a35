package org.rasterdesk.ui;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.rasterdesk.system.AppLogging;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;

/**
 * Removes the layers a scripted run of the window added from files (RASTERDESK_ADD), with their tiles, so that a
 * screenshot leaves the database as it found it: only layers of those files with ids above the highest id before
 * the run, never layers someone else made of the same files.
 * Usage: {@code AddedLayers [--db JDBC-URL] last-id} prints the highest layer id;
 * {@code AddedLayers [--db JDBC-URL] remove ABOVE-ID FILE...} removes (default: the embedded database).
 */
public final class AddedLayers {

    private AddedLayers() {
    }

    public static void main(String[] args) throws Exception {
        AppLogging.configure();
        List<String> rest = Arrays.asList(args);
        String url = null;
        if (rest.size() >= 2 && rest.get(0).equals("--db")) {
            url = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        if (rest.isEmpty() || !(rest.get(0).equals("last-id") || rest.get(0).equals("remove") && rest.size() >= 2)) {
            System.err.println("usage: AddedLayers [--db JDBC-URL] last-id | remove ABOVE-ID FILE...");
            System.exit(2);
        }
        boolean remove = rest.get(0).equals("remove");
        int above = remove ? Integer.parseInt(rest.get(1)) : 0;
        List<String> sources = remove ? rest.subList(2, rest.size()).stream()
                .map(f -> Path.of(f).toAbsolutePath().toUri().toString()).toList() : List.of();
        List<String> names = remove ? rest.subList(2, rest.size()).stream()
                .map(f -> Path.of(f).getFileName().toString()).toList() : List.of();
        try (ConnectedDatabase connected = url != null
                ? ConnectedDatabase.open(new ConnectionSettings(url, null, null, url))
                : ConnectedDatabase.openEmbedded()) {
            RasterLayerRepository layers = new RasterLayerRepository(connected.database().dataSource());
            if (!remove) {
                System.out.println(layers.findAll().stream().mapToInt(RasterLayer::id).max().orElse(0));
                return;
            }
            int removed = 0;
            for (RasterLayer layer : layers.findAll()) {
                // A file the window was given is stored in the database (rasters/NAME) and has no source URL.
                boolean given = sources.contains(layer.sourceUrl()) || layer.rasterfile() != null
                        && names.contains(Path.of(layer.rasterfile()).getFileName().toString());
                if (layer.id() > above && given && layers.delete(layer.id())) {
                    removed++;
                }
            }
            System.err.println("Removed " + removed + " added layers from " + connected.database().description());
        }
    }
}
