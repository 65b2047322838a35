package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

class LayerParserTest {

    private final ParsedLayers parsed = new ParsedLayers();
    private final TileRepository tiles = new TileRepository(parsed.dataSource);
    private final ParseStatusRepository statuses = new ParseStatusRepository(parsed.dataSource);
    private final LayerMetadataRepository metadata = new LayerMetadataRepository(parsed.dataSource);

    @TempDir
    Path tmp;

    @Test
    void djangoRastersOwnFixtureGivesMaxZoom11AndATileAtEveryLowerZoom() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("django fixture", DataType.CATEGORICAL, file);
        ParseResult result = parsed.parse(layer, file);

        assertTrue(result.finished(), result.message());
        SortedMap<Integer, Long> expected = new TreeMap<>();
        for (int z = 0; z <= 10; z++) {
            expected.put(z, 1L);
        }
        expected.put(11, 4L);
        assertEquals(expected, tiles.countByZoom(layer.id()));
        assertEquals(List.of(new TileKey(11, 552, 858), new TileKey(11, 552, 859), new TileKey(11, 553, 858),
                new TileKey(11, 553, 859)), tiles.keys(layer.id(), 11));

        LayerParseStatus status = statuses.find(layer.id()).orElseThrow();
        assertEquals(ParseStatus.FINISHED, status.status());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), status.tileLevels());
        assertTrue(status.log().contains("Successfully finished parsing raster"), status.log());
        assertTrue(status.log().matches("(?s)^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d] Started parsing raster\\..*"));

        LayerMetadata meta = metadata.find(layer.id()).orElseThrow();
        assertEquals(163, meta.width());
        assertEquals(174, meta.height());
        assertEquals(3086, meta.srid());
        assertEquals(11, meta.maxZoom());
        BandMetadata band = metadata.bands(layer.id()).get(0);
        assertEquals(0, band.min());
        assertEquals(9, band.max());
        assertEquals(255.0, band.nodataValue());
        assertEquals(100, band.histValues().length);

        // Categories survive the pyramid: the z0 tile holds only values the source has.
        TileData z0 = tiles.read(layer.id(), new TileKey(0, 0, 0)).orElseThrow();
        for (double v : z0.bands()[0]) {
            assertTrue(v == 255 || (v >= 0 && v <= 9 && v == Math.rint(v)), "value " + v);
        }
    }

    @Test
    void aCorruptFileFailsClearlyAndKeepsThePreviousTiles() throws Exception {
        Path good = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("corrupt later", DataType.CATEGORICAL, good);
        assertTrue(parsed.parse(layer, good).finished());
        Map<Integer, Long> before = tiles.countByZoom(layer.id());

        ParseResult result = parsed.parse(layer, ParsedLayers.data("bad/corrupt.tif"));
        assertEquals(ParseStatus.FAILED, result.status());
        assertEquals(before, tiles.countByZoom(layer.id()));
        LayerParseStatus status = statuses.find(layer.id()).orElseThrow();
        assertEquals(ParseStatus.FAILED, status.status());
        assertTrue(status.log().contains("Parsing failed: "), status.log());
        assertEquals(163, metadata.find(layer.id()).orElseThrow().width(), "metadata of the previous parse kept");
    }

    @Test
    void aTextFileNamedTifFailsWithOneSentence() throws Exception {
        Path text = tmp.resolve("notes.tif");
        Files.writeString(text, "these are not the pixels you are looking for\n".repeat(20));
        RasterLayer layer = parsed.create("text", DataType.CONTINUOUS, text);
        ParseResult result = parsed.parse(layer, text);
        assertEquals(ParseStatus.FAILED, result.status());
        assertFalse(result.message().contains("\n"));
        assertFalse(result.message().contains("Exception"), result.message());
    }

    @Test
    void anAllNodataRasterFinishesWithNoTilesAndSaysSo() throws Exception {
        Path file = ParsedLayers.data("bad/all-nodata.tif");
        RasterLayer layer = parsed.create("empty", DataType.CONTINUOUS, file);
        ParseResult result = parsed.parse(layer, file);
        assertTrue(result.finished(), result.message());
        assertEquals(0, tiles.count(layer.id()));
        assertTrue(result.empty(), "an empty result is a warning, not a plain success");
        String log = statuses.find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("Warning: the raster has no data pixels"), log);
        assertFalse(log.contains("Successfully"), log);
    }

    @Test
    void aLocalParseRefusedWhileTheWorkerThatPlannedItStillHoldsTheLockSaysWorkersParseIt() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.create("planned on workers", DataType.CATEGORICAL, file);
        long parseId = new ParseRuns(parsed.dataSource).beginQueued(layer.id());
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO rasterdesk_queuedparse (parse_id, rasterlayer_id, state, zoom, min_zoom, min_x, "
                    + "min_y, max_x, max_y, resampling, tile_nodata, pixel_type, metadata, bands, palettes) VALUES ("
                    + parseId + ", " + layer.id() + ", 'blocks', 11, 0, 552, 858, 553, 859, 'NEAREST', '{255}', "
                    + "'UNSIGNED_BYTE', '', '', '')");
        }
        // The moment between the plan's commit and the worker letting go of the lock.
        try (LayerLock worker = LayerLock.tryAcquire(parsed.dataSource, layer.id())) {
            assertTrue(worker != null);
            ParseResult result = parsed.parse(layer, file);
            assertFalse(result.finished());
            assertTrue(result.message().startsWith("The local parse of layer " + layer.id() + " was refused: "
                    + "workers are parsing it (parse " + parseId + ")"), result.message());
        } finally {
            new ParseRuns(parsed.dataSource).discard(parseId, "cancelled");
            try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement()) {
                st.execute("DELETE FROM rasterdesk_queuedparse WHERE parse_id = " + parseId);
            }
        }
    }

    @Test
    void aCorruptFileThatNeverHadTilesDoesNotClaimToKeepAny() throws Exception {
        Path file = ParsedLayers.data("bad/corrupt.tif");
        RasterLayer layer = parsed.create("corrupt", DataType.CONTINUOUS, file);
        ParseResult result = parsed.parse(layer, file);
        assertEquals(ParseStatus.FAILED, result.status());
        String log = statuses.find(layer.id()).orElseThrow().log();
        assertFalse(log.contains("previous tiles"), log);
        assertTrue(log.contains("The layer has no tiles."), log);
    }

    @Test
    void aRasterWithoutCrsNeedsTheLayersSrid() throws Exception {
        Path file = ParsedLayers.data("bad/float_nan.tif");
        RasterLayer layer = parsed.create("no crs", DataType.CONTINUOUS, file);
        ParseResult failed = parsed.parse(layer, file);
        assertEquals(ParseStatus.FAILED, failed.status());
        assertTrue(failed.message().contains("no coordinate reference system"), failed.message());

        RasterLayer withSrid = parsed.layers.update(layer.withSrid(4326)).layer();
        ParseResult ok = parsed.parse(withSrid, file);
        assertTrue(ok.finished(), ok.message());
        assertEquals(4326, metadata.find(layer.id()).orElseThrow().srid());
    }

    @Test
    void anUnknownSridFailsClearly() throws Exception {
        Path file = ParsedLayers.data("real/django_raster_test.tif");
        RasterLayer layer = parsed.layers.create(RasterLayer.create("bad srid").withSrid(999999)
                .withSourceUrl(file.toUri().toString()));
        ParseResult result = parsed.parse(layer, file);
        assertEquals(ParseStatus.FAILED, result.status());
        assertTrue(result.message().contains("EPSG:999999"), result.message());
    }

    @Test
    void aCancelInTheMiddleKeepsThePreviousTilesAndStatus() throws Exception {
        Path small = ParsedLayers.data("real/django_raster_test.tif");
        Path big = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer layer = parsed.create("cancel me", DataType.CONTINUOUS, small);
        assertTrue(parsed.parse(layer, small).finished());
        Map<Integer, Long> before = tiles.countByZoom(layer.id());
        int orphans = orphanTiles();

        // The user points the layer at a bigger file (django-raster's rule resets the status), then cancels.
        String smallUrl = parsed.layers.find(layer.id()).orElseThrow().sourceUrl();
        parsed.layers.update(parsed.layers.find(layer.id()).orElseThrow().withSourceUrl(big.toUri().toString()));
        assertEquals(ParseStatus.UNPARSED, statuses.find(layer.id()).orElseThrow().status());
        AtomicInteger rows = new AtomicInteger();
        ParseListener countRows = new ParseListener() {
            @Override
            public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                rows.incrementAndGet();
            }
        };
        ParseResult result = parsed.parse(layer, big, () -> rows.get() >= 3, countRows);

        assertTrue(result.cancelled());
        assertEquals(3, rows.get(), "stopped after the third row of tiles");
        assertEquals(before, tiles.countByZoom(layer.id()));
        assertEquals(orphans, orphanTiles(), "the cancelled parse's tiles are gone");
        LayerParseStatus status = statuses.find(layer.id()).orElseThrow();
        assertEquals(ParseStatus.FINISHED, status.status(), "back to the status of the tiles that exist");
        assertTrue(status.log().contains("cancelled"), status.log());
        assertEquals(smallUrl, parsed.layers.find(layer.id()).orElseThrow().sourceUrl(),
                "the source the tiles were made from");
        assertEquals(163, metadata.find(layer.id()).orElseThrow().width());
    }

    @Test
    void aNewLayerHasItsTilesAsTheyAreMadeAndNoneAfterACancel() throws Exception {
        Path big = ParsedLayers.data("real/LisbonElevation.tif");
        // Zoom 15 rather than the raster's 13: hundreds of tiles, so that some are in the database mid-way.
        RasterLayer layer = parsed.layers.update(parsed.create("new, cancelled", DataType.CONTINUOUS, big).withMaxZoom(15))
                .layer();
        int orphans = orphanTiles();
        ParseRuns runs = new ParseRuns(parsed.dataSource);
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        long[] midway = {-1};
        boolean[] beingMade = {false};
        ParseListener watch = new ParseListener() {
            @Override
            public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                // Past a batch of the writer's (32 tiles): some are in the database.
                if (tilesDone > 32 && !cancel.get()) {
                    midway[0] = tiles.count(layer.id());
                    beingMade[0] = runs.tilesBeingMade(layer.id());
                    cancel.set(true);
                }
            }
        };
        ParseResult result = parsed.parse(layer, big, cancel::get, watch);

        assertTrue(result.cancelled(), result.message());
        assertTrue(midway[0] > 0, "the layer's tiles come as they are made: " + midway[0]);
        assertTrue(beingMade[0]);
        assertEquals(0, tiles.count(layer.id()), "a cancel leaves the layer without tiles, as it was");
        assertEquals(orphans, orphanTiles());
        assertEquals(0, pendingTilesOf(layer.id()));
        assertFalse(runs.tilesBeingMade(layer.id()));
        String log = statuses.find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("the layer has no tiles"), log);
    }

    @Test
    void aNewLayersFailedParseLeavesItWithoutTiles() throws Exception {
        Path big = ParsedLayers.data("real/LisbonElevation.tif");
        // Zoom 15 rather than the raster's 13: hundreds of tiles, so that some are in the database mid-way.
        RasterLayer layer = parsed.layers.update(parsed.create("new, failed", DataType.CONTINUOUS, big).withMaxZoom(15))
                .layer();
        int orphans = orphanTiles();
        long[] midway = {-1};
        ParseListener failing = new ParseListener() {
            @Override
            public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                if (tilesDone > 32) {
                    midway[0] = tiles.count(layer.id());
                    throw new IllegalStateException("a failure in the middle of the tiles");
                }
            }
        };
        ParseResult result = parsed.parse(layer, big, () -> false, failing);

        assertEquals(ParseStatus.FAILED, result.status(), result.message());
        assertTrue(midway[0] > 0, "the layer had tiles when the parse failed: " + midway[0]);
        assertEquals(0, tiles.count(layer.id()));
        assertEquals(orphans, orphanTiles());
        assertEquals(0, pendingTilesOf(layer.id()));
        String log = statuses.find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("The layer has no tiles."), log);
    }

    @Test
    void aReparseKeepsThePreviousTilesUntilTheSwapAndEndsWithTheTilesOfANewLayer() throws Exception {
        Path small = ParsedLayers.data("real/django_raster_test.tif");
        Path big = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer fresh = parsed.create("new", DataType.CONTINUOUS, big);
        assertTrue(parsed.parse(fresh, big).finished());
        RasterLayer layer = parsed.create("re-parsed", DataType.CONTINUOUS, small);
        assertTrue(parsed.parse(layer, small).finished());
        Map<String, String> previous = ParsedLayers.tileColumn(parsed.dataSource, layer.id(), "rid::text");
        ParseRuns runs = new ParseRuns(parsed.dataSource);
        AtomicInteger rows = new AtomicInteger();
        java.util.List<Map<String, String>> midway = new java.util.ArrayList<>();
        boolean[] beingMade = {true};
        ParseListener watch = new ParseListener() {
            @Override
            public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                if (rows.incrementAndGet() == 2) {
                    try {
                        midway.add(ParsedLayers.tileColumn(parsed.dataSource, layer.id(), "rid::text"));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    beingMade[0] = runs.tilesBeingMade(layer.id());
                }
            }
        };
        assertTrue(parsed.parse(layer, big, () -> false, watch).finished());

        assertEquals(List.of(previous), midway, "the previous tiles, and only they, while the parse writes");
        assertFalse(beingMade[0]);
        // The same rows and the same bytes, whether the tiles went to the layer as they came or at the swap.
        assertEquals(ParsedLayers.tileColumn(parsed.dataSource, fresh.id(), "md5(ST_AsBinary(rast))"),
                ParsedLayers.tileColumn(parsed.dataSource, layer.id(), "md5(ST_AsBinary(rast))"));
        assertEquals(ParsedLayers.tileColumn(parsed.dataSource, fresh.id(), "md5(rast::text)"),
                ParsedLayers.tileColumn(parsed.dataSource, layer.id(), "md5(rast::text)"));
        assertEquals(statuses.find(fresh.id()).orElseThrow().tileLevels(),
                statuses.find(layer.id()).orElseThrow().tileLevels());
        assertEquals(0, pendingTilesOf(fresh.id()) + pendingTilesOf(layer.id()));
        assertEquals(runTiles(fresh.id()), runTiles(layer.id()), "the runs' counts of tiles and bytes");
    }

    @Test
    void aCancelDuringTheStatisticsStopsBeforeAnyTile() throws Exception {
        Path small = ParsedLayers.data("real/django_raster_test.tif");
        Path big = ParsedLayers.data("real/dom1_32_356_5699_1_nw_2020.tif");
        RasterLayer layer = parsed.create("cancel early", DataType.CONTINUOUS, small);
        assertTrue(parsed.parse(layer, small).finished());
        Map<Integer, Long> before = tiles.countByZoom(layer.id());
        AtomicInteger polls = new AtomicInteger();
        parsed.log.clear();
        // The first polls come before and during the statistics: cancel at the second one. (No time is measured:
        // the log's lines tell where the parse stopped, a clock would tell the machine's load.)
        ParseResult result = parsed.parse(layer, big, () -> polls.incrementAndGet() >= 2);
        assertTrue(result.cancelled(), result.message());
        assertEquals(before, tiles.countByZoom(layer.id()));
        assertFalse(parsed.log.stream().anyMatch(l -> l.contains("Creating up to")), "" + parsed.log);
    }

    @Test
    void losingTheTileWritersConnectionInTheMiddleIsRiddenOut() throws Exception {
        Path small = ParsedLayers.data("real/django_raster_test.tif");
        Path big = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer layer = parsed.create("connection lost", DataType.CONTINUOUS, small);
        assertTrue(parsed.parse(layer, small).finished());
        Map<Integer, Long> before = tiles.countByZoom(layer.id());

        AtomicInteger rows = new AtomicInteger();
        ParseListener killWriter = new ParseListener() {
            @Override
            public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                if (rows.incrementAndGet() == 2) {
                    terminateTileWriter();
                }
            }
        };
        ParseResult result = parsed.parse(layer, big, () -> false, killWriter);

        // The writer reconnects and sends its batch again: the parse finishes with the same tiles as without.
        assertTrue(result.finished(), result.message());
        String log = statuses.find(layer.id()).orElseThrow().log();
        assertTrue(log.contains("The database is unavailable (") && log.contains("The database is back after "),
                log);
        RasterLayer undisturbed = parsed.create("connection kept", DataType.CONTINUOUS, big);
        assertTrue(parsed.parse(undisturbed, big).finished());
        assertEquals(tiles.countByZoom(undisturbed.id()), tiles.countByZoom(layer.id()));
        assertTrue(tiles.countByZoom(layer.id()).size() > before.size());
    }

    private void terminateTileWriter() {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + PendingTileWriter.APPLICATION_NAME + "'");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int pendingTilesOf(int layerId) throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM rasterdesk_pendingtile p JOIN rasterdesk_parse r "
                     + "ON r.id = p.parse_id WHERE r.rasterlayer_id = " + layerId)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** "tiles/bytes" of the layer's last finished run. */
    private String runTiles(int layerId) throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT tiles || '/' || bytes FROM rasterdesk_parse WHERE rasterlayer_id = "
                     + layerId + " AND outcome = 'finished' ORDER BY id DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private int orphanTiles() throws Exception {
        try (Connection c = parsed.dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM raster_rastertile WHERE rasterlayer_id IS NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
