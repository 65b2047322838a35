package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

class RgbCompositeTest {

    private static final TileKey KEY = new TileKey(3, 2, 1);

    /** A tile of three bands whose first pixels hold the given (r, g, b) triples; the rest nodata. */
    private static TileData tile(PixelType type, double nodata, double[]... pixels) {
        double[][] bands = new double[3][Tiles.N];
        for (double[] band : bands) {
            java.util.Arrays.fill(band, nodata);
        }
        for (int i = 0; i < pixels.length; i++) {
            for (int b = 0; b < 3; b++) {
                bands[b][i] = pixels[i][b];
            }
        }
        return new TileData(KEY, type, new double[] {nodata, nodata, nodata}, bands);
    }

    @Test
    void byteBandsAreTheirOwnChannelsInTheChosenOrder() {
        TileData t = tile(PixelType.BYTE, 0, new double[] {10, 200, 255}, new double[] {1, 2, 3});
        RgbComposite straight = RgbComposite.of(0, 1, 2, List.of(PixelType.BYTE, PixelType.BYTE, PixelType.BYTE),
                List.of());
        assertEquals(0xFF0AC8FF, straight.paint(t).pixel(0, 0));
        assertEquals(0xFF010203, straight.paint(t).pixel(1, 0));
        // Blue as red, red as blue.
        RgbComposite swapped = new RgbComposite(2, 1, 0, 0, 255);
        assertEquals(0xFFFFC80A, swapped.paint(t).pixel(0, 0));
    }

    @Test
    void whereAllThreeBandsHaveNoDataTheImageIsTransparentButOneChannelAtNoDataIsAColour() {
        TileData t = tile(PixelType.BYTE, 0, new double[] {255, 0, 0}, new double[] {0, 0, 0});
        RgbComposite rgb = new RgbComposite(0, 1, 2, 0, 255);
        assertEquals(0xFFFF0000, rgb.paint(t).pixel(0, 0), "pure red: green and blue at the nodata value");
        assertEquals(0, rgb.paint(t).pixel(1, 0));
        assertEquals(0, rgb.paint(t).pixel(2, 0), "outside the data");
    }

    @Test
    void aScaleClipsAndRescalesEachBandAndCutsTowardZeroAsDjangoRaster() {
        TileData t = tile(PixelType.UINT16, 65535, new double[] {5, 10000, 2000}, new double[] {0, 20000, 5002.5});
        RgbComposite rgb = new RgbComposite(0, 1, 2, 5, 10000);
        // 255 (2000 - 5) / 9995 = 50.9 → 50; 255 (5002.5 - 5) / 9995 = 127.5 → 127.
        assertEquals(0xFF00FF32, rgb.paint(t).pixel(0, 0));
        assertEquals(0xFF00FF7F, rgb.paint(t).pixel(1, 0), "below the scale: 0, above: 255");
    }

    @Test
    void theDefaultScaleOfOtherTypesIsTheThreeBandsCommonRange() {
        List<BandMetadata> stats = List.of(BandMetadata.of(1, 0, null, 100, 900, null, null),
                BandMetadata.of(1, 1, null, 50, 1000, null, null), BandMetadata.of(1, 2, null, 80, 700, null, null));
        RgbComposite rgb = RgbComposite.of(0, 1, 2, List.of(PixelType.UINT16, PixelType.UINT16, PixelType.UINT16),
                stats);
        assertEquals(50, rgb.min());
        assertEquals(1000, rgb.max());
        assertEquals("bands 1, 2, 3 as red, green, blue, scaled 50–1000", rgb.describe());
        assertEquals(255, RgbComposite.of(0, 1, 2, List.of(PixelType.BYTE, PixelType.BYTE, PixelType.BYTE), stats)
                .max(), "Byte bands keep their values");
    }

    @Test
    void aBandTheTileLacksIsSaid() {
        TileData t = tile(PixelType.BYTE, 0, new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RgbComposite(0, 1, 3, 0, 255).paint(t));
        assertEquals("tile 3/2/1 has 3 bands, not the 4 an RGB composite of bands 1, 2, 4 as red, green, blue, "
                + "scaled 0–255 needs", e.getMessage());
    }
}
