package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.LayerLock;
import org.rasterdesk.parse.LayerParser;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.TileWritesHeld;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.parse.WorkerParseWatch;
import org.rasterdesk.source.LayerUploads;

/**
 * Parses on two real worker processes, followed and steered as the window does it: a cancel in the middle stops
 * the parse and leaves nothing behind, a local parse and a worker parse of one layer refuse each other (and say
 * which refused), and small rasters queued at once spread over both workers.
 */
@Tag("slow")
class WorkerParseControlTest {

    private static final Pattern MADE_BY = Pattern.compile("Worker \\S+:(\\d+) made zoom");

    private static final DataSource DATA = TestDatabase.shared().dataSource();
    private static final List<Process> WORKERS = new ArrayList<>();
    private static JobQueue jobs;

    @BeforeAll
    static void startWorkers() throws Exception {
        for (String name : List.of("control-a", "control-b")) {
            WORKERS.add(WorkerProcesses.startWorker(name, "--threads", "1"));
        }
        jobs = JobQueue.client(DATA);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (JobQueue.liveWorkers(DATA) < 2) {
            assertTrue(System.nanoTime() < deadline, "the workers did not start; see target/worker-logs");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopWorkers() throws Exception {
        jobs.close();
        for (Process p : WORKERS) {
            p.destroy();
        }
        for (Process p : WORKERS) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void aCancelInTheMiddleStopsTheParseAndLeavesTheLayerAsItWas() throws Exception {
        RasterLayer layer = upload("cancelled on workers", "real/LisbonElevation.tif", 16);
        WorkerParseWatch watch = watch();
        long after = new WorkerParseState(DATA).lastRun(layer.id());
        AtomicBoolean cancel = new AtomicBoolean();
        List<Double> progress = new ArrayList<>();
        ParseListener listener = new ParseListener() {
            @Override
            public void progress(double fractionDone, long tilesDone, double tilesPerSecond) {
                progress.add(fractionDone);
                // A block or two done of fourteen: cancel while the others are still to make.
                if (fractionDone > 0.05) {
                    cancel.set(true);
                }
            }
        };
        ParseResult result;
        int[] heldBlock;
        // A block a worker has claimed cannot count as done while the test holds its row, so the parse is still
        // under way when the cancel comes, however fast the workers make the other blocks: without it they could
        // make them all, and finish, before the watch first looked at the progress.
        try (Connection blockRow = DATA.getConnection()) {
            blockRow.setAutoCommit(false);
            try (TileWritesHeld writes = new TileWritesHeld(TestDatabase.shared().settings())) {
                jobs.enqueueParse(layer.id(), ParseOptions.defaults(), 56);
                heldBlock = holdAClaimedBlock(blockRow, layer.id());
            }
            result = watch.follow(layer.id(), after, listener, cancel::get, () -> false);
            blockRow.commit();
        }
        assertTrue(result.cancelled(), result.toString());
        assertFalse(progress.isEmpty());
        // The held block's worker, which may have made its tiles meanwhile, finds the parse cancelled: the block
        // does not count as done. Its completion had queued for the row before this look, which waits for it.
        try (Connection c = DATA.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT done FROM rasterdesk_parseblock WHERE parse_id = ? "
                     + "AND block = ? FOR UPDATE")) {
            ps.setLong(1, heldBlock[0]);
            ps.setInt(2, heldBlock[1]);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1), "a block completed after the cancel");
            }
        }
        LayerParseStatus status = new ParseStatusRepository(DATA).find(layer.id()).orElseThrow();
        assertEquals(ParseStatus.UNPARSED, status.status(), "a new layer is back to unparsed: " + status.log());
        assertTrue(status.log().contains("Parsing on workers was cancelled; the layer has no tiles."), status.log());
        // A block a worker is making meanwhile writes no more tiles: the cancel ended its attempt, and a tile goes
        // in only while its attempt is unfinished (the cancel waited for a batch under way, and deleted it).
        String pending = "SELECT count(*) FROM rasterdesk_pendingtile p JOIN rasterdesk_parse r "
                + "ON r.id = p.parse_id WHERE r.rasterlayer_id = " + layer.id();
        assertEquals(0, new TileRepository(DATA).count(layer.id()));
        assertEquals(0, count(pending), "no pending tile left");
        assertEquals(0, count("SELECT count(*) FROM raster_rastertile t WHERE t.rasterlayer_id IS NULL AND NOT "
                + "EXISTS (SELECT 1 FROM rasterdesk_pendingtile p WHERE p.rid = t.rid)"), "no orphan tile");
        assertEquals(ParseStatus.UNPARSED, new ParseStatusRepository(DATA).status(layer.id()));
    }

    @Test
    void aLocalParseAndAWorkerParseOfOneLayerRefuseEachOther() throws Exception {
        RasterLayer layer = upload("one parse at a time", "real/LisbonElevation.tif", 16);
        // A local parse holds the layer: the worker that takes the queued parse refuses it.
        try (LayerLock local = LayerLock.tryAcquire(DATA, layer.id())) {
            assertTrue(local != null);
            long after = new WorkerParseState(DATA).lastRun(layer.id());
            jobs.enqueueParse(layer.id(), ParseOptions.defaults(), 56);
            ParseResult refused = watch().follow(layer.id(), after, ParseListener.NONE, () -> false,
                    () -> false);
            assertTrue(refused.message().matches(".*Worker \\S+ refused to parse layer " + layer.id()
                    + " on workers: a local parse of it is running.*"), refused.message());
        }
        // Workers parse it: a local parse asked meanwhile is refused, and the workers' parse goes on. Its blocks
        // past the first wait until the local parse was asked, so that the workers cannot have ended first.
        long after = new WorkerParseState(DATA).lastRun(layer.id());
        ParseResult local;
        try (TileWritesHeld held = TileWritesHeld.afterBlocks(TestDatabase.shared().settings(), layer.id(), 1)) {
            jobs.enqueueParse(layer.id(), ParseOptions.defaults(), 56);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (new WorkerParseState(DATA).active(layer.id()).isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no worker planned the parse");
                Thread.sleep(100);
            }
            local = new LayerParser(DATA).parse(layer.id(), (Path) null, ParseOptions.defaults(), ParseListener.NONE,
                    () -> false);
        }
        assertFalse(local.finished());
        assertTrue(local.message().startsWith("The local parse of layer " + layer.id() + " was refused: workers "
                + "are parsing it"), local.message());
        ParseResult workers = watch().follow(layer.id(), after, ParseListener.NONE, () -> false, () -> false);
        assertEquals(ParseStatus.FINISHED, workers.status(), workers.message());
        String log = new ParseStatusRepository(DATA).find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("The local parse of layer " + layer.id() + " was refused"), log);
        assertTrue(new TileRepository(DATA).count(layer.id()) > 700);
    }

    @Test
    void smallRastersQueuedAtOnceSpreadOverTheWorkers() throws Exception {
        List<RasterLayer> layers = List.of(
                upload("small 1", "real/django_raster_test.tif", 12),
                upload("small 2", "real/RGB.byte.tif", 9),
                upload("small 3", "real/LisbonElevation.tif", 13),
                upload("small 4", "real/opengeos_dsm.tif", 15));
        Map<Integer, Long> after = new TreeMap<>();
        for (RasterLayer layer : layers) {
            after.put(layer.id(), new WorkerParseState(DATA).lastRun(layer.id()));
        }
        // Each worker is held inside a block of its own before either can finish one: a worker that asks for its
        // next job before the other asks for its first could otherwise make every layer.
        try (TileWritesHeld writes = new TileWritesHeld(TestDatabase.shared().settings())) {
            for (RasterLayer layer : layers) {
                jobs.enqueueParse(layer.id(), ParseOptions.defaults(), WorkerParse.DEFAULT_BLOCK_TILES);
            }
            String inside = "SELECT count(DISTINCT b.worker) FROM rasterdesk_parseblock b "
                    + "JOIN rasterdesk_queuedparse q ON q.parse_id = b.parse_id WHERE q.rasterlayer_id IN (" + String.join(", ", layers.stream()
                    .map(l -> Integer.toString(l.id())).toList()) + ") AND b.attempt IS NOT NULL AND NOT b.done";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (count(inside) < 2) {
                assertTrue(System.nanoTime() < deadline, "the workers did not both take a block");
                assertTrue(WORKERS.stream().allMatch(Process::isAlive), "a worker stopped; see target/worker-logs");
                Thread.sleep(50);
            }
        }
        Set<Long> pids = new TreeSet<>();
        StringBuilder logs = new StringBuilder();
        for (RasterLayer layer : layers) {
            ParseResult result = watch().follow(layer.id(), after.get(layer.id()), ParseListener.NONE, () -> false,
                    () -> false);
            String log = new ParseStatusRepository(DATA).find(layer.id()).orElseThrow().log();
            assertEquals(ParseStatus.FINISHED, result.status(), log);
            Matcher m = MADE_BY.matcher(log);
            Set<Long> mine = new TreeSet<>();
            while (m.find()) {
                mine.add(Long.parseLong(m.group(1)));
            }
            System.out.println(layer.name() + ": made by worker(s) " + mine);
            pids.addAll(mine);
            logs.append(log).append('\n');
        }
        assertEquals(Set.of(WORKERS.get(0).pid(), WORKERS.get(1).pid()), pids,
                "both workers made layers:\n" + logs);
    }

    /**
     * Waits until a worker has claimed a block of the layer's parse, and locks that block's row in the transaction
     * of {@code tx}: the block cannot be completed until it ends. Called while tile writes are held, so that the
     * block cannot have been completed first.
     *
     * @return {parse id, block}
     */
    private static int[] holdAClaimedBlock(Connection tx, int layerId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        try (PreparedStatement ps = tx.prepareStatement("SELECT b.parse_id, b.block FROM rasterdesk_parseblock b "
                + "JOIN rasterdesk_queuedparse q ON q.parse_id = b.parse_id WHERE q.rasterlayer_id = ? "
                + "AND b.attempt IS NOT NULL AND NOT b.done LIMIT 1 FOR UPDATE OF b")) {
            ps.setInt(1, layerId);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new int[] {rs.getInt(1), rs.getInt(2)};
                    }
                }
                assertTrue(System.nanoTime() < deadline, "no worker claimed a block");
                assertTrue(WORKERS.stream().allMatch(Process::isAlive), "a worker stopped; see target/worker-logs");
                Thread.sleep(50);
            }
        }
    }

    private static WorkerParseWatch watch() {
        return new WorkerParseWatch(DATA, (layerId, parseId) -> jobs.cancelParse(layerId, parseId));
    }

    private static RasterLayer upload(String name, String file, int maxZoom) throws Exception {
        return new LayerUploads(DATA).create(RasterLayer.create(name).withDatatype(DataType.CONTINUOUS)
                .withMaxZoom(maxZoom).withStoreReprojected(false), ParsedFile.data(file), false);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = DATA.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
