package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.rasterdesk.parse.ParsedFile;

/**
 * Two worker processes parse a queued raster from the real PostGIS; one is killed with SIGKILL in the middle of a
 * block. The layer still ends with exactly the tiles of a single-process parse of the same file, and its log names
 * the workers that did the parts.
 */
@Tag("slow")
class KilledWorkerTest {

    private static final Pattern MADE_BY = Pattern.compile("Worker \\S+:(\\d+) made zoom");

    private final DataSource dataSource = TestDatabase.shared().dataSource();
    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws Exception {
        for (Process p : workers) {
            p.destroy();
        }
        for (Process p : workers) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aLayerParsedByWorkersOneOfThemKilledHasTheTilesOfALocalParse() throws Exception {
        Path file = ParsedFile.data("real/LisbonElevation.tif");
        RasterLayerRepository layers = new RasterLayerRepository(dataSource);
        // Zoom 18 makes about 12,000 tiles at max zoom, 110 rows of 110, in blocks of four rows: 28 jobs of a second
        // or more. At zoom 17 (14 blocks of half a second once the warp got faster) one worker made all but one block
        // in the 5 s the other took to ask for a job, and no worker was ever caught inside a block with both named.
        RasterLayer local = layers.create(RasterLayer.create("local reference").withDatatype(DataType.CONTINUOUS)
                .withMaxZoom(18).withStoreReprojected(false).withSourceUrl(file.toUri().toString()));
        ParseResult reference = new LayerParser(dataSource).parse(local.id(), file, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(reference.finished(), reference.message());

        // Both workers take jobs before the parse is queued: a worker whose JVM starts late on a busy machine
        // would find every block made by the other, and there would be no second worker to kill one of.
        Process first = startWorker("first");
        Process second = startWorker("second");
        long started = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (JobQueue.liveWorkers(dataSource) < 2) {
            assertTrue(System.nanoTime() < started, "the workers did not start; see target/worker-logs");
            assertTrue(first.isAlive() && second.isAlive(), "a worker stopped; see target/worker-logs");
            Thread.sleep(200);
        }
        String out = run("parse", "--db", url(), "--queue", "--yes", "--block-tiles", "448", "--max-zoom", "18",
                "--no-store-reprojected", "--name", "on workers", file.toString());
        Matcher created = Pattern.compile("Created layer (\\d+)").matcher(out);
        assertTrue(created.find(), out);
        int layerId = Integer.parseInt(created.group(1));

        Set<Long> named = new TreeSet<>();
        long[] victim = {0, 0};
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        // Both workers have made a part, and one is in the middle of another: kill that one.
        while (victim[0] == 0) {
            assertTrue(System.nanoTime() < deadline, "the workers did not both make parts in time: " + log(layerId));
            assertTrue(first.isAlive() && second.isAlive(), "a worker stopped; see target/worker-logs");
            named = workersNamed(layerId);
            if (named.size() >= 2) {
                victim = workerInsideABlock(layerId, Set.of(first.pid(), second.pid()));
            }
            // Blocks take a second or more: looking every 20 ms catches one under way without taking a core from
            // the workers, as a spinning loop of queries did.
            Thread.sleep(20);
        }
        new ProcessBuilder("kill", "-9", Long.toString(victim[0])).start().waitFor();
        boolean doneBeforeTheKill = attemptDone(victim[1]);
        System.out.println("killed worker " + victim[0] + " inside a block (attempt " + victim[1] + ", finished "
                + "just before the kill: " + doneBeforeTheKill + "); workers that made parts so far: " + named);

        ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
        LayerParseStatus status = statuses.find(layerId).orElseThrow();
        while (status.status() != ParseStatus.FINISHED) {
            assertTrue(status.status() != ParseStatus.FAILED, status.log());
            assertTrue(System.nanoTime() < deadline + TimeUnit.MINUTES.toNanos(2),
                    "the parse did not finish in time: " + status.log());
            Thread.sleep(200);
            status = statuses.find(layerId).orElseThrow();
        }
        System.out.println(status.log());
        assertEquals(tiles(local.id()), tiles(layerId), "z/x/y and bytes of every tile");
        assertEquals(0, count("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL"),
                "no tile left pending");
        assertTrue(workersNamed(layerId).size() >= 2, status.log());
        assertTrue(status.log().contains("Worker") && status.log().contains("made zooms 0–17 from zoom 18"),
                status.log());
        if (!doneBeforeTheKill) {
            assertTrue(status.log().contains("left by an earlier attempt and makes them again"), status.log());
        }
    }

    private Process startWorker(String name) throws IOException {
        Process p = WorkerProcesses.startWorker(name);
        workers.add(p);
        return p;
    }

    private static String run(String... args) throws Exception {
        return WorkerProcesses.run(args);
    }

    private static String url() {
        return WorkerProcesses.url();
    }

    private String log(int layerId) {
        return new ParseStatusRepository(dataSource).find(layerId).map(LayerParseStatus::log).orElse("");
    }

    private Set<Long> workersNamed(int layerId) {
        Set<Long> pids = new TreeSet<>();
        Matcher m = MADE_BY.matcher(log(layerId));
        while (m.find()) {
            pids.add(Long.parseLong(m.group(1)));
        }
        return pids;
    }

    /** {pid, attempt} of a worker in the middle of a block (claimed, not done), or {0, 0}. */
    private long[] workerInsideABlock(int layerId, Set<Long> candidates) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT b.worker, b.attempt FROM rasterdesk_parseblock b "
                     + "JOIN rasterdesk_queuedparse q ON q.parse_id = b.parse_id "
                     + "WHERE q.rasterlayer_id = ? AND NOT b.done AND b.attempt IS NOT NULL")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long pid = Long.parseLong(rs.getString(1).replaceAll(".*:", ""));
                    if (candidates.contains(pid)) {
                        return new long[] {pid, rs.getLong(2)};
                    }
                }
            }
        }
        return new long[] {0, 0};
    }

    /** Whether the block of that attempt counts as done by it: the killed worker won the race to the end. */
    private boolean attemptDone(long attempt) throws Exception {
        return count("SELECT count(*) FROM rasterdesk_parseblock WHERE attempt = " + attempt + " AND done") > 0;
    }

    private Map<String, String> tiles(int layerId) throws Exception {
        Map<String, String> tiles = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tilez, tilex, tiley, md5(ST_AsBinary(rast)) "
                     + "FROM raster_rastertile WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3);
                    assertTrue(tiles.put(key, rs.getString(4)) == null, "tile " + key + " stored twice");
                }
            }
        }
        assertTrue(tiles.size() > 700, "tiles: " + tiles.size());
        return tiles;
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
