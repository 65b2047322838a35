package org.rasterdesk.parse;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;

/**
 * Another process stops or holds back a local parse, on the real PostGIS: {@code rasterdesk cancel LAYER} run as a
 * second program stops a parse running in this one (its previous tiles stay), and a parse only queued for workers,
 * which no worker has taken, keeps local parses out until it is cancelled.
 */
@Tag("slow")
class CancelFromElsewhereTest {

    private final ParsedLayers parsed = new ParsedLayers();
    private final ParseStatusRepository statuses = new ParseStatusRepository(parsed.dataSource);

    @Test
    void rasterdeskCancelInAnotherProcessStopsALocalParseAndTheTilesBeforeItStay() throws Exception {
        Path file = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer layer = parsed.layers.create(RasterLayer.create("cancelled from a terminal")
                .withDatatype(DataType.CONTINUOUS).withMaxZoom(14).withSourceUrl(file.toUri().toString()));
        assertTrue(parsed.parse(layer, file).finished());
        Map<String, String> before = ParsedLayers.tileColumn(parsed.dataSource, layer.id(), "md5(ST_AsBinary(rast))");

        // The parse waits before its tiles until the other program has stored its cancel, and at least one of its
        // looks at the database has gone by: the cancel lands in the middle whatever the machine's speed.
        CompletableFuture<Void> asked = new CompletableFuture<>();
        ParseListener held = new ParseListener() {
            @Override
            public void phase(ParseStatus status) {
                if (status == ParseStatus.CREATING_TILES) {
                    long entered = System.nanoTime();
                    try {
                        asked.get(120, TimeUnit.SECONDS);
                        long left = CancelRequests.POLL_NANOS - (System.nanoTime() - entered);
                        if (left > 0) {
                            TimeUnit.NANOSECONDS.sleep(left + 50_000_000L);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        CompletableFuture<ParseResult> parse = CompletableFuture.supplyAsync(() -> {
            try {
                return new LayerParser(parsed.dataSource).parse(layer.id(), file, ParseOptions.defaults(), held,
                        () -> false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitLocked(layer.id());
        Process cancel = command("cancel", "--db", url(), Integer.toString(layer.id()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!cancelStored(layer.id())) {
            if (!cancel.isAlive() && !cancelStored(layer.id())) {
                throw new AssertionError("the cancel command ended without asking: "
                        + new String(cancel.getInputStream().readAllBytes()));
            }
            assertTrue(System.nanoTime() < deadline, "no cancel was stored");
            Thread.sleep(100);
        }
        asked.complete(null);

        ParseResult result = parse.get(120, TimeUnit.SECONDS);
        assertTrue(result.cancelled(), result.toString());
        String out = new String(cancel.getInputStream().readAllBytes());
        assertTrue(cancel.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, cancel.exitValue(), out);
        assertTrue(out.contains("Cancelled the local parse of layer " + layer.id() + " by "), out);
        assertTrue(out.contains("Parsing was cancelled from another program (rasterdesk cancel); "), out);
        assertEquals(before, ParsedLayers.tileColumn(parsed.dataSource, layer.id(), "md5(ST_AsBinary(rast))"),
                "the tiles of the first parse, z/x/y and bytes");
        assertEquals(ParseStatus.FINISHED, statuses.status(layer.id()));
        assertFalse(LayerLock.isHeld(layer.id(), parsed.dataSource));

        Process none = command("cancel", "--db", url(), Integer.toString(layer.id()));
        String noneOut = new String(none.getInputStream().readAllBytes());
        assertTrue(none.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, none.exitValue(), noneOut);
        assertTrue(noneOut.contains("has no parse under way to cancel"), noneOut);
    }

    @Test
    void aParseQueuedForWorkersKeepsALocalParseOutUntilItsCancelClearsIt() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("queued, no worker", DataType.CATEGORICAL, file);
        // Queued as parse --queue queues it; no worker ever takes it.
        long queued = new ParseRuns(parsed.dataSource).beginQueued(layer.id());

        ParseResult refused = parsed.parse(layer, file);
        assertFalse(refused.finished());
        String sentence = "The local parse of layer " + layer.id() + " was refused: a parse on workers is queued for "
                + "it (parse " + queued + "); cancel that parse (rasterdesk cancel " + layer.id() + ", or Cancel in "
                + "the window) or wait until it has ended.";
        assertEquals(sentence, refused.message());
        List<String> log = statuses.find(layer.id()).orElseThrow().logLines();
        assertTrue(log.get(log.size() - 1).endsWith("] " + sentence), log.toString());
        assertEquals(0, new org.rasterdesk.layer.TileRepository(parsed.dataSource).count(layer.id()));

        // The stale run is cleared by its cancel, from another program: local parses run again.
        Process cancel = command("cancel", "--db", url(), Integer.toString(layer.id()));
        String out = new String(cancel.getInputStream().readAllBytes());
        assertTrue(cancel.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, cancel.exitValue(), out);
        assertTrue(out.contains("still waiting for a worker"), out);
        assertTrue(new WorkerParseState(parsed.dataSource).underWay(layer.id()).isEmpty());
        ParseResult after = parsed.parse(layer, file);
        assertTrue(after.finished(), after.message());
    }

    private boolean cancelStored(int layerId) throws Exception {
        try (Connection c = parsed.dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM rasterdesk_parse WHERE "
                     + "rasterlayer_id = ? AND cancel_requested IS NOT NULL AND finished IS NULL")) {
            ps.setInt(1, layerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private void awaitLocked(int layerId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!LayerLock.isHeld(layerId, parsed.dataSource) || new WorkerParseState(parsed.dataSource)
                .localParser(layerId).filter(p -> !p.equals("another client")).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the parse never began its run");
            Thread.sleep(50);
        }
    }

    /** A {@code rasterdesk} command in a process of its own, as from another terminal. */
    private static Process command(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.rasterdesk.Launcher"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String url() {
        org.rasterdesk.db.ConnectionSettings db = org.rasterdesk.db.TestDatabase.shared().settings();
        return db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
    }
}
