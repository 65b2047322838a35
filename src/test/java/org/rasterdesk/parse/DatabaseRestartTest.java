package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;

/**
 * PostgreSQL restarted ({@code pg_ctl restart -m fast}) in the middle of a parse: the parse waits for it, reconnects
 * and finishes with every tile, the same pyramid as a parse that saw no restart.
 */
@Tag("slow")
class DatabaseRestartTest {

    private final ParsedLayers parsed = new ParsedLayers();
    private final TileRepository tiles = new TileRepository(parsed.dataSource);

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void aParseRidesOutARestartOfTheDatabaseAndMakesEveryTile() throws Exception {
        Path file = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer undisturbed = parsed.layers.create(RasterLayer.create("no restart").withMaxZoom(16)
                .withDatatype(DataType.CONTINUOUS).withSourceUrl(file.toUri().toString()));
        assertTrue(parsed.parse(undisturbed, file).finished());
        SortedMap<Integer, Long> expected = tiles.countByZoom(undisturbed.id());

        RasterLayer layer = parsed.layers.create(RasterLayer.create("restart").withMaxZoom(16)
                .withDatatype(DataType.CONTINUOUS).withSourceUrl(file.toUri().toString()));
        List<Boolean> availability = new CopyOnWriteArrayList<>();
        AtomicBoolean restartAsked = new AtomicBoolean();
        // The restart ended the session that held the layer's advisory lock: taken again before the parse goes on.
        AtomicBoolean lockHeldAfter = new AtomicBoolean();
        CompletableFuture<Void> restart = new CompletableFuture<>();
        // The parse's tiles past the first batches wait until the restart ends the hold's session: the restart comes
        // in the middle of the parse, where a parse let run could have ended before the server went down.
        ParseResult result;
        try (TileWritesHeld held = TileWritesHeld.after(TestDatabase.shared().settings(), layer.id(), 64)) {
            result = new LayerParser(parsed.dataSource).parse(layer.id(), file, ParseOptions.defaults(),
                    new ParseListener() {
                        @Override
                        public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                            if (tilesDone > 50 && restartAsked.compareAndSet(false, true)) {
                                CompletableFuture.runAsync(() -> {
                                    try {
                                        TestDatabase.cluster().restart();
                                        restart.complete(null);
                                    } catch (Exception e) {
                                        restart.completeExceptionally(e);
                                    }
                                });
                            }
                        }

                        @Override
                        public void databaseAvailable(boolean available) {
                            availability.add(available);
                            if (available) {
                                try {
                                    lockHeldAfter.set(LayerLock.isHeld(layer.id(), parsed.dataSource));
                                } catch (java.sql.SQLException e) {
                                    lockHeldAfter.set(false);
                                }
                            }
                        }
                    }, () -> false);
        }
        restart.get(3, TimeUnit.MINUTES);

        assertTrue(result.finished(), result.message());
        assertEquals(List.of(false, true), availability, "the parse lost the database and found it again");
        assertEquals(expected, tiles.countByZoom(layer.id()), "no tile lost, none twice");
        assertTrue(lockHeldAfter.get(), "the layer's lock was taken again after the restart");
        String log = new ParseStatusRepository(parsed.dataSource).find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("The database is unavailable ("), log);
        assertTrue(log.contains("The database is back after "), log);
        assertEquals(ParseStatus.FINISHED, new ParseStatusRepository(parsed.dataSource).status(layer.id()));
    }
}
