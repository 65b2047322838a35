package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
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
import org.rasterdesk.parse.LayerParser;
import org.rasterdesk.parse.ParseListener;
import org.rasterdesk.parse.ParseOptions;
import org.rasterdesk.parse.ParseResult;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.parse.WorkerParseState;
import org.rasterdesk.source.LayerUploads;

/**
 * A parse on workers from the moment it is queued, with real worker processes on the real PostGIS: queued before any
 * worker runs, it is seen waiting and cancelled from the command line, and never runs; queued again, a worker
 * tells its pre-flight and keeps the reprojected copy as a local parse does; the count of live workers sees a
 * worker and stops seeing it once it is killed; a block whose retries are spent fails the parse, keeps the previous
 * tiles and lets local parses in again.
 */
@Tag("slow")
class QueuedParseTest {

    private static final DataSource DATA = TestDatabase.shared().dataSource();
    private final WorkerProcesses workers = new WorkerProcesses();

    @AfterEach
    void stopWorkers() throws Exception {
        workers.close();
        try (Connection c = DATA.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER IF EXISTS queued_test_unwritable ON rasterdesk_parseblock");
        }
    }

    @Test
    void aParseQueuedBeforeAnyWorkerIsSeenWaitingAndCancelledFromTheCommandLine() throws Exception {
        awaitWorkers(0, "no worker of another test runs");
        Path file = ParsedFile.data("real/LisbonElevation.tif");
        String out = WorkerProcesses.run("parse", "--db", WorkerProcesses.url(), "--queue", "--yes", "--max-zoom",
                "12", "--name", "queued, then cancelled", file.toString());
        int layerId = (int) number("Created layer (\\d+)", out);
        long parseId = number("\\(parse (\\d+),", out);
        WorkerParseState state = new WorkerParseState(DATA);
        assertEquals(parseId, state.underWay(layerId).orElseThrow(), "seen from the moment it is queued");
        assertEquals(parseId, state.underWay().get(layerId));
        assertTrue(state.read(layerId, parseId - 1).waiting());

        WorkerProcesses.Result cancel = WorkerProcesses.attempt("cancel", "--db", WorkerProcesses.url(), Integer.toString(layerId));
        assertEquals(0, cancel.exit(), cancel.out());
        assertTrue(cancel.out().contains("Cancelled the parse on workers of layer " + layerId + " (parse " + parseId
                + ", still waiting for a worker)."), cancel.out());
        assertTrue(cancel.out().contains("Parsing on workers was cancelled; the layer has no tiles."), cancel.out());
        assertTrue(state.underWay(layerId).isEmpty());
        assertEquals("cancelled", text("SELECT outcome FROM rasterdesk_parse WHERE id = " + parseId));
        assertEquals(ParseStatus.UNPARSED, new ParseStatusRepository(DATA).status(layerId));
        WorkerProcesses.Result again = WorkerProcesses.attempt("cancel", "--db", WorkerProcesses.url(), Integer.toString(layerId));
        assertEquals(1, again.exit(), again.out());
        assertTrue(again.out().contains("layer " + layerId + " has no parse under way to cancel"), again.out());

        // A worker now: the cancelled parse never runs; the one queued next does, as a local parse would.
        Process worker = workers.start("queued");
        awaitWorkers(1, "the worker is counted once it runs");
        String queued = WorkerProcesses.run("parse", "--db", WorkerProcesses.url(), "--queue", "--yes", "--layer",
                Integer.toString(layerId));
        long second = number("\\(parse (\\d+),", queued);
        LayerParseStatus status = awaitEnd(layerId);
        assertEquals(ParseStatus.FINISHED, status.status(), status.log());
        assertEquals(0L, count("SELECT count(*) FROM rasterdesk_queuedparse WHERE parse_id = " + parseId),
                "the cancelled parse was never planned");
        assertEquals("finished", text("SELECT outcome FROM rasterdesk_parse WHERE id = " + second));
        assertTrue(status.log().contains("Pre-flight: up to "), status.log());
        assertTrue(status.log().contains("Tiles per zoom, at most: z0 1;"), status.log());
        assertTrue(status.log().contains("The tiles of zoom 12 are kept as the reprojected raster."), status.log());

        RasterLayer local = new LayerUploads(DATA).create(RasterLayer.create("queued, local twin")
                .withDatatype(DataType.CONTINUOUS).withMaxZoom(12), file, false);
        ParseResult twin = new LayerParser(DATA).parse(local.id(), file, ParseOptions.defaults(), ParseListener.NONE,
                () -> false);
        assertTrue(twin.finished(), twin.message());
        // Its zoom, pixel size and storage, and what it depends on: the stored file's checksum, SRID and nodata.
        String copy = "SELECT zoom || ' ' || source_pixel_size || ' ' || storage || ' ' || "
                + "substring(inputs from ';sha256=.*') FROM rasterdesk_reprojected WHERE rasterlayer_id = ";
        assertTrue(text(copy + local.id()).startsWith("12 "), text(copy + local.id()));
        assertEquals(text(copy + local.id()), text(copy + layerId), "the copy a local parse records");
        assertTrue(text("SELECT rasterfile FROM raster_rasterlayerreprojected WHERE rasterlayer_id = " + layerId)
                .startsWith("rasters/reprojected/"));
        assertEquals(tiles(local.id()), tiles(layerId));

        // Killed, the worker says no more that it lives: after four poll intervals it is no longer counted.
        workers.kill(worker.pid());
        assertEquals(1, JobQueue.liveWorkers(DATA), "not yet taken for dead");
        awaitWorkers(0, "a killed worker is not counted once its heartbeat is old");
    }

