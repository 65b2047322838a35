package org.rasterdesk.tiling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tiles above a cover (the ancestors an addition to a mosaic makes again), without a tile twice. */
class TileCoverTest {

    @Test
    void theParentsOfTwoRangesThatMeetAfterHalvingAreOneRange() {
        TileCover cover = new TileCover(10, List.of(new TileRange(10, 100, 40, 101, 41),
                new TileRange(10, 103, 44, 104, 45)));
        TileCover parents = cover.atZoom(9);
        assertEquals(List.of(new TileRange(9, 50, 20, 52, 22)), parents.parts());
        assertEquals(new TileCover(0, List.of(new TileRange(0, 0, 0, 0, 0))), cover.atZoom(0));
        assertTrue(cover.contains(new TileKey(10, 104, 45)));
        assertFalse(cover.contains(new TileKey(10, 102, 42)));
    }

    @Test
    void rangesFarApartStayApart() {
        TileCover cover = new TileCover(10, List.of(new TileRange(10, 0, 5, 1, 6), new TileRange(10, 1020, 5, 1023, 6)));
        assertEquals(List.of(new TileRange(8, 0, 1, 0, 1), new TileRange(8, 255, 1, 255, 1)), cover.atZoom(8).parts());
        assertEquals(2, cover.atZoom(8).count());
    }
}
