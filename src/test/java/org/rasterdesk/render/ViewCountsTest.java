package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;

/** Legend counts for a map view: the pixels on screen per entry, checked against the stored tile's values. */
class ViewCountsTest {

    private static final DataSource DATA_SOURCE = TestDatabase.shared().dataSource();
    private static final TileKey TILE = new TileKey(11, 552, 858);
    private static final Map<String, String> ENTRIES = new LinkedHashMap<>();
    private static int layerId;
    private static TileData tile;

    static {
        ENTRIES.put("1", "#f00");
        ENTRIES.put("x >= 2 & x < 5", "#0f0");
        ENTRIES.put("x >= 4", "#00f");
    }

    @BeforeAll
    static void parse() throws Exception {
        layerId = ParsedFile.parse(DATA_SOURCE, "view counts", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"));
        tile = new TileRepository(DATA_SOURCE).read(layerId, TILE).orElseThrow();
    }

    @Test
    void aViewOfExactlyOneTileCountsItsPixels() {
        Extent b = WebMercator.tileBounds(TILE);
        MapViewport view = new MapViewport((b.minX() + b.maxX()) / 2, (b.minY() + b.maxY()) / 2, 11, 256, 256);
        assertEquals(expected(0, 256, 0, 256), ViewCounts.count(renderer(), view, () -> false));
    }

    @Test
    void aViewOfPartOfATileCountsOnlyWhatIsOnScreen() {
        int first = 0;
        while (tile.isNodata(0, tile.bands()[0][first])) {
            first++;
        }
        // 100 × 60 pixels around the first pixel with data, inside the tile.
        int col0 = Math.min(156, Math.max(0, first % 256 - 50));
        int row0 = Math.min(196, Math.max(0, first / 256 - 10));
        Extent b = WebMercator.tileBounds(TILE);
        double res = WebMercator.pixelSize(11);
        MapViewport view = new MapViewport(b.minX() + (col0 + 50) * res, b.maxY() - (row0 + 30) * res, 11, 100, 60);
        Map<String, Long> counts = ViewCounts.count(renderer(), view, () -> false);
        assertEquals(expected(col0, col0 + 100, row0, row0 + 60), counts);
        assertTrue(!counts.equals(expected(0, 256, 0, 256)), "not the whole tile's counts");
        assertTrue(counts.values().stream().mapToLong(Long::longValue).sum() > 0, counts.toString());
    }

    @Test
    void aCancelledCountIsEmpty() {
        Extent b = WebMercator.tileBounds(TILE);
        MapViewport view = new MapViewport(b.minX(), b.maxY(), 11, 800, 600);
        assertEquals(Map.of(), ViewCounts.count(renderer(), view, () -> true));
    }

    private LayerRenderer renderer() {
        return new LayerRenderer(new PostgisTileSource(new TileRepository(DATA_SOURCE), layerId), 11,
                DiscreteColormap.of(ENTRIES), 0);
    }

    /** Counts of the entries over a rectangle of the tile's pixels, straight from its values. */
    private static Map<String, Long> expected(int col0, int col1, int row0, int row1) {
        long one = 0;
        long middle = 0;
        long high = 0;
        for (int r = row0; r < row1; r++) {
            for (int c = col0; c < col1; c++) {
                double v = tile.bands()[0][r * 256 + c];
                if (tile.isNodata(0, v)) {
                    continue;
                }
                one += v == 1 ? 1 : 0;
                middle += v >= 2 && v < 5 ? 1 : 0;
                high += v >= 4 ? 1 : 0;
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("1", one);
        counts.put("x >= 2 & x < 5", middle);
        counts.put("x >= 4", high);
        return counts;
    }
}
