package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * A parsing process killed with SIGKILL leaves the previous tiles and is reported as interrupted by the next program
 * that opens the database; a window that stays open finds the parses of this machine's programs that died.
 */
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
        // Past its first tiles the child's writes wait until it is killed: killed in the middle of writing tiles
        // whatever the machine's pace, where a parse let run could end between two looks.
        Process child;
        try (TileWritesHeld held = TileWritesHeld.after(db, layer.id(), 64)) {
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.rasterdesk.Launcher",
                    "parse", "--yes", "--db", url, "--layer", Integer.toString(layer.id()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (pendingTiles(parsed, layer.id()) < 20) {
                    assertTrue(child.isAlive(), "the parse ended before it could be killed");
                    assertTrue(System.nanoTime() < deadline, "the child parse wrote no tiles in time");
                    // Not a spin: a loop of queries would take a core from the parse it waits for.
                    Thread.sleep(20);
                }
            } finally {
                new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
        assertEquals(ParseStatus.CREATING_TILES,
                new ParseStatusRepository(parsed.dataSource).find(layer.id()).orElseThrow().status(),
                "killed in the middle, the stored status still says the parse runs");

        // The killed process's session, and with it the layer lock, is gone once the server notices.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (LayerLock.isHeld(layer.id(), parsed.dataSource)) {
            assertTrue(System.nanoTime() < deadline, "the killed parse's session kept the layer's lock");
            Thread.sleep(100);
        }
        // The next program to open the database (here the layers command) finds the parse abandoned and says so.
        Process layers = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.rasterdesk.Launcher", "layers", "--db", url)
                .redirectErrorStream(true).start();
        String listed = new String(layers.getInputStream().readAllBytes());
        assertTrue(layers.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, layers.exitValue(), listed);
        String row = listed.lines().filter(l -> l.trim().startsWith(layer.id() + " ")).findFirst().orElse("");
        assertTrue(row.contains(ParseStatus.FAILED.displayText()), "the killed parse's row: " + listed);
        LayerParseStatus status = new ParseStatusRepository(parsed.dataSource).find(layer.id()).orElseThrow();
        assertEquals(ParseStatus.FAILED, status.status());
        List<String> lines = status.logLines();
        assertTrue(lines.get(lines.size() - 1).contains("Parse interrupted: the program that ran it stopped (process "
                + child.pid() + " on "), status.log());
        assertEquals(before, tiles.countByZoom(layer.id()));
        assertEquals(0, pendingTiles(parsed, layer.id()));
        assertTrue(parsed.parse(parsed.layers.find(layer.id()).orElseThrow().withMaxZoom(null), big).finished(),
                "the layer can be parsed again");
    }

    @Test
    void aWindowFindsTheParseOfAProgramOfThisMachineThatDiedButNotOneWhoseProgramRuns() throws Exception {
        ParsedLayers parsed = new ParsedLayers();
        Path small = ParsedLayers.data("real/django_raster_test.tif");
        ParseStatusRepository statuses = new ParseStatusRepository(parsed.dataSource);
        RasterLayer dead = parsed.create("abandoned here", DataType.CONTINUOUS, small);
        RasterLayer alive = parsed.create("runs here, database restarted", DataType.CONTINUOUS, small);
        RasterLayer elsewhere = parsed.create("abandoned elsewhere", DataType.CONTINUOUS, small);
        // A process of this machine that has ended: its id is not reused within the test.
        Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
        String here = java.net.InetAddress.getLocalHost().getHostName();
        long deadRun = run(parsed, dead.id(), here, gone.pid());
        // This JVM's own run, its lock lost with its session: as while the database restarts.
        long aliveRun = run(parsed, alive.id(), here, ProcessHandle.current().pid());
        long elsewhereRun = run(parsed, elsewhere.id(), "another-machine.example", 4711);
        for (RasterLayer layer : List.of(dead, alive, elsewhere)) {
            statuses.log(layer.id(), "Creating tiles.", ParseStatus.CREATING_TILES, null);
        }
        ParseRuns runs = new ParseRuns(parsed.dataSource);

        List<Integer> found = runs.recoverAbandoned();
        assertTrue(found.contains(dead.id()), found.toString());
        assertFalse(found.contains(alive.id()) || found.contains(elsewhere.id()), found.toString());
        LayerParseStatus status = statuses.find(dead.id()).orElseThrow();
        assertEquals(ParseStatus.FAILED, status.status());
        assertTrue(status.log().contains("Parse interrupted: the program that ran it stopped (process " + gone.pid()
                + " on " + here + ")"), status.log());
        assertEquals("interrupted", outcome(parsed, deadRun));
        assertEquals(ParseStatus.CREATING_TILES, statuses.status(alive.id()));
        assertEquals(ParseStatus.CREATING_TILES, statuses.status(elsewhere.id()));

        // At a program's start the lock decides for other machines; a run whose process lives here stays.
        found = runs.recoverInterrupted();
        assertTrue(found.contains(elsewhere.id()) && !found.contains(alive.id()), found.toString());
        assertEquals(ParseStatus.FAILED, statuses.status(elsewhere.id()));
        assertEquals("interrupted", outcome(parsed, elsewhereRun));
        assertEquals(ParseStatus.CREATING_TILES, statuses.status(alive.id()));
        assertEquals(null, outcome(parsed, aliveRun));
        runs.discard(aliveRun, "failed");
        statuses.setStatus(alive.id(), ParseStatus.FAILED);
    }

    /** An unfinished local run of the layer, begun by that process of that host. */
    private static long run(ParsedLayers parsed, int layerId, String host, long pid) throws Exception {
        try (Connection c = parsed.dataSource.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO rasterdesk_parse (rasterlayer_id, host, "
                     + "pid) VALUES (?, ?, ?) RETURNING id")) {
            ps.setInt(1, layerId);
            ps.setString(2, host);
            ps.setLong(3, pid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String outcome(ParsedLayers parsed, long run) throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT outcome FROM rasterdesk_parse WHERE id = " + run)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The layer's pending tiles: the shared database may hold other tests' too. */
    private static int pendingTiles(ParsedLayers parsed, int layerId) throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM rasterdesk_pendingtile p JOIN rasterdesk_parse r "
                     + "ON r.id = p.parse_id WHERE r.rasterlayer_id = " + layerId)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
