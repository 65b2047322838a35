package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.DatabaseRetry;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;

/**
 * A database that goes away in the middle of a parse and stays away (its own test database stops taking
 * connections and the parse's sessions are ended): the parse waits for the configured patience, then fails with one
 * sentence, and a cancel meanwhile ends the wait at once. Either way the layer's previous tiles stay.
 */
@Tag("slow")
class DatabaseAwayTest {

    private static final String NAME = "rasterdesk_away_test";
    private static ConnectionSettings settings;
    /** Set once the test has taken the database away, in the middle of a parse. */
    private final AtomicBoolean databaseGone = new AtomicBoolean();
    /** A pool per test: the one of a test whose sessions the database ended would hand them to the next. */
    private Database database;

    @BeforeAll
    static void create() throws SQLException {
        settings = TestDatabase.createEmptyDatabase(NAME);
    }

    @BeforeEach
    void open() throws SQLException {
        database = Database.open(settings, false);
    }

    @AfterEach
    void comeBack() throws SQLException {
        System.clearProperty(DatabaseRetry.PATIENCE_PROPERTY);
        admin("ALTER DATABASE " + NAME + " ALLOW_CONNECTIONS true");
        database.close();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aDatabaseThatStaysAwayFailsTheParseWithOneSentenceAndKeepsThePreviousTiles() throws Exception {
        System.setProperty(DatabaseRetry.PATIENCE_PROPERTY, "3");
        RasterLayer layer = parsedOnce("stays away");
        SortedMap<Integer, Long> before = new TileRepository(database.dataSource()).countByZoom(layer.id());

        List<String> lines = new CopyOnWriteArrayList<>();
        ParseResult result = parseAndGoAway(layer, () -> false, () -> { }, lines);

        assertFalse(result.finished());
        assertFalse(result.cancelled());
        String message = result.message();
        assertFalse(message.contains("\n") || message.contains("\tat "), message);
        assertTrue(message.endsWith("."), message);
        // The patience the parse waited with, as its log says (a clock would say how busy the machine was).
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("; retrying for up to 3 s.")),
                "waited with the configured patience, not the default: " + lines);
        assertEquals(before, countedAfresh(layer), "the previous tiles are kept");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCancelWhileTheParseWaitsForTheDatabaseEndsTheWait() throws Exception {
        // A wait far longer than the test's timeout: only the cancel can end it in time. (Measuring how soon after
        // the cancel it ended would measure the machine's load.)
        System.setProperty(DatabaseRetry.PATIENCE_PROPERTY, "3600");
        RasterLayer layer = parsedOnce("cancelled while away");
        SortedMap<Integer, Long> before = new TileRepository(database.dataSource()).countByZoom(layer.id());
        AtomicBoolean cancel = new AtomicBoolean();

        ParseResult result = parseAndGoAway(layer, () -> {
            // Cancelled by the user as soon as the parse says it waits for the database.
            return cancel.get();
        }, () -> cancel.set(true), new CopyOnWriteArrayList<>());

        assertTrue(result.cancelled(), result.toString());
        assertEquals("Parsing was cancelled while the database was unavailable; the previous tiles are kept.",
                result.message());
        assertEquals(before, countedAfresh(layer), "the previous tiles are kept");
    }

