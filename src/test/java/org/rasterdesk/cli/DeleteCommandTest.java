package org.rasterdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.LayerLock;
import org.rasterdesk.source.SourceFileStore;

/** `rasterdesk delete` removes a layer with its tiles and stored file, and leaves a layer under parse alone. */
class DeleteCommandTest {

    @TempDir
    Path dir;

    @Test
    void deletesLayersWithTheirTilesAndFilesAndLeavesOneUnderParse() throws Exception {
        ConnectionSettings settings = TestDatabase.createEmptyDatabase("rasterdesk_cli_delete");
        String url = settings.jdbcUrl() + "?user=" + settings.user() + "&password=" + settings.password();
        try (Database database = Database.open(settings, false)) {
            RasterLayerRepository layers = new RasterLayerRepository(database.dataSource());
            TileRepository tiles = new TileRepository(database.dataSource());
            int done = layers.create(RasterLayer.create("Parsed")).id();
            int parsing = layers.create(RasterLayer.create("Under parse")).id();
            int kept = layers.create(RasterLayer.create("Not named")).id();
            for (int id : new int[] {done, parsing, kept}) {
                addTiles(database, id, 12);
            }
            Path file = Files.write(dir.resolve("source.tif"), new byte[] {1, 2, 3, 4});
            new SourceFileStore(database.dataSource()).store(done, file);
            assertEquals(1, largeObjects(database));

            String[] out = new String[2];
            int exit;
            try (LayerLock lock = LayerLock.tryAcquire(database.dataSource(), parsing)) {
                assertTrue(lock != null, "the test holds the layer's lock as a parse does");
                exit = run(out, "delete", "--db", url, Integer.toString(done), Integer.toString(parsing), "999");
            }
            assertEquals(1, exit, out[0] + out[1]);
            assertTrue(out[0].contains("Deleted layer " + done + " \"Parsed\" and its 12 tiles."), out[0]);
            assertTrue(out[1].contains("layer " + parsing + " is being parsed by "), out[1]);
            assertTrue(out[1].contains("cancel that parse first"), out[1]);
            assertTrue(out[1].contains("there is no layer 999."), out[1]);
            assertTrue(layers.find(done).isEmpty());
            assertEquals(0, tiles.count(done));
            assertEquals(0, largeObjects(database), "the stored file went with its layer");
            assertEquals(12, tiles.count(parsing));
            assertEquals(12, tiles.count(kept));

            assertEquals(0, run(out, "delete", "--db", url, Integer.toString(parsing)), out[0] + out[1]);
            assertTrue(layers.find(parsing).isEmpty());
            assertEquals(0, tiles.count(parsing));
            assertFalse(layers.find(kept).isEmpty());
            assertEquals(12, tiles.count(kept));
        }
    }

    private static void addTiles(Database database, int layerId, int count) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO raster_rastertile "
                     + "(rast, tilex, tiley, tilez, rasterlayer_id) SELECT ST_AddBand(ST_MakeEmptyRaster("
                     + "256, 256, 0, 0, 1, -1, 0, 0, 3857), '8BUI'::text, 1::float8, 0::float8), x, 0, 4, ? "
                     + "FROM generate_series(0, ?) AS x")) {
            ps.setInt(1, layerId);
            ps.setInt(2, count - 1);
            ps.executeUpdate();
        }
    }

    private static long largeObjects(Database database) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_largeobject_metadata");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs the command line; out[0] gets what it printed, out[1] its errors. */
    private static int run(String[] out, String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            return RasterDeskCommand.run(args);
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out[0] = o.toString(StandardCharsets.UTF_8);
            out[1] = e.toString(StandardCharsets.UTF_8);
        }
    }
}