    @Test
    void aBlockWhoseRetriesAreSpentFailsTheParseAndKeepsThePreviousTiles() throws Exception {
        awaitWorkers(0, "no worker of another test runs");
        Path file = ParsedFile.data("real/LisbonElevation.tif");
        RasterLayer layer = new LayerUploads(DATA).create(RasterLayer.create("a block that cannot be written")
                .withDatatype(DataType.CONTINUOUS).withMaxZoom(13).withStoreReprojected(false), file, false);
        ParseResult before = new LayerParser(DATA).parse(layer.id(), file, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(before.finished(), before.message());
        String tilesBefore = tiles(layer.id());
        // The database refuses, every time, the claim of the parse's second block: a fault no retry mends.
        try (Connection c = DATA.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE OR REPLACE FUNCTION queued_test_unwritable() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.block = 1 AND NEW.attempt IS NOT NULL AND NEW.parse_id IN (SELECT parse_id FROM "
                    + "rasterdesk_queuedparse WHERE rasterlayer_id = " + layer.id() + ") THEN "
                    + "RAISE EXCEPTION 'this block cannot be written'; END IF; RETURN NEW; END $$ "
                    + "LANGUAGE plpgsql");
            st.execute("CREATE TRIGGER queued_test_unwritable BEFORE UPDATE ON rasterdesk_parseblock "
                    + "FOR EACH ROW EXECUTE FUNCTION queued_test_unwritable()");
        }
        Process worker = workers.start("given-up", "--retries", "0");
        long parseId;
        try (JobQueue jobs = JobQueue.client(DATA)) {
            parseId = jobs.enqueueParse(layer.id(), ParseOptions.defaults(), 1);
        }
        LayerParseStatus status = awaitEnd(layer.id());
        assertEquals(ParseStatus.FAILED, status.status(), status.log());
        List<String> lines = status.logLines();
        assertTrue(lines.get(lines.size() - 1).matches(".*Parsing failed on workers: block 1 \\(rows \\d+–\\d+\\) "
                + "failed on every try, the last time with: .*this block cannot be written.* The previous tiles "
                + "are kept\\."), String.join("\n", lines));
        assertEquals(tilesBefore, tiles(layer.id()), "the previous tiles, z/x/y and bytes");
        assertEquals(0L, count("SELECT count(*) FROM rasterdesk_pendingtile p JOIN rasterdesk_parse r "
                + "ON r.id = p.parse_id WHERE r.rasterlayer_id = " + layer.id()), "no pending tile left");
        assertEquals("failed", text("SELECT state FROM rasterdesk_queuedparse WHERE parse_id = " + parseId));
        assertTrue(new WorkerParseState(DATA).active(layer.id()).isEmpty(), "the plan keeps local parses out no more");
        assertTrue(new WorkerParseState(DATA).underWay(layer.id()).isEmpty());
        ParseResult after = new LayerParser(DATA).parse(layer.id(), file, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(after.finished(), after.message());
        assertFalse(worker.waitFor(0, TimeUnit.SECONDS), "the worker goes on");
    }

    private void awaitWorkers(int live, String why) throws Exception {
        workers.awaitLive(DATA, live, why);
    }

    private static LayerParseStatus awaitEnd(int layerId) throws Exception {
        WorkerParseState state = new WorkerParseState(DATA);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        // The parse's run ends before its last log line and status are written, in a transaction of their own: it has
        // ended once both are, as the window's watch judges it.
        while (state.underWay(layerId).isPresent()
                || new ParseStatusRepository(DATA).status(layerId).isInProgress()) {
            assertTrue(System.nanoTime() < deadline, "the parse did not end in time: "
                    + new ParseStatusRepository(DATA).find(layerId).map(LayerParseStatus::log).orElse(""));
            Thread.sleep(250);
        }
        return new ParseStatusRepository(DATA).find(layerId).orElseThrow();
    }

    private static long number(String regex, String out) {
        Matcher m = Pattern.compile(regex).matcher(out);
        assertTrue(m.find(), regex + " in " + out);
        return Long.parseLong(m.group(1));
    }

    private static String tiles(int layerId) throws Exception {
        return text("SELECT count(*) || ' ' || md5(string_agg(tilez || '/' || tilex || '/' || tiley || ' ' "
                + "|| md5(rast::text), ',' ORDER BY tilez, tilex, tiley)) FROM raster_rastertile "
                + "WHERE rasterlayer_id = " + layerId);
    }

    private static long count(String sql) throws Exception {
        return Long.parseLong(text(sql));
    }

    private static String text(String sql) throws Exception {
        try (Connection c = DATA.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
