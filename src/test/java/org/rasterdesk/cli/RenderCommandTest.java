package org.rasterdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendJson;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.legend.LegendSemanticsRepository;
import org.rasterdesk.legend.LegendStyleRepository;
import org.rasterdesk.layer.PostgisTileValues;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.tiling.TileKey;

/**
 * The render command end to end: django-raster's own test raster parsed into PostGIS, a categorical legend stored as
 * django-raster stores it, and every pixel of the PNG checked against the tile's values from ST_DumpValues.
 */
class RenderCommandTest {

    private static final DataSource DATA_SOURCE = TestDatabase.shared().dataSource();
    private static RasterLayer layer;

    /** Value → colour the legend below gives; other values and nodata stay transparent. */
    private static final Map<Integer, Integer> EXPECTED = Map.of(
            1, 0xFFFF0000, 3, 0xFFFFFF00, 5, 0xFF00FF00, 8, 0xFF0000FF, 9, 0xFF0000FF);

    @TempDir
    Path tmp;

    @BeforeAll
    static void parseAndStyle() throws Exception {
        RasterLayerRepository layers = new RasterLayerRepository(DATA_SOURCE);
        RasterLayer created = layers.find(ParsedFile.parse(DATA_SOURCE, "render fixture", DataType.CATEGORICAL,
                ParsedFile.data("real/django_raster_test.tif"))).orElseThrow();

        LegendRepository legends = new LegendRepository(DATA_SOURCE);
        LegendSemanticsRepository semantics = new LegendSemanticsRepository(DATA_SOURCE);
        LegendSemantics one = semantics.saveSemantics(LegendSemantics.create("one"));
        LegendSemantics three = semantics.saveSemantics(LegendSemantics.create("three"));
        LegendSemantics five = semantics.saveSemantics(LegendSemantics.create("five"));
        LegendSemantics high = semantics.saveSemantics(LegendSemantics.create("high"));
        List<LegendEntry> entries = List.of(
                LegendEntry.create(one, "1", "#F00", "a"),
                LegendEntry.create(three, "3.0", "#ffff00", "b"),
                LegendEntry.create(five, "(x > 4.5) & (x < 5.5)", "#00ff00", "c"),
                LegendEntry.create(high, "x >= 8", "#0000ff", "d"));
        Legend legend = legends.create(Legend.create("render fixture legend").withEntries(entries));
        assertEquals(LegendJson.of(legend.entries()), legend.json());
        layer = layers.update(layers.find(created.id()).orElseThrow().withLegendId(legend.id())).layer();
    }

    @Test
    void theTileMatchesItsValuesInPostgisPixelForPixel() throws Exception {
        Path out = tmp.resolve("tile.png");
        assertEquals(0, run("--layer", String.valueOf(layer.id()), "11/552/858", out.toString()));
        int[] png = readPng(out);
        Double[] values = dumpValues(11, 552, 858);
        int painted = 0;
        int nodata = 0;
        int unlisted = 0;
        for (int i = 0; i < png.length; i++) {
            Double v = values[i];
            int expected = v == null ? 0 : EXPECTED.getOrDefault(v.intValue(), 0);
            assertEquals(expected, png[i], "pixel " + (i % 256) + "," + (i / 256) + " value " + v);
            if (expected != 0) {
                painted++;
            } else if (v == null) {
                nodata++;
            } else {
                unlisted++;
            }
        }
        assertTrue(painted > 1000, "painted pixels: " + painted);
        assertTrue(nodata > 1000, "nodata pixels: " + nodata);
        assertTrue(unlisted > 1000, "pixels of values without entry: " + unlisted);
    }

    @Test
    void entryCountsAreThePixelsOfEachEntry() throws Exception {
        RenderedTile tile = RenderCommand.render(DATA_SOURCE, layer.id(), null, 0, new TileKey(11, 552, 858),
                tmp.resolve("c.png"));
        Double[] values = dumpValues(11, 552, 858);
        int[] byValue = new int[10];
        for (Double v : values) {
            if (v != null) {
                byValue[v.intValue()]++;
            }
        }
        assertEquals(Map.of("1", byValue[1], "3.0", byValue[3], "(x > 4.5) & (x < 5.5)", byValue[5],
                "x >= 8", byValue[8] + byValue[9]), tile.image().counts());
        assertEquals(List.of("1", "3.0", "(x > 4.5) & (x < 5.5)", "x >= 8"),
                List.copyOf(tile.image().counts().keySet()), "in the legend's order");
    }

