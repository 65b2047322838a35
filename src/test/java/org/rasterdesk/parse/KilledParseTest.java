package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;

/** A parsing process killed with SIGKILL leaves the previous tiles and is reported as interrupted. */
@Tag("slow")
class KilledParseTest {

    @Test
    void aKilledParseIsReportedAsInterruptedAndKeepsThePreviousTiles() throws Exception {
        ParsedLayers parsed = new ParsedLayers();
        Path small = ParsedLayers.data("real/django_raster_test.tif");
        Path big = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer layer = parsed.create("killed", DataType.CONTINUOUS, small);
        assertTrue(parsed.parse(layer, small).finished());
        TileRepository tiles = new TileRepository(parsed.dataSource);
        Map<Integer, Long> before = tiles.countByZoom(layer.id());
        // A finer max zoom makes the parse long enough to be killed in the middle of writing tiles.
        parsed.layers.update(parsed.layers.find(layer.id()).orElseThrow().withSourceUrl(big.toUri().toString())
                .withMaxZoom(16).withStoreReprojected(false));

        ConnectionSettings db = TestDatabase.shared().settings();
        String url = db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rasterdesk.Launcher",
                "parse", "--yes", "--db", url, "--layer", Integer.toString(layer.id()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (pendingTiles(parsed) < 20) {
                assertTrue(child.isAlive(), "the parse ended before it could be killed");
                assertTrue(System.nanoTime() < deadline, "the child parse wrote no tiles in time");
                // Not a spin: a loop of queries would take a core from the parse it waits for.
                Thread.sleep(20);
            }
        } finally {
            new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(ParseStatus.CREATING_TILES,
                new ParseStatusRepository(parsed.dataSource).find(layer.id()).orElseThrow().status(),
                "killed in the middle, the stored status still says the parse runs");

        // The killed process's session, and with it the layer lock, is gone once the server notices.
        List<Integer> interrupted = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (interrupted.isEmpty() && System.nanoTime() < deadline) {
            interrupted = new ParseRuns(parsed.dataSource).recoverInterrupted();
            if (interrupted.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertEquals(List.of(layer.id()), interrupted);
        LayerParseStatus status = new ParseStatusRepository(parsed.dataSource).find(layer.id()).orElseThrow();
        assertEquals(ParseStatus.FAILED, status.status());
        assertTrue(status.log().contains("interrupted"), status.log());
        assertEquals(before, tiles.countByZoom(layer.id()));
        assertEquals(0, pendingTiles(parsed));
        assertTrue(parsed.parse(parsed.layers.find(layer.id()).orElseThrow().withMaxZoom(null), big).finished(),
                "the layer can be parsed again");
    }

    private static int pendingTiles(ParsedLayers parsed) throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM rasterdesk_pendingtile")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
