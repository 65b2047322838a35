package org.rasterdesk.webtiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.render.PngEncoder;
import org.rasterdesk.tiling.TileKey;

/** Base map tiles from a local XYZ server (no internet here): the cache, expiry, revalidation and going offline. */
class WebTilesTest {

    private static final TileKey TILE = new TileKey(3, 4, 2);

    @TempDir
    Path cacheDir;

    private LocalTileServer server;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws IOException {
        server = LocalTileServer.plain(0xFF336699);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private WebTiles tiles(long limit) {
        return new WebTiles(XyzSource.of(server.template(), "test tiles"), new TileDiskCache(cacheDir, limit),
                WebTiles.defaultClient(), clock);
    }

    @Test
    void aTileIsFetchedOnceWithOurUserAgentAndServedFromDiskWhileFresh() throws Exception {
        server.header("Cache-Control", "max-age=3600");
        WebTiles tiles = tiles(TileDiskCache.DEFAULT_LIMIT_BYTES);
        byte[] png = tiles.fetch(TILE).orElseThrow();
        int[] expected = new int[256 * 256];
        java.util.Arrays.fill(expected, 0xFF336699);
        assertArrayEquals(PngEncoder.encode(expected, 256, 256), png);
        assertEquals(1, server.requests().size());
        String agent = server.requests().get(0).header("User-Agent");
        assertTrue(agent.startsWith("RasterDesk/"), agent);
        assertNull(server.requests().get(0).header("Cache-Control"), "no no-cache sent");

        clock.advance(Duration.ofMinutes(59));
        assertArrayEquals(png, tiles(TileDiskCache.DEFAULT_LIMIT_BYTES).fetch(TILE).orElseThrow(),
                "from the disk, by another run");
        assertEquals(1, server.requests().size());
        assertTrue(Files.exists(cacheDir.resolve(tiles.source().cacheName()).resolve("3/4/2.tile")));
    }

    @Test
    void anExpiredTileIsRevalidatedAndA304KeepsTheCopy() throws Exception {
        server.header("Cache-Control", "max-age=60");
        server.etag("\"v1\"");
        WebTiles tiles = tiles(TileDiskCache.DEFAULT_LIMIT_BYTES);
        byte[] first = tiles.fetch(TILE).orElseThrow();
        clock.advance(Duration.ofMinutes(2));
        assertArrayEquals(first, tiles.fetch(TILE).orElseThrow());
        assertEquals(2, server.requests().size());
        assertEquals("\"v1\"", server.requests().get(1).header("If-None-Match"));
        clock.advance(Duration.ofSeconds(30));
        tiles.fetch(TILE);
        assertEquals(2, server.requests().size(), "fresh again for max-age after the 304");
    }

    @Test
    void noStoreIsNotKeptAndAMissingTileIsEmpty() throws Exception {
        server.header("Cache-Control", "no-store");
        WebTiles tiles = tiles(TileDiskCache.DEFAULT_LIMIT_BYTES);
        tiles.fetch(TILE).orElseThrow();
        tiles.fetch(TILE).orElseThrow();
        assertEquals(2, server.requests().size());
        server.serve(key -> null);
        assertEquals(Optional.empty(), tiles.fetch(new TileKey(3, 1, 1)));
    }

    @Test
    void offlineTheCachedTilesServeEvenExpiredAndTheNetworkIsLeftAloneForAWhile() throws Exception {
        server.header("Cache-Control", "max-age=60");
        WebTiles tiles = tiles(TileDiskCache.DEFAULT_LIMIT_BYTES);
        byte[] kept = tiles.fetch(TILE).orElseThrow();
        server.close();
        clock.advance(Duration.ofMinutes(5));
        assertArrayEquals(kept, tiles.fetch(TILE).orElseThrow(), "the expired copy, quietly");
        String reason = tiles.offlineReason().orElseThrow();
        assertTrue(reason.startsWith("127.0.0.1 cannot be reached"), reason);
        WebTiles.UnreachableException e = assertThrows(WebTiles.UnreachableException.class,
                () -> tiles.fetch(new TileKey(3, 5, 2)));
        assertEquals(reason + ".", e.getMessage());

        // Back online: the pause over, the server is asked again.
        server = LocalTileServer.plain(0xFF000000);
        WebTiles again = new WebTiles(XyzSource.of(server.template(), ""), new TileDiskCache(cacheDir,
                TileDiskCache.DEFAULT_LIMIT_BYTES), WebTiles.defaultClient(), clock);
        again.fetch(TILE).orElseThrow();
        assertFalse(again.offlineReason().isPresent());
    }

    @Test
    void theDiskCacheStaysWithinItsSizeDroppingTheTilesUsedLongestAgo() throws Exception {
        server.serve(key -> {
            // Noise, so that each PNG is about as large as its pixels: 256 KB.
            java.util.Random random = new java.util.Random(key.hashCode());
            int[] pixels = new int[256 * 256];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextInt() | 0xFF000000;
            }
            return pixels;
        });
        WebTiles tiles = tiles(1L << 20);
        for (int x = 0; x < 8; x++) {
            tiles.fetch(new TileKey(3, x, 0));
            clock.advance(Duration.ofSeconds(1));
        }
        long onDisk;
        try (Stream<Path> files = Files.walk(cacheDir)) {
            onDisk = files.filter(p -> p.toString().endsWith(".tile")).mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(onDisk <= 1L << 20, "on disk: " + onDisk);
        Path folder = cacheDir.resolve(tiles.source().cacheName()).resolve("3");
        assertTrue(Files.exists(folder.resolve("7/0.tile")), "the newest tile stays");
        assertFalse(Files.exists(folder.resolve("0/0.tile")), "the oldest went");
    }

    @Test
    void templatesAreCheckedAndFilled() {
        XyzSource tms = XyzSource.of("https://{s}.example.org/tiles/{z}/{x}/{-y}.jpg", "");
        // Subdomain (x + y) mod 3: a, b, c; TMS rows from the south: 2^3 - 1 - 2 = 5.
        assertEquals("https://a.example.org/tiles/3/4/5.jpg", tms.uri(TILE).toString());
        assertEquals("https://tile.openstreetmap.org/3/4/2.png", XyzSource.OPENSTREETMAP.uri(TILE).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XyzSource.of("https://example.org/{z}/{x}.png", ""));
        assertEquals("A tile URL needs {z}, {x} and {y} in it, as in https://tile.openstreetmap.org/{z}/{x}/{y}.png.",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> XyzSource.of("file:///tmp/{z}/{x}/{y}.png", ""));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-06-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
