package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;

/**
 * A whole view's tiles read at once (one query for the tiles, one for the ancestors of the missing ones) and drawn
 * on several threads give exactly the tiles that drawing each one alone gives, on a real layer in PostGIS.
 */
class TileBatchTest {

    private static DataSource ds;
    private static int layer;
    private static ExecutorService workers;

    @BeforeAll
    static void parse() throws Exception {
        ds = TestDatabase.shared().dataSource();
        layer = ParsedFile.parse(ds, "batch", DataType.CATEGORICAL, ParsedFile.data("real/django_raster_test.tif"));
        workers = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stop() {
        workers.shutdownNow();
    }

    @Test
    void aBatchDrawsWhatEachTileDrawnAloneDraws() throws Exception {
        LayerRenderer renderer = LayerRenderer.open(ds, layer, null, 0);
        int max = renderer.maxZoom();
        TileRange stored = new TileRepository(ds).range(layer, max).orElseThrow();
        // Around the layer's tiles at max zoom (stored, missing and outside), and two levels deeper (all drawn from
        // ancestors at max zoom), and a level above.
        List<TileKey> keys = new ArrayList<>();
        keys.addAll(new TileRange(max, stored.minX() - 1, stored.minY() - 1, stored.maxX() + 1, stored.maxY() + 1)
                .keys());
        keys.addAll(new TileRange(max + 2, stored.minX() * 4 + 2, stored.minY() * 4 + 2, stored.minX() * 4 + 5,
                stored.minY() * 4 + 4).keys());
        keys.addAll(stored.atZoom(max - 1).keys());
        CountingSource counting = new CountingSource(new PostgisTileSource(new TileRepository(ds), layer));
        LayerRenderer batched = new LayerRenderer(counting, max, renderer.colormap(), 0);
        TileBatch batch = batched.readAll(keys);
        assertEquals(2, counting.batches, "one query for the tiles, one for the ancestors of the missing ones");
        // Every address once, drawn from a tile read or known to have none.
        List<TileKey> answered = new ArrayList<>(batch.uncovered());
        batch.reads().forEach(r -> answered.addAll(r.targets()));
        assertEquals(new java.util.HashSet<>(keys), new java.util.HashSet<>(answered));
        assertEquals(keys.size(), answered.size());
        // Drawn on several threads at once, a stored tile decoded once for all the addresses it answers for.
        Map<TileKey, java.util.concurrent.Future<RenderedTile>> drawn = new java.util.HashMap<>();
        for (TileBatch.Read read : batch.reads()) {
            for (TileKey target : read.targets()) {
                drawn.put(target, workers.submit(() -> batched.draw(read, target)));
            }
        }
        int fromAncestors = 0;
        for (TileKey key : keys) {
            RenderedTile alone = renderer.render(key);
            if (batch.uncovered().contains(key)) {
                assertEquals(Optional.empty(), alone.source(), key.toString());
                continue;
            }
            RenderedTile together = drawn.get(key).get(120, TimeUnit.SECONDS);
            assertEquals(alone.source(), together.source(), "source of " + key);
            assertArrayEquals(alone.image().argb(), together.image().argb(), "pixels of " + key);
            fromAncestors += alone.source().map(s -> !s.equals(key)).orElse(false) ? 1 : 0;
        }
        assertTrue(fromAncestors >= 12, "tiles drawn from an ancestor: " + fromAncestors);
        assertEquals(0, counting.singles, "no tile read alone");
    }

    /** Counts the batched reads of a source. */
    private static final class CountingSource implements TileSource {

        private final TileSource source;
        private int batches;
        private int singles;

        CountingSource(TileSource source) {
            this.source = source;
        }

        @Override
        public Optional<TileData> read(TileKey key) {
            singles++;
            return source.read(key);
        }

        @Override
        public void readEach(Collection<TileKey> keys, BiConsumer<TileKey, Supplier<TileData>> found) {
            batches++;
            source.readEach(keys, found);
        }
    }
}