    /**
     * A cancel that the parse's own threads see before the one waiting for the database does (the warp checks it
     * between tiles): the run cannot be ended in the database either, and the parse ends as any cancel while away
     * does, instead of failing on its way out.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCancelSeenOutsideTheWaitWhileTheDatabaseIsAwayEndsAsACancelWhileAway() throws Exception {
        System.setProperty(DatabaseRetry.PATIENCE_PROPERTY, "3600");
        RasterLayer layer = parsedOnce("cancelled outside the wait");
        SortedMap<Integer, Long> before = new TileRepository(database.dataSource()).countByZoom(layer.id());

        ParseResult result = parseAndGoAway(layer, databaseGone::get, () -> { }, new CopyOnWriteArrayList<>());

        assertTrue(result.cancelled(), result.toString());
        assertEquals("Parsing was cancelled while the database was unavailable; the previous tiles are kept.",
                result.message());
        assertEquals(before, countedAfresh(layer), "the previous tiles are kept");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aNewLayersPartialTilesLeftByACancelWhileAwayGoAtTheFirstRecoveryOnceTheDatabaseIsBack() throws Exception {
        System.setProperty(DatabaseRetry.PATIENCE_PROPERTY, "3600");
        Path file = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("new, away")
                .withMaxZoom(15).withDatatype(DataType.CONTINUOUS).withSourceUrl(file.toUri().toString())
                .withStoreReprojected(false));
        AtomicBoolean cancel = new AtomicBoolean();

        ParseResult result = parseAndGoAway(layer, cancel::get, () -> cancel.set(true), new CopyOnWriteArrayList<>());

        assertTrue(result.cancelled(), result.toString());
        assertEquals("Parsing was cancelled while the database was unavailable; the tiles it made so far are removed "
                + "when the database is back.", result.message());
        assertTrue(countedAfresh(layer).values().stream().mapToLong(Long::longValue).sum() > 0,
                "a new layer's tiles are its own as they come: some stay while the cancel cannot be stored");

        // Back, within the same program: the window's next reload of its list asks for a recovery.
        assertEquals(List.of(layer.id()), recoveredOnceBack());
        assertEquals(java.util.Map.of(), countedAfresh(layer), "its partial tiles are gone");
        try (Database fresh = Database.open(settings, false)) {
            org.rasterdesk.layer.LayerParseStatus status = new org.rasterdesk.layer.ParseStatusRepository(
                    fresh.dataSource()).find(layer.id()).orElseThrow();
            assertEquals(org.rasterdesk.layer.ParseStatus.UNPARSED, status.status(), "back to before the parse");
            assertTrue(status.log().strip().endsWith("Parsing was cancelled while the database was unavailable; "
                    + "the layer has no tiles."), status.log());
            try (Connection c = fresh.dataSource().getConnection(); Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT outcome, (SELECT count(*) FROM "
                         + "rasterdesk_pendingtile p WHERE p.parse_id = r.id) FROM rasterdesk_parse r "
                         + "WHERE rasterlayer_id = " + layer.id())) {
                assertTrue(rs.next());
                assertEquals("cancelled", rs.getString(1));
                assertEquals(0, rs.getLong(2));
            }
            assertEquals(List.of(), new ParseRuns(fresh.dataSource()).recoverAbandoned(), "ended once");
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aNewLayersPartialTilesLeftByAFailureWhileAwayGoAndTheFailureIsStoredOnceTheDatabaseIsBack()
            throws Exception {
        System.setProperty(DatabaseRetry.PATIENCE_PROPERTY, "3");
        Path file = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(RasterLayer.create("new, failed")
                .withMaxZoom(15).withDatatype(DataType.CONTINUOUS).withSourceUrl(file.toUri().toString())
                .withStoreReprojected(false));
        List<String> lines = new CopyOnWriteArrayList<>();

        ParseResult result = parseAndGoAway(layer, () -> false, () -> { }, lines);

        assertFalse(result.finished());
        assertTrue(lines.get(lines.size() - 1).endsWith(" The tiles it made so far are removed when the database "
                + "is back."), lines.toString());
        assertTrue(countedAfresh(layer).values().stream().mapToLong(Long::longValue).sum() > 0);

        assertEquals(List.of(layer.id()), recoveredOnceBack());
        assertEquals(java.util.Map.of(), countedAfresh(layer), "its partial tiles are gone");
        try (Database fresh = Database.open(settings, false)) {
            org.rasterdesk.layer.LayerParseStatus status = new org.rasterdesk.layer.ParseStatusRepository(
                    fresh.dataSource()).find(layer.id()).orElseThrow();
            assertEquals(org.rasterdesk.layer.ParseStatus.FAILED, status.status());
            assertTrue(status.log().strip().endsWith(result.message() + " The layer has no tiles."), status.log());
        }
    }

    /**
     * The recovery the window's list asks for at each reload, tried again while the test's pool still hands out
     * sessions the database ended.
     */
    private List<Integer> recoveredOnceBack() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                return new ParseRuns(database.dataSource()).recoverAbandoned();
            } catch (SQLException e) {
                assertTrue(System.nanoTime() < deadline, "no recovery once the database was back: " + e);
                Thread.sleep(200);
            }
        }
    }

    /**
     * The layer's tiles by zoom, read once the database takes connections again, through a new pool: the test's
     * pool may still hold a session the database ended, which fails its first use.
     */
    private static SortedMap<Integer, Long> countedAfresh(RasterLayer layer) throws SQLException {
        admin("ALTER DATABASE " + NAME + " ALLOW_CONNECTIONS true");
        try (Database fresh = Database.open(settings, false)) {
            return new TileRepository(fresh.dataSource()).countByZoom(layer.id());
        }
    }

    private RasterLayer parsedOnce(String name) throws Exception {
        Path file = ParsedLayers.data("real/LisbonElevation.tif");
        RasterLayer layer = new RasterLayerRepository(database.dataSource()).create(RasterLayer.create(name)
                .withMaxZoom(15).withDatatype(DataType.CONTINUOUS).withSourceUrl(file.toUri().toString())
                // The second parse warps the source again (not a stored copy): the database goes while tiles are
                // being written, the part of a parse that waits for it.
                .withStoreReprojected(false));
        ParseResult first = new LayerParser(database.dataSource()).parse(layer.id(), file, ParseOptions.defaults(),
                ParseListener.NONE, () -> false);
        assertTrue(first.finished(), first.message());
        return layer;
    }

    /**
     * Parses the layer again; after some tiles its database stops taking connections and its sessions end. The
     * parse's tiles past the first batch wait meanwhile, so that the database goes in the middle of the parse,
     * which let run could have ended first; the hold's session ends with the others.
     *
     * @param lines gets the parse's log lines, which the database cannot store while it is away
     */
    private ParseResult parseAndGoAway(RasterLayer layer, java.util.function.BooleanSupplier cancelled,
                                       Runnable whenWaiting, List<String> lines) throws Exception {
        Path file = ParsedLayers.data("real/LisbonElevation.tif");
        AtomicBoolean gone = new AtomicBoolean();
        CompletableFuture<Void> away = new CompletableFuture<>();
        ParseResult result;
        TileWritesHeld held = TileWritesHeld.after(settings, layer.id(), 32);
        try {
            result = parse(layer, file, cancelled, whenWaiting, lines, gone, away);
        } finally {
            // Back, so that the hold's trigger can be dropped.
            admin("ALTER DATABASE " + NAME + " ALLOW_CONNECTIONS true");
            held.close();
        }
        away.get(1, TimeUnit.MINUTES);
        return result;
    }

    private ParseResult parse(RasterLayer layer, Path file, java.util.function.BooleanSupplier cancelled,
                              Runnable whenWaiting, List<String> lines, AtomicBoolean gone,
                              CompletableFuture<Void> away) throws Exception {
        return new LayerParser(database.dataSource()).parse(layer.id(), file, ParseOptions.defaults(),
                new ParseListener() {
                    @Override
                    public void logLine(String line) {
                        lines.add(line);
                    }

                    @Override
                    public void progress(double fraction, long tilesDone, double tilesPerSecond) {
                        if (tilesDone > 20 && gone.compareAndSet(false, true)) {
                            CompletableFuture.runAsync(() -> {
                                try {
                                    admin("ALTER DATABASE " + NAME + " ALLOW_CONNECTIONS false");
                                    admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                                            + NAME + "'");
                                    databaseGone.set(true);
                                    away.complete(null);
                                } catch (SQLException e) {
                                    away.completeExceptionally(e);
                                }
                            });
                        }
                    }

                    @Override
                    public void databaseAvailable(boolean available) {
                        if (!available) {
                            whenWaiting.run();
                        }
                    }
                }, cancelled);
    }

    private static void admin(String sql) throws SQLException {
        String url = settings.jdbcUrl().replace("/" + NAME, "/postgres");
        try (Connection c = DriverManager.getConnection(url, settings.user(), settings.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
