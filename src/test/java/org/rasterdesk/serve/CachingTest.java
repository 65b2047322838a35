package org.rasterdesk.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.legend.LegendSemanticsRepository;

/**
 * Conditional requests and the memory of rendered tiles: a client's copy is confirmed with 304 while the layer and
 * its legend stay as they are, and an edit of the legend makes new tiles (with new tags) at once.
 */
class CachingTest {

    private static ServedLayers served;

    @BeforeAll
    static void serve() {
        served = ServedLayers.get();
    }

    @Test
    void aClientsCopyIsConfirmedWith304() {
        String path = "/raster/tiles/" + served.dem + "/12/1943/1569.png";
        HttpResponse<byte[]> first = served.get(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
        assertEquals("no-cache", first.headers().firstValue("Cache-Control").orElseThrow());
        HttpResponse<byte[]> again = served.send(HttpRequest.newBuilder(served.uri(path))
                .header("If-None-Match", etag).build());
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> other = served.send(HttpRequest.newBuilder(served.uri(path))
                .header("If-None-Match", "\"0123\", W/" + etag).build());
        assertEquals(304, other.statusCode(), "a weak tag in a list matches too");
        HttpResponse<byte[]> stale = served.send(HttpRequest.newBuilder(served.uri(path))
                .header("If-None-Match", "\"0123\"").build());
        assertEquals(200, stale.statusCode());
        assertArrayEquals(first.body(), stale.body());
    }

    @Test
    void editingTheLayersLegendMakesNewTilesAtOnce() {
        LegendRepository legends = new LegendRepository(served.dataSource);
        LegendSemantics semantics = new LegendSemanticsRepository(served.dataSource).saveSemantics(LegendSemantics.create("caching test"));
        Legend legend = legends.create(Legend.create("Caching test legend").withEntries(List.of(
                LegendEntry.create(semantics, "3", "#ff00ff", "a"))));
        served.server.refresh(); // as the window does after a save; otherwise the server sees it within a second
        String path = "/raster/tiles/" + served.categorical + "/11/552/858.png?legend=" + legend.id();
        HttpResponse<byte[]> before = served.get(path);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertTrue(containsColour(before.body(), 0xFFFF00FF));

        Legend stored = legends.find(legend.id()).orElseThrow();
        legends.save(stored.withEntries(List.of(stored.entries().get(0).withColor("#00ffff"))));
        served.server.refresh();
        HttpResponse<byte[]> after = served.send(HttpRequest.newBuilder(served.uri(path))
                .header("If-None-Match", etag).build());
        assertEquals(200, after.statusCode(), "the old copy is stale");
        assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
        assertTrue(containsColour(after.body(), 0xFF00FFFF), "drawn with the new colour");
        assertTrue(!containsColour(after.body(), 0xFFFF00FF), "and not the old");
    }

    @Test
    void theCacheKeepsWithinItsBytesDroppingTheLeastRecentlyUsed() {
        TileCache cache = new TileCache(10_000);
        Reply reply = Reply.ok("image/png", new byte[2000], "\"t\"");
        cache.put("a", reply);
        cache.put("b", reply);
        cache.put("c", reply);
        cache.get("a");
        cache.put("d", reply);
        cache.put("e", reply);
        assertTrue(cache.bytes() <= 10_000, "bytes: " + cache.bytes());
        assertEquals(reply, cache.get("a"), "used lately, kept");
        assertNull(cache.get("b"), "the least recently used went first");
        assertEquals(4, cache.size(), "four of 2.3 kB fit in 10 kB");
        cache.put("f", reply);
        assertNull(cache.get("c"), "then the next least recently used");
        cache.put("huge", Reply.ok("image/png", new byte[5000], null));
        assertNull(cache.get("huge"), "an answer larger than a quarter of the cache is not kept");
        assertEquals(Map.of(), reply.headers());
    }

    private static boolean containsColour(byte[] png, int argb) {
        for (int p : ServedLayers.pixels(png)) {
            if (p == argb) {
                return true;
            }
        }
        return false;
    }
}
