package org.rasterdesk.work;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.WorkerParse;
import org.rasterdesk.source.LayerUploads;

/**
 * Tiles per second of a queued parse with 1, 2, 3… worker processes (one job thread each) on this machine, over the
 * tests' throw-away PostGIS, and where the time goes: the plan (fetch, statistics), the blocks (sum of the blocks'
 * own times, and the wall time they took together), the pyramid and swap. Printed, not asserted.
 * Usage: {@code scripts/workers-benchmark.sh RASTER [MAX_WORKERS] [BLOCK_TILES]}.
 */
public final class WorkersBenchmark {

    private WorkersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path raster = Path.of(args[0]);
        int maxWorkers = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int blockTiles = args.length > 2 ? Integer.parseInt(args[2]) : WorkerParse.DEFAULT_BLOCK_TILES;
        DataSource dataSource = TestDatabase.shared().dataSource();
        ConnectionSettings db = TestDatabase.shared().settings();
        String url = db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
        try (JobQueue queue = JobQueue.client(dataSource)) {
            for (int n = 1; n <= maxWorkers; n++) {
                RasterLayer layer = new LayerUploads(dataSource).create(RasterLayer.create("bench " + n + " workers")
                        .withDatatype(DataType.CONTINUOUS).withStoreReprojected(false), raster, false);
                List<Process> workers = new ArrayList<>();
                for (int w = 0; w < n; w++) {
                    workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-Xmx1g", "-cp", System.getProperty("java.class.path"), "org.rasterdesk.Launcher",
                            "worker", "--db", url).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
                }
                while (queue.liveWorkers() < n) {
                    Thread.sleep(200);
                }
                String load = Files.readString(Path.of("/proc/loadavg")).trim();
                long started = System.nanoTime();
                double queuedAt = System.currentTimeMillis() / 1e3;
                queue.enqueueParse(layer.id(), ParseOptions.defaults(), blockTiles);
                ParseStatusRepository statuses = new ParseStatusRepository(dataSource);
                LayerParseStatus status = statuses.find(layer.id()).orElseThrow();
                while (status.status() != ParseStatus.FINISHED && status.status() != ParseStatus.FAILED) {
                    Thread.sleep(200);
                    status = statuses.find(layer.id()).orElseThrow();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                for (Process p : workers) {
                    p.destroy();
                }
                for (Process p : workers) {
                    p.waitFor(60, TimeUnit.SECONDS);
                }
                long tiles = tiles(dataSource, layer.id());
                double[] blocks = blocks(dataSource, layer.id());
                double finishedAt = queuedAt + seconds;
                System.out.printf(Locale.ROOT, "%d worker(s): %s, %d tiles in %.1f s = %.0f tiles/s end to end; "
                                + "plan (fetch, statistics) %.1f s, %d max-zoom blocks %.1f s (their own times sum "
                                + "to %.1f s: %.0f tiles/s per worker inside a block), pyramid and swap %.1f s; "
                                + "load before: %s%n", n, status.status(), tiles, seconds, tiles / seconds,
                        blocks[3] - queuedAt, (long) blocks[0], blocks[4] - blocks[3], blocks[1],
                        blocks[2] / Math.max(blocks[1], 1e-9), finishedAt - blocks[4], load);
            }
        }
        System.exit(0);
    }

    private static long tiles(DataSource dataSource, int layerId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** {blocks, sum of their seconds, their tiles, first block's start, last block's end} (epoch seconds). */
    private static double[] blocks(DataSource dataSource, int layerId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*), sum(b.seconds), sum(b.tiles), "
                     + "extract(epoch FROM min(r.started)), max(extract(epoch FROM r.started) + b.seconds) "
                     + "FROM rasterdesk_parseblock b JOIN rasterdesk_queuedparse q "
                     + "ON q.parse_id = b.parse_id JOIN rasterdesk_parse r ON r.id = b.attempt "
                     + "WHERE q.rasterlayer_id = ?")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                        rs.getDouble(5)};
            }
        }
    }
}
