package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/** A colour table gives the very pixels the colormap gives, value by value, no data included. */
class ColorTableTest {

    @Test
    void everyColormapLooksUpWhatItPaints() {
        Map<String, String> legend = new LinkedHashMap<>();
        legend.put("(x > 100) & (x < 2000)", "#336699");
        legend.put("-5", "#ff0000");
        legend.put("x >= 30000", "#00ff00");
        for (Colormap colormap : new Colormap[] {ContinuousColormap.grey(-300, 40000),
                new ContinuousColormap(0xFF0000FF, 0xFFFF0000, 0xFFFFFFFF, 0, 255), DiscreteColormap.of(legend),
                new QualitativeColormap()}) {
            for (PixelType type : new PixelType[] {PixelType.BYTE, PixelType.INT8, PixelType.UINT16,
                    PixelType.INT16}) {
                TileData tile = random(type, colormap.hashCode());
                assertArrayEquals(TileRenderer.render(tile, colormap, 0).argb(),
                        ColorTable.of(colormap, type).paint(tile, 0).argb(), colormap + " on " + type);
            }
        }
        assertFalse(ColorTable.fits(PixelType.FLOAT32));
        assertFalse(ColorTable.fits(PixelType.INT32));
    }

    private static TileData random(PixelType type, long seed) {
        Random random = new Random(seed);
        double nodata = type.isSigned() ? -5 : type.max();
        double[] samples = new double[TileData.SIZE * TileData.SIZE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i % 17 == 0 ? nodata : type.min() + random.nextInt((int) (type.max() - type.min()) + 1);
        }
        return new TileData(new TileKey(5, 3, 4), type, new double[] {nodata}, new double[][] {samples});
    }
}
