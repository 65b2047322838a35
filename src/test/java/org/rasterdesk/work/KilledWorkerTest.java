package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.parse.LayerParser;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParseRuns;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;

/**
 * Two worker processes parse a queued layer from the real PostGIS, one raster cut into blocks or a mosaic whose
 * files are jobs; one worker is killed with SIGKILL in the middle of a block. The layer still ends with exactly the
 * tiles of a single-process parse of the same source, and its log names the workers that did the parts.
 *
 * <p>"In the middle" is made certain rather than hoped for: the test holds back every tile write with a lock on the
 * pending tiles' table, so a worker that has claimed a block and waits on that lock cannot finish it, whatever the
 * block's size; a waiting session's client port leads to the worker process that holds its socket.
 */
@Tag("slow")
class KilledWorkerTest {

    /** A part made by a worker: a block of rows of one raster, or a mosaic's file (or a block of its rows). */
    private static final Pattern MADE_BY = Pattern.compile("Worker \\S+:(\\d+) made (?:zoom|file) \\d");

    @TempDir
    static Path work;

    private final DataSource dataSource = TestDatabase.shared().dataSource();
    private final WorkerProcesses workers = new WorkerProcesses();
    private final Map<String, Long> pids = new TreeMap<>();
    private int queuedLayer;

    @AfterEach
    void stopWorkers() throws Exception {
        // A parse left under way by a failure would hand its jobs to the next test's workers.
        if (queuedLayer > 0 && new WorkerParseState(dataSource).underWay(queuedLayer).isPresent()) {
            WorkerProcesses.attempt("cancel", "--db", WorkerProcesses.url(), Integer.toString(queuedLayer));
        }
        workers.close();
    }

