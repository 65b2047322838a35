package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

class AncestorFallbackTest {

    private final Map<TileKey, TileData> stored = new HashMap<>();
    private final List<TileKey> asked = new ArrayList<>();
    private final TileSource source = key -> {
        asked.add(key);
        return Optional.ofNullable(stored.get(key));
    };

    @Test
    void anExistingTileIsReturnedAsItIs() {
        TileData tile = Tiles.pattern(new TileKey(2, 1, 2));
        stored.put(tile.key(), tile);
        assertSame(tile, new AncestorFallback(source, 5).read(tile.key()).orElseThrow());
    }

    @Test
    void aMissingTileIsTheUpsampledQuarterOfItsParent() {
        TileData parent = Tiles.pattern(new TileKey(3, 4, 6));
        stored.put(parent.key(), parent);
        // 4/9/13 is the south-east quarter of 3/4/6 (x odd, y odd).
        TileData child = new AncestorFallback(source, 5).read(new TileKey(4, 9, 13)).orElseThrow();
        assertEquals(new TileKey(4, 9, 13), child.key());
        for (int r = 0; r < 256; r++) {
            for (int c = 0; c < 256; c++) {
                double expected = (128 + r / 2) * 256 + 128 + c / 2;
                assertEquals(expected, child.bands()[0][r * 256 + c], "pixel " + c + "," + r);
            }
        }
        assertEquals(List.of(new TileKey(4, 9, 13), new TileKey(3, 4, 6)), asked);
    }

    @Test
    void beyondMaxZoomTheSearchStartsAtMaxZoom() {
        TileData top = Tiles.pattern(new TileKey(1, 1, 0));
        stored.put(top.key(), top);
        // 5/17/3: at z1 that is 1/1/0; 16 times finer, offset (17-16)*256/16 = 16 columns, 3*256/16 = 48 rows.
        TileData tile = new AncestorFallback(source, 1).read(new TileKey(5, 17, 3)).orElseThrow();
        assertEquals(List.of(new TileKey(1, 1, 0)), asked);
        for (int r = 0; r < 256; r++) {
            for (int c = 0; c < 256; c++) {
                assertEquals((48 + r / 16) * 256 + 16 + c / 16, tile.bands()[0][r * 256 + c]);
            }
        }
    }

    @Test
    void deepDescendantsFinerThanOnePixelTakeOnePixel() {
        TileData root = Tiles.pattern(new TileKey(0, 0, 0));
        stored.put(root.key(), root);
        // At z10 a tile covers a quarter of a z0 pixel: 10/1023/1023 lies in z0 pixel (255, 255).
        TileData tile = new AncestorFallback(source, 0).read(new TileKey(10, 1023, 1023)).orElseThrow();
        for (double v : tile.bands()[0]) {
            assertEquals(255 * 256 + 255, v);
        }
        TileData west = new AncestorFallback(source, 0).read(new TileKey(10, 0, 0)).orElseThrow();
        assertEquals(0, west.bands()[0][256 * 256 - 1]);
    }

    @Test
    void nothingFoundIsEmptyAndDrawsTransparent() {
        assertTrue(new AncestorFallback(source, 11).read(new TileKey(3, 1, 1)).isEmpty());
        assertEquals(List.of(new TileKey(3, 1, 1), new TileKey(2, 0, 0), new TileKey(1, 0, 0),
                new TileKey(0, 0, 0)), asked);
        RenderedTile rendered = new LayerRenderer(source, 11, ContinuousColormap.grey(0, 1), 0)
                .render(new TileKey(3, 1, 1));
        assertTrue(rendered.source().isEmpty());
        for (int p : rendered.image().argb()) {
            assertEquals(0, p);
        }
    }

    @Test
    void cropRefusesATileThatIsNoAncestor() {
        TileData tile = Tiles.pattern(new TileKey(3, 4, 6));
        assertThrows(IllegalArgumentException.class, () -> TileUpsampler.crop(tile, new TileKey(4, 7, 13)));
        assertThrows(IllegalArgumentException.class, () -> TileUpsampler.crop(tile, new TileKey(2, 2, 3)));
    }
}
