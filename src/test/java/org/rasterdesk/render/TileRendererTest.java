package org.rasterdesk.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendJson;
import org.rasterdesk.legend.LegendSemantics;

class TileRendererTest {

    private static int[] paint(Colormap colormap, double nodata, double... values) {
        return TileRenderer.render(Tiles.of(nodata, values), colormap).argb();
    }

    @Test
    void continuousGreyIsLinearAndCutTowardZeroAsDjangoRaster() {
        int[] argb = paint(ContinuousColormap.grey(0, 10), 255, 0, 10, 5, 2.5, 255, -1, 11, Double.NaN);
        assertEquals(0xFF000000, argb[0]);
        assertEquals(0xFFFFFFFF, argb[1]);
        assertEquals(0xFF7F7F7F, argb[2]); // 127.5 → 127
        assertEquals(0xFF3F3F3F, argb[3]); // 63.75 → 63
        assertEquals(0, argb[4], "nodata");
        assertEquals(0, argb[5], "below the range");
        assertEquals(0, argb[6], "above the range");
        assertEquals(0, argb[7], "NaN");
        assertEquals(0, argb[8], "rest of the tile is nodata");
    }

    @Test
    void continuousWithOverGoesThroughTheMiddleColour() {
        ContinuousStyle style = ContinuousStyle.of("#0000ff", "#ff0000").withOver("#ffffff").withRange(0, 100);
        int[] argb = paint(ContinuousColormap.of(style, -1000, 1000), -9999, 0, 25, 50, 75, 100);
        assertEquals(0xFF0000FF, argb[0]);
        assertEquals(0xFF7F7FFF, argb[1]);
        assertEquals(0xFFFFFFFF, argb[2]);
        assertEquals(0xFFFF7F7F, argb[3]);
        assertEquals(0xFFFF0000, argb[4]);
    }

    @Test
    void continuousFromAHigherToALowerChannelValue() {
        ContinuousColormap ramp = new ContinuousColormap(0xFFFF0000, 0xFF0000FF, null, 0, 4);
        int[] argb = paint(ramp, -1, 0, 1, 4);
        assertEquals(0xFFFF0000, argb[0]);
        assertEquals(0xFFBF003F, argb[1]); // red (1-0.25)*255 = 191.25, blue 63.75
        assertEquals(0xFF0000FF, argb[2]);
    }

    @Test
    void continuousRangeIsTheLayersNotTheTiles() {
        BandMetadata band = BandMetadata.of(1, 0, 255.0, 0, 200, 50.0, 10.0);
        Colormap colormap = LayerColormaps.choose(DataType.CONTINUOUS, Optional.empty(), Optional.empty(),
                Optional.of(band));
        // This tile only holds 0..100; a per-tile stretch would make 100 white.
        int[] argb = paint(colormap, 255, 0, 100);
        assertEquals(0xFF000000, argb[0]);
        assertEquals(0xFF7F7F7F, argb[1]);

        Colormap styled = LayerColormaps.choose(DataType.CONTINUOUS, Optional.empty(),
                Optional.of(ContinuousStyle.of("#000", "#fff")), Optional.of(band));
        assertEquals(0xFF7F7F7F, paint(styled, 255, 100)[0], "a style without range takes the band's");
        Colormap ranged = LayerColormaps.choose(DataType.CONTINUOUS, Optional.empty(),
                Optional.of(ContinuousStyle.of("#000", "#fff").withRange(0, 100)), Optional.of(band));
        assertEquals(0xFFFFFFFF, paint(ranged, 255, 100)[0], "a style's own range wins");
    }

    @Test
    void emptyRangeDrawsItsValueOnly() {
        int[] argb = paint(ContinuousColormap.grey(3, 3), -1, 3, 4);
        assertEquals(0xFFFFFFFF, argb[0]);
        assertEquals(0, argb[1]);
    }

