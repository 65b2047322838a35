package org.rasterdesk.ui.legend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendEntry;
import org.rasterdesk.legend.LegendJson;
import org.rasterdesk.legend.LegendSemantics;
import org.rasterdesk.render.ContinuousColormap;
import org.rasterdesk.render.DiscreteColormap;
import org.rasterdesk.render.LayerColormaps;
import org.rasterdesk.render.QualitativeColormap;
import org.rasterdesk.ui.common.Stylesheet;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The legend beside the map: its rows, counts and exported image, shown headless by Monocle. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LegendPanelTest {

    private LegendPanel panel;

    @Start
    void start(Stage stage) {
        panel = new LegendPanel();
        Scene scene = new Scene(new StackPane(panel.getView()), 400, 400);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.show();
    }

    /** Entries stored in the order the user gave them; the colormap paints them by code then name. */
    private static Legend landCover() {
        List<LegendEntry> entries = List.of(
                new LegendEntry(1, 1, new LegendSemantics(1, "Water", null, null), "1", "#1f4e9e", "30"),
                new LegendEntry(2, 1, new LegendSemantics(2, "Forest", null, null), "(x > 1) & (x < 4)", "#228b22",
                        "10"),
                new LegendEntry(3, 1, new LegendSemantics(3, "", null, null), "9", "#e0e000", "20"));
        return new Legend(1, "Land cover", null, entries, LegendJson.of(entries), null);
    }

    @Test
    void entriesAreListedInTheLegendsOrderWithTheirCounts(FxRobot robot) {
        Legend legend = landCover();
        DiscreteColormap colormap = DiscreteColormap.of(legend);
        robot.interact(() -> panel.show("Florida land cover", colormap, Optional.of(legend)));

        // The legend's own order, as the user wrote the entries in the legend editor (which lists them so): QGIS's
        // layer panel lists a style's classes in the style's order too. The colormap paints by code then name, as
        // django-raster's json cache sorts them (Forest, 9, Water): an order the user never chose, and one that
        // moves rows whenever a code is edited.
        assertEquals(List.of("(x > 1) & (x < 4)", "9", "1"),
                colormap.entries().stream().map(e -> e.condition().expression()).toList(), "the paint order");
        assertEquals(List.of("1", "(x > 1) & (x < 4)", "9"), panel.expressions(), "the legend's order");
        assertEquals(List.of("Florida land cover", "Water", "30", LegendPanel.UNKNOWN_COUNT, "Forest", "10",
                        LegendPanel.UNKNOWN_COUNT, "9", "20", LegendPanel.UNKNOWN_COUNT), labels(robot),
                "names (the expression for an unnamed entry), codes and unknown counts");

        robot.interact(() -> panel.setCounts(Map.of("1", 1_234_567L, "(x > 1) & (x < 4)", 42L)));
        assertEquals("42", panel.countText("(x > 1) & (x < 4)"));
        assertEquals("0", panel.countText("9"), "an entry the view does not show covers no pixel");
        assertEquals(NumberFormat.getIntegerInstance().format(1_234_567L), panel.countText("1"));
        assertTrue(panel.countText("1").length() > "1234567".length(), "thousands are separated");
    }

    @Test
    void exportedPngHasTheEntryColoursAtTheSwatches(FxRobot robot, @TempDir Path dir) throws Exception {
        Legend legend = landCover();
        robot.interact(() -> panel.show("Land", DiscreteColormap.of(legend), Optional.of(legend)));
        Path file = dir.resolve("legend.png");
        panel.exportPng(file);
        BufferedImage png = ImageIO.read(file.toFile());
        assertNotNull(png, "a PNG was written");
        Map<String, Integer> expected = Map.of("1", 0x1f4e9e, "(x > 1) & (x < 4)", 0x228b22, "9", 0xe0e000);
        for (Map.Entry<String, Integer> entry : expected.entrySet()) {
            Region swatch = panel.swatch(entry.getKey());
            Node view = panel.getView();
            Bounds inView = view.sceneToLocal(swatch.localToScene(swatch.getBoundsInLocal()));
            Bounds all = view.getBoundsInLocal();
            int x = (int) (inView.getCenterX() - all.getMinX());
            int y = (int) (inView.getCenterY() - all.getMinY());
            assertEquals(String.format("%06x", entry.getValue()), String.format("%06x", png.getRGB(x, y) & 0xFFFFFF),
                    "swatch of " + entry.getKey() + " at " + x + "," + y);
        }
    }

    @Test
    void defaultsSayHowTheLayerIsDrawn(FxRobot robot) {
        robot.interact(() -> panel.show("Elevation", ContinuousColormap.grey(0, 1200), Optional.empty()));
        assertEquals(List.of("Elevation", "0", "600", "1,200", "Grey ramp over the band's range (no legend)"),
                labels(robot));
        robot.interact(() -> panel.show("Classes", new QualitativeColormap(), Optional.empty()));
        assertEquals(List.of("Classes", "A colour per value (no legend)"), labels(robot));
        robot.interact(() -> panel.show("Mask", LayerColormaps.byDatatype(DataType.MASK, 0, 1), Optional.empty()));
        assertEquals(List.of("Mask", "Mask (x != 0)", "", LegendPanel.UNKNOWN_COUNT), labels(robot));
        assertEquals(0xd62728, argbOf(panel.swatch("x != 0")) & 0xFFFFFF, "the mask colour");
    }

    @Test
    void unreadableEntriesAreListedAsProblems(FxRobot robot) {
        DiscreteColormap colormap = DiscreteColormap.of(Map.of("x > > 3", "#ff0000"));
        robot.interact(() -> panel.show("Broken", colormap, Optional.empty()));
        List<String> problems = robot.lookup(".legend-problem").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("x > > 3"), problems.get(0));
    }

    private static int argbOf(Region swatch) {
        javafx.scene.paint.Color c = (javafx.scene.paint.Color) swatch.getBackground().getFills().get(0).getFill();
        return ContinuousStyleEditor.argb(c);
    }

    /** The texts of the panel's labels, top to bottom and left to right, as shown. */
    private List<String> labels(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.from(panel.getView()).lookup(".label").queryAllAs(Label.class).stream()
                .filter(Node::isVisible)
                .sorted((a, b) -> {
                    Bounds p = a.localToScene(a.getBoundsInLocal());
                    Bounds q = b.localToScene(b.getBoundsInLocal());
                    int byRow = Double.compare(Math.round(p.getMinY() / 4), Math.round(q.getMinY() / 4));
                    return byRow != 0 ? byRow : Double.compare(p.getMinX(), q.getMinX());
                })
                .map(Label::getText).collect(Collectors.toList());
    }
}