    @Test
    void beyondMaxZoomTheTileIsTheUpsampledQuarterOfItsAncestor() throws Exception {
        Path parent = tmp.resolve("parent.png");
        Path child = tmp.resolve("child.png");
        assertEquals(0, run("--layer", String.valueOf(layer.id()), "11/552/858", parent.toString()));
        assertEquals(0, run("--layer", String.valueOf(layer.id()), "12/1104/1716", child.toString()));
        int[] p = readPng(parent);
        int[] c = readPng(child);
        // 12/1104/1716 is the north-west quarter of 11/552/858.
        for (int r = 0; r < 256; r++) {
            for (int col = 0; col < 256; col++) {
                assertEquals(p[(r / 2) * 256 + col / 2], c[r * 256 + col], "pixel " + col + "," + r);
            }
        }
        Path southEast = tmp.resolve("se.png");
        assertEquals(0, run("--layer", String.valueOf(layer.id()), "13/2211/3435", southEast.toString()));
        int[] se = readPng(southEast);
        // 13/2211/3435: x = 552*4 + 3, y = 858*4 + 3, the south-east sixteenth.
        for (int r = 0; r < 256; r++) {
            for (int col = 0; col < 256; col++) {
                assertEquals(p[(192 + r / 4) * 256 + 192 + col / 4], se[r * 256 + col]);
            }
        }
    }

    @Test
    void aPlaceWithoutDataIsTransparent() throws Exception {
        Path out = tmp.resolve("empty.png");
        assertEquals(0, run("--layer", String.valueOf(layer.id()), "11/0/0", out.toString()));
        for (int p : readPng(out)) {
            assertEquals(0, p);
        }
    }

    @Test
    void aContinuousLegendGivenOnTheCommandLine() throws Exception {
        LegendRepository legends = new LegendRepository(DATA_SOURCE);
        Legend ramp = legends.create(Legend.create("ramp"));
        assertEquals(null, ramp.json());
        LegendStyleRepository styles = new LegendStyleRepository(DATA_SOURCE);
        styles.save(ramp.id(), ContinuousStyle.of("#000", "#fff"));
        assertEquals("[]", legends.find(ramp.id()).orElseThrow().json(), "django-raster can still read it");
        assertEquals(ContinuousStyle.of("#000000", "#ffffff"), styles.find(ramp.id()).orElseThrow());

        Path out = tmp.resolve("ramp.png");
        assertEquals(0, run("--layer", String.valueOf(layer.id()), "--legend", String.valueOf(ramp.id()),
                "11/552/858", out.toString()));
        int[] png = readPng(out);
        Double[] values = dumpValues(11, 552, 858);
        for (int i = 0; i < png.length; i++) {
            // The band's range is 0..9: grey = trunc(v / 9 * 255).
            int grey = values[i] == null ? -1 : (int) (values[i] / 9 * 255);
            int expected = grey < 0 ? 0 : 0xFF000000 | grey << 16 | grey << 8 | grey;
            assertEquals(expected, png[i], "pixel " + i);
        }

        legends.delete(ramp.id());
        assertTrue(styles.find(ramp.id()).isEmpty(), "the style goes with its legend");
    }

    @Test
    void badInputIsRefusedInOneLine() {
        assertEquals(1, run("--layer", String.valueOf(layer.id()), "11/552", tmp.resolve("x.png").toString()));
        assertEquals(1, run("--layer", String.valueOf(layer.id()), "3/8/0", tmp.resolve("x.png").toString()));
        assertEquals(1, run("--layer", "999999", "3/0/0", tmp.resolve("x.png").toString()));
        assertEquals(1, run("--layer", String.valueOf(layer.id()), "--legend", "999999", "3/0/0",
                tmp.resolve("x.png").toString()));
    }

    private static int run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "render";
        all[1] = "--db";
        all[2] = connectionString();
        System.arraycopy(args, 0, all, 3, args.length);
        return RasterDeskCommand.run(all);
    }

    private static String connectionString() {
        ConnectionSettings s = TestDatabase.shared().settings();
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]+).*").matcher(s.jdbcUrl());
        assertTrue(m.matches(), s.jdbcUrl());
        return "host=" + m.group(1) + " port=" + m.group(2) + " dbname=" + m.group(3) + " user=" + s.user()
                + (s.password() == null ? "" : " password=" + s.password());
    }

    private static int[] readPng(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(256, image.getWidth());
        assertEquals(256, image.getHeight());
        assertTrue(image.getColorModel().hasAlpha());
        return image.getRGB(0, 0, 256, 256, null, 0, 256);
    }

    /** The tile's band 1 from PostGIS, row by row, nodata as null. */
    private static Double[] dumpValues(int z, int x, int y) throws Exception {
        return PostgisTileValues.of(DATA_SOURCE, layer.id(), new TileKey(z, x, y));
    }
}