    @Test
    void discreteEntriesInOrderLaterOnesWin() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("1", "#F00");
        entries.put("(x > 3) & (x < 5)", "#00ff00");
        entries.put("x >= 4", "#0000ff");
        DiscreteColormap colormap = DiscreteColormap.of(entries);
        TileImage image = TileRenderer.render(Tiles.of(255, 1, 2, 3.5, 4, 6, 255, 1), colormap);
        int[] argb = image.argb();
        assertEquals(0xFFFF0000, argb[0], "#F00 is red");
        assertEquals(0, argb[1], "no entry for 2");
        assertEquals(0xFF00FF00, argb[2]);
        assertEquals(0xFF0000FF, argb[3], "4 matches two entries, the later wins");
        assertEquals(0xFF0000FF, argb[4]);
        assertEquals(0, argb[5], "nodata");
        assertEquals(0xFFFF0000, argb[6]);
        assertEquals(List.of("1", "(x > 3) & (x < 5)", "x >= 4"), List.copyOf(image.counts().keySet()));
        assertEquals(2, image.counts().get("1"));
        assertEquals(2, image.counts().get("(x > 3) & (x < 5)"));
        assertEquals(2, image.counts().get("x >= 4"));
    }

    @Test
    void nullEntryPaintsNoData() {
        DiscreteColormap colormap = DiscreteColormap.of(Map.of("x == NULL", "#808080"));
        int[] argb = paint(colormap, 255, 1, 255);
        assertEquals(0, argb[0]);
        assertEquals(0xFF808080, argb[1]);
    }

    @Test
    void unreadableEntriesAreLeftOutAndReported() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("x >", "#ff0000");
        entries.put("2", "red");
        entries.put("3", "#00f");
        DiscreteColormap colormap = DiscreteColormap.of(entries);
        assertEquals(1, colormap.entries().size());
        assertEquals(List.of("legend entry 'x >': unexpected end of formula at 3",
                "legend entry '2': not a hex colour: red"), colormap.problems());
    }

    @Test
    void aLegendsOrderIsItsJsonOrderByCodeThenName() {
        LegendSemantics a = new LegendSemantics(1, "a", null, null);
        LegendSemantics b = new LegendSemantics(2, "b", null, null);
        // Stored order: "x > 0" first; json order: code "1" ("x == 2") before code "2".
        List<LegendEntry> entries = List.of(
                new LegendEntry(1, 1, a, "x > 0", "#ff0000", "2"),
                new LegendEntry(2, 1, b, "x == 2", "#00ff00", "1"));
        Legend legend = new Legend(1, "t", null, entries, LegendJson.of(entries), null);
        int[] argb = paint(DiscreteColormap.of(legend), 255, 2);
        assertEquals(0xFFFF0000, argb[0], "x > 0 comes later in the json and wins");
        Legend withoutJson = new Legend(1, "t", null, entries, null, null);
        assertEquals(0xFFFF0000, paint(DiscreteColormap.of(withoutJson), 255, 2)[0]);
    }

    @Test
    void legendWithoutEntriesFallsBackToTheDefault() {
        Legend empty = new Legend(1, "t", null, List.of(), "[]", null);
        Colormap colormap = LayerColormaps.choose(DataType.CATEGORICAL, Optional.of(empty), Optional.empty(),
                Optional.empty());
        assertTrue(colormap instanceof QualitativeColormap);
    }

    @Test
    void categoricalDefaultGivesEachValueItsOwnColour() {
        Colormap colormap = LayerColormaps.byDatatype(DataType.CATEGORICAL, 0, 9);
        int[] argb = paint(colormap, 255, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 3);
        Set<Integer> colours = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            assertEquals(0xFF, argb[i] >>> 24);
            colours.add(argb[i]);
        }
        assertEquals(10, colours.size());
        assertEquals(0, argb[10]);
        assertEquals(argb[3], argb[11]);
        // A value between whole classes is drawn too, in a palette colour picked by its bits: the same on every
        // tile, and not that of nearby values.
        int between = paint(colormap, 255, 2.5)[0];
        assertTrue(IntStream.of(QualitativeColormap.PALETTE).anyMatch(c -> c == between),
                Integer.toHexString(between));
        assertEquals(between, paint(colormap, 255, 8, 9, 2.5)[2]);
        assertNotEquals(between, paint(colormap, 255, 2.25)[0]);
        assertNotEquals(between, paint(colormap, 255, 3.5)[0]);
        assertEquals(argb[0], paint(LayerColormaps.byDatatype(DataType.RANK_ORDERED, 0, 9), 255, 0)[0]);
    }

    @Test
    void maskDefaultDrawsItsValuesInOneColour() {
        Colormap colormap = LayerColormaps.byDatatype(DataType.MASK, 0, 1);
        int[] argb = paint(colormap, 255, 1, 0, 255, 7);
        assertEquals(0xFFD62728, argb[0]);
        assertEquals(0, argb[1]);
        assertEquals(0, argb[2]);
        assertEquals(0xFFD62728, argb[3]);
    }

    @Test
    void otherBandsCanBeDrawn() {
        double[] zero = new double[Tiles.N];
        double[] ten = new double[Tiles.N];
        java.util.Arrays.fill(ten, 10);
        var tile = new org.rasterdesk.tiling.TileData(new org.rasterdesk.tiling.TileKey(0, 0, 0),
                org.rasterdesk.raster.pixel.PixelType.BYTE, new double[] {255, 255}, new double[][] {zero, ten});
        assertEquals(0xFF000000, TileRenderer.render(tile, ContinuousColormap.grey(0, 10)).pixel(5, 5));
        assertEquals(0xFFFFFFFF, TileRenderer.render(tile, ContinuousColormap.grey(0, 10), 1).pixel(5, 5));
        assertNotEquals(0, TileRenderer.render(tile, ContinuousColormap.grey(0, 10), 1).pixel(255, 255));
    }
}