    @Test
    void aLayerParsedByWorkersOneOfThemKilledHasTheTilesOfALocalParse() throws Exception {
        Path file = ParsedFile.data("real/LisbonElevation.tif");
        // Zoom 16: about 800 tiles at max zoom in 29 rows, blocks of two rows: 15 jobs.
        RasterLayer local = new RasterLayerRepository(dataSource).create(RasterLayer.create("local reference")
                .withDatatype(DataType.CONTINUOUS).withMaxZoom(16).withStoreReprojected(false)
                .withSourceUrl(file.toUri().toString()));
        ParseResult reference = new LayerParser(dataSource).parse(local.id(), file, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(reference.finished(), reference.message());

        startTwoWorkers();
        LayerParseStatus status = killOneInsideABlock("--block-tiles", "64", "--max-zoom", "16",
                "--no-store-reprojected", "--name", "on workers", file.toString());
        assertEquals(tiles(local.id()), tiles(status.layerId()), "z/x/y and bytes of every tile");
        assertTrue(status.log().contains("made zooms 0–15 from zoom 16"), status.log());
    }

    @Test
    void aMosaicParsedByWorkersOneOfThemKilledInsideAFileHasTheTilesOfALocalParse() throws Exception {
        // Four overlapping pieces of the Lisbon raster, the later one winning: at zoom 15 each covers about 50 tiles,
        // cut into blocks of two rows, 16 jobs.
        Path source = ParsedFile.data("real/LisbonElevation.tif");
        List<Path> files = new ArrayList<>();
        int[][] windows = {{0, 0, 300, 230}, {250, 0, 297, 230}, {0, 190, 300, 231}, {250, 190, 297, 231}};
        for (int i = 0; i < windows.length; i++) {
            Path out = work.resolve("piece_" + (i + 1) + ".tif");
            GdalRaster.run("gdal_translate", "-q", "-srcwin", Integer.toString(windows[i][0]),
                    Integer.toString(windows[i][1]), Integer.toString(windows[i][2]), Integer.toString(windows[i][3]),
                    source.toString(), out.toString());
            files.add(out);
        }
        RasterLayer local = new MosaicFiles(dataSource).create(RasterLayer.create("local mosaic reference")
                .withDatatype(DataType.CONTINUOUS).withMaxZoom(15).withStoreReprojected(false), files, false, false);
        ParseResult reference = new LayerParser(dataSource).parse(local.id(), files, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(reference.finished(), reference.message());

        startTwoWorkers();
        List<String> args = new ArrayList<>(List.of("--block-tiles", "16", "--max-zoom", "15",
                "--no-store-reprojected", "--name", "mosaic on workers"));
        files.forEach(f -> args.add(f.toString()));
        LayerParseStatus status = killOneInsideABlock(args.toArray(String[]::new));
        assertEquals(tiles(local.id()), tiles(status.layerId()), "z/x/y and bytes of every tile");
        assertTrue(status.log().contains("of the files where they overlap"), status.log());
        for (int i = 1; i <= files.size(); i++) {
            assertTrue(status.log().contains("made file " + i + " of 4"), "file " + i + ": " + status.log());
        }
    }

    /**
     * Both workers take jobs before the parse is queued: a worker whose JVM starts late on a busy machine would find
     * every block made by the other, and there would be no second worker to kill one of. One after the other: on a
     * new database two workers starting at once both create the job engine's tables, and one of them fails.
     */
    private void startTwoWorkers() throws Exception {
        int live = 0;
        for (String name : List.of("first", "second")) {
            pids.put(WorkerProcesses.sessionName(name), workers.start(name).pid());
            workers.awaitLive(dataSource, ++live, "the " + name + " worker did not start");
        }
    }

    /**
     * Queues a parse with those options, lets both workers make a part, kills one while it is inside a block, and
     * waits for the parse to finish on the other.
     *
     * @return the finished parse's status, its log naming both workers
     */
    private LayerParseStatus killOneInsideABlock(String... parseOptions) throws Exception {
        // Runs that an earlier parse left unfinished are cleaned up now: that deletes pending tiles, which the lock
        // below would hold back in the commands that clean them up when they open the database.
        new ParseRuns(dataSource).recoverInterrupted();
        // Tiles of no layer that other tests left in the shared database are not this test's to answer for.
        long pendingBefore = count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL");
        int layerId;
        // Each worker is held inside a block of its own before either can finish one, so that one worker cannot
        // make every block while the other is still asking for a job.
        try (TileWritesHeld held = new TileWritesHeld()) {
            List<String> args = new ArrayList<>(List.of("parse", "--db", WorkerProcesses.url(), "--queue", "--yes"));
            args.addAll(List.of(parseOptions));
            String out = WorkerProcesses.run(args.toArray(String[]::new));
            Matcher created = Pattern.compile("Created (?:mosaic )?layer (\\d+)").matcher(out);
            assertTrue(created.find(), out);
            layerId = Integer.parseInt(created.group(1));
            queuedLayer = layerId;
            held.awaitInside(layerId, 2);
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (workersNamed(layerId).size() < 2) {
            assertTrue(System.nanoTime() < deadline, "the workers did not both make parts: " + log(layerId));
            workers.assertAlive();
            Thread.sleep(20);
        }
        Set<Long> named = workersNamed(layerId);
        long[] victim;
        try (TileWritesHeld held = new TileWritesHeld()) {
            victim = held.awaitInside(layerId, 1).get(0);
            workers.kill(victim[0]);
            // Dead, and held back until its death: its block cannot have been finished by it.
            assertFalse(attemptDone(victim[1]), "the killed worker's block was done");
        }
        System.out.println("killed worker " + victim[0] + " inside a block (attempt " + victim[1] + "); workers that "
                + "made parts before: " + named);

        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        LayerParseStatus status = statuses.find(layerId).orElseThrow();
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (status.status() != ParseStatus.FINISHED) {
            assertTrue(status.status() != ParseStatus.FAILED, status.log());
            assertTrue(System.nanoTime() < deadline, "the parse did not finish in time: " + status.log());
            Thread.sleep(200);
            status = statuses.find(layerId).orElseThrow();
        }
        System.out.println(status.log());
        assertEquals(pendingBefore, count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL"),
                "no tile left pending");
        assertTrue(workersNamed(layerId).containsAll(named), status.log());
        assertTrue(named.size() >= 2, status.log());
        assertTrue(status.log().contains("left by an earlier attempt and makes them again"), status.log());
        return status;
    }

    /**
     * Every write of a pending tile held back (a worker's block writes its tiles as pending tiles of its attempt)
     * while this lasts, and the workers that wait on it found by their process.
     */
    private final class TileWritesHeld implements AutoCloseable {

        private final org.rasterdesk.parse.TileWritesHeld held;

        TileWritesHeld() throws SQLException {
            held = new org.rasterdesk.parse.TileWritesHeld(TestDatabase.shared().settings());
        }

        /**
         * Waits until {@code count} workers have each claimed a block they have not finished and wait on this lock
         * to write its tiles.
         *
         * @return {pid, attempt} of those workers
         */
        List<long[]> awaitInside(int layerId, int count) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (true) {
                List<long[]> inside = new ArrayList<>();
                try (Connection c = dataSource.getConnection();
                     PreparedStatement ps = c.prepareStatement("SELECT b.worker, b.attempt "
                        + "FROM rasterdesk_parseblock b JOIN rasterdesk_queuedparse q ON q.parse_id = b.parse_id "
                        + "WHERE q.rasterlayer_id = ? AND NOT b.done AND b.attempt IS NOT NULL")) {
                    Set<Long> waiting = waiting(c);
                    ps.setInt(1, layerId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long pid = Long.parseLong(rs.getString(1).replaceAll(".*:", ""));
                            if (waiting.contains(pid)) {
                                inside.add(new long[] {pid, rs.getLong(2)});
                            }
                        }
                    }
                }
                if (inside.size() >= count) {
                    return inside;
                }
                assertTrue(System.nanoTime() < deadline, "no " + count + " workers inside blocks: " + log(layerId));
                workers.assertAlive();
                Thread.sleep(50);
            }
        }

        /** The workers with a session that waits on a lock, by process id. */
        private Set<Long> waiting(Connection c) throws Exception {
            Set<Integer> ports = new TreeSet<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT a.client_port FROM pg_locks l "
                         + "JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted")) {
                while (rs.next()) {
                    ports.add(rs.getInt(1));
                }
            }
            Set<Long> waiting = new TreeSet<>();
            if (!ports.isEmpty()) {
                Map<Long, Integer> portOfSocket = localPorts();
                for (long pid : pids.values()) {
                    for (long socket : sockets(pid)) {
                        Integer port = portOfSocket.get(socket);
                        if (port != null && ports.contains(port)) {
                            waiting.add(pid);
                        }
                    }
                }
            }
            return waiting;
        }

        @Override
        public void close() throws SQLException {
            held.close();
        }
    }

    /**
     * The local port of every TCP socket of this machine, by the socket's inode (from /proc/net/tcp*): a session's
     * client port in pg_stat_activity leads to the worker process that holds the socket. The workers name their
     * sessions, but a tile writer renames its own.
     */
    private static Map<Long, Integer> localPorts() throws java.io.IOException {
        Map<Long, Integer> ports = new java.util.HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!java.nio.file.Files.exists(path)) {
                continue;
            }
            for (String line : java.nio.file.Files.readAllLines(path)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].contains(":") && !f[0].equals("sl")) {
                    int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                    ports.put(Long.parseLong(f[9]), port);
                }
            }
        }
        return ports;
    }

    /** The inodes of the sockets the process holds open. */
    private static Set<Long> sockets(long pid) {
        Set<Long> inodes = new TreeSet<>();
        try (var fds = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (java.io.IOException closed) {
                    // Closed meanwhile.
                }
            }
        } catch (java.io.IOException gone) {
            // The process has ended.
        }
        return inodes;
    }

    private String log(int layerId) {
        return new ParseStatusRepository(dataSource).find(layerId).map(LayerParseStatus::log).orElse("");
    }

    private Set<Long> workersNamed(int layerId) {
        Set<Long> named = new TreeSet<>();
        Matcher m = MADE_BY.matcher(log(layerId));
        while (m.find()) {
            named.add(Long.parseLong(m.group(1)));
        }
        return named;
    }

    /** Whether the block of that attempt counts as done. */
    private boolean attemptDone(long attempt) throws Exception {
        return count("SELECT count(*) FROM rasterdesk_parseblock WHERE attempt = " + attempt + " AND done") > 0;
    }

    private Map<String, String> tiles(int layerId) throws Exception {
        Map<String, String> tiles = StoredTiles.md5s(dataSource, layerId);
        assertTrue(tiles.size() > 100, "tiles: " + tiles.size());
        return tiles;
    }

    private long count(String sql) throws Exception {
        return StoredTiles.count(dataSource, sql);
    }
}
