package org.rasterdesk.ui.legend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rasterdesk.db.Database;
import org.rasterdesk.db.TestDatabase;
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
import org.rasterdesk.render.ContinuousColormap;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.common.Stylesheet;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The legend editor on a real PostGIS, driven through its fields as a user would, shown headless by Monocle. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class LegendEditorTest {

    private static Database database;
    private static BackgroundThreads background;
    private static LegendRepository legends;
    private static LegendSemanticsRepository semantics;
    private static LegendStyleRepository styles;

    private LegendEditor editor;
    private final List<Integer> saved = new CopyOnWriteArrayList<>();
    private final List<LegendDraft> edited = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void openDatabase() throws Exception {
        database = Database.open(TestDatabase.createEmptyDatabase("rasterdesk_legend_editor_test"), false);
        background = new BackgroundThreads("test-background", 2);
        legends = new LegendRepository(database.dataSource());
        semantics = new LegendSemanticsRepository(database.dataSource());
        styles = new LegendStyleRepository(database.dataSource());
    }

    @AfterAll
    static void closeDatabase() {
        background.close();
        database.close();
    }

    @Start
    void start(Stage stage) {
        editor = new LegendEditor(background);
        editor.setOnLegendSaved(saved::add);
        editor.setOnLegendEdited(edited::add);
        editor.setDatabase(database);
        Scene scene = new Scene(editor.getView(), 1000, 700);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void legendTypedInIsStoredAsDjangoRasterStoresIt(FxRobot robot) throws Exception {
        startNewLegend(robot, "Land cover");
        robot.clickOn("#add-entry");
        type(robot, semantics(robot, 0).getEditor(), "Water");
        type(robot, field(robot, "entry-expression", 0), "1");
        type(robot, field(robot, "entry-color-text", 0), "#00F");
        type(robot, field(robot, "entry-code", 0), "10");
        robot.clickOn(field(robot, "entry-expression", 0));
        type(robot, robot.lookup("#semantics-description").queryAs(TextField.class), "Open water");

        robot.clickOn("#add-entry");
        type(robot, semantics(robot, 1).getEditor(), "Forest");
        type(robot, field(robot, "entry-expression", 1), "(x > 1) & (x < 4)");
        ColorPicker picker = node(robot, "entry-color", 1);
        robot.interact(() -> picker.setValue(Color.web("#228b22")));
        type(robot, field(robot, "entry-code", 1), "20");

        assertEquals("#228b22", field(robot, "entry-color-text", 1).getText(), "a picked colour shows as hex");
        Button save = robot.lookup("#save-legend").queryAs(Button.class);
        assertFalse(save.isDisabled(), () -> "save is enabled: " + problemText(robot));
        robot.clickOn(save);
        waitUntil(() -> !saved.isEmpty() && !editor.savingProperty().get());
        int id = saved.get(0);

        assertEquals(List.of(List.of("1", "#00F", "10", "Water"), List.of("(x > 1) & (x < 4)", "#228b22", "20",
                "Forest")), entryRows(id));
        assertEquals("[{\"name\": \"Water\", \"expression\": \"1\", \"code\": \"10\", \"color\": \"#00F\"}, "
                + "{\"name\": \"Forest\", \"expression\": \"(x > 1) & (x < 4)\", \"code\": \"20\", "
                + "\"color\": \"#228b22\"}]", column("SELECT json FROM raster_legend WHERE id = " + id));
        Legend stored = legends.find(id).orElseThrow();
        assertEquals(LegendJson.of(stored.entries()), stored.json());
        assertEquals("Land cover", stored.title());
        assertEquals("Open water", column("SELECT description FROM raster_legendsemantics WHERE name = 'Water'"));
        assertNull(column("SELECT description FROM raster_legendsemantics WHERE name = 'Forest'"));
        assertTrue(styles.find(id).isEmpty(), "a legend of entries has no continuous style");
        waitUntil(() -> robot.lookup("#legend-list").queryListView().getItems().stream()
                .anyMatch(l -> ((Legend) l).id() == id));
        assertFalse(editor.dirtyProperty().get());
        assertFalse(edited.isEmpty(), "edits were offered for a live preview");
    }

    @Test
    void invalidExpressionIsMarkedWithItsPlaceAndBlocksSaving(FxRobot robot) throws Exception {
        startNewLegend(robot, "Broken");
        robot.clickOn("#add-entry");
        type(robot, semantics(robot, 0).getEditor(), "Urban");
        TextField expression = field(robot, "entry-expression", 0);
        type(robot, expression, "x > > 3");

        assertTrue(expression.getStyleClass().contains("invalid"), "the bad expression is marked");
        assertEquals("Entry 1, expression: x > > 3: unexpected '>' at column 5",
                robot.lookup("#entry-problem").queryAs(Label.class).getText());
        Label caret = robot.lookup("#entry-problem-caret").queryAs(Label.class);
        assertEquals("x > > 3\n    ^", caret.getText());
        assertTrue(robot.lookup("#save-legend").queryAs(Button.class).isDisabled());
        // In a short editor window the caret's line stays whole.
        javafx.stage.Window window = caret.getScene().getWindow();
        double height = window.getHeight();
        robot.interact(() -> window.setHeight(360));
        WaitForAsyncUtils.waitForFxEvents();
        String drawn = caret.getChildrenUnmodifiable().stream().filter(n -> n instanceof javafx.scene.text.Text)
                .map(n -> ((javafx.scene.text.Text) n).getText()).findFirst().orElse("");
        assertEquals(caret.getText(), drawn, "the caret line as drawn");
        assertTrue(caret.getHeight() >= caret.prefHeight(caret.getWidth()) - 0.5, "height " + caret.getHeight());
        // The stage is the next test's too.
        robot.interact(() -> window.setHeight(height));

        type(robot, expression, "x > 3");
        assertFalse(expression.getStyleClass().contains("invalid"));
        assertEquals("", robot.lookup("#entry-problem").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#save-legend").queryAs(Button.class).isDisabled());

        TextField color = field(robot, "entry-color-text", 0);
        type(robot, color, "#12");
        assertTrue(color.getStyleClass().contains("invalid"), "a bad colour is marked");
        assertTrue(robot.lookup("#save-legend").queryAs(Button.class).isDisabled());
        type(robot, color, "teal");
        assertFalse(color.getStyleClass().contains("invalid"), "a CSS name is a colour");
        assertEquals("#008080", editor.draft().entries().get(0).color());
    }

    @Test
    void movedEntriesAreStoredInTheirNewOrder(FxRobot robot) throws Exception {
        LegendSemantics a = semantics.saveSemantics(LegendSemantics.create("Order A"));
        LegendSemantics b = semantics.saveSemantics(LegendSemantics.create("Order B"));
        LegendSemantics c = semantics.saveSemantics(LegendSemantics.create("Order C"));
        Legend legend = legends.create(Legend.create("Paint order").withEntries(List.of(
                LegendEntry.create(a, "1", "#ff0000", "1"), LegendEntry.create(b, "2", "#00ff00", "2"),
                LegendEntry.create(c, "x >= 1", "#0000ff", "3"))));
        openLegend(robot, legend.id());

        robot.clickOn(field(robot, "entry-expression", 2));
        robot.clickOn("#move-entry-up");
        robot.clickOn("#move-entry-up");
        assertEquals(0, editor.entryTable().table().getSelectionModel().getSelectedIndex());
        robot.clickOn(field(robot, "entry-expression", 2));
        robot.clickOn("#move-entry-up");
        robot.clickOn("#save-legend");
        waitUntil(() -> saved.contains(legend.id()) && !editor.savingProperty().get());

        assertEquals(List.of("x >= 1", "2", "1"), entryRows(legend.id()).stream().map(r -> r.get(0)).toList());
        Legend stored = legends.find(legend.id()).orElseThrow();
        assertEquals(LegendJson.of(stored.entries()), stored.json(), "the json keeps django-raster's order");
        waitUntil(() -> !editor.dirtyProperty().get() && editor.entryTable().rows().size() == 3
                && "x >= 1".equals(editor.entryTable().rows().get(0).expressionProperty().get()));
    }

    @Test
    void continuousStyleIsStoredAndItsBarShowsTheRamp(FxRobot robot) throws Exception {
        startNewLegend(robot, "Temperature");
        robot.clickOn("#continuous-check");
        robot.interact(() -> {
            robot.lookup("#continuous-from").queryAs(ColorPicker.class).setValue(Color.web("#0000ff"));
            robot.lookup("#continuous-with-over").queryAs(CheckBox.class).setSelected(true);
            robot.lookup("#continuous-over").queryAs(ColorPicker.class).setValue(Color.web("#ffffff"));
            robot.lookup("#continuous-to").queryAs(ColorPicker.class).setValue(Color.web("#ff0000"));
        });
        type(robot, robot.lookup("#continuous-min").queryAs(TextField.class), "-10");
        type(robot, robot.lookup("#continuous-max").queryAs(TextField.class), "40");

        ContinuousColormap ramp = new ContinuousColormap(0xFF0000FF, 0xFFFF0000, 0xFFFFFFFF, -10, 40);
        Canvas canvas = editor.continuousEditor().colorBar().canvas();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> canvas.snapshot(null, null)).get();
        PixelReader pixels = image.getPixelReader();
        int width = (int) canvas.getWidth();
        for (int x : new int[] {0, width / 2, width - 1}) {
            assertEquals(hex(ramp.color(ColorBar.norm(x, width))), hex(pixels.getArgb(x, 5)), "column " + x);
        }
        assertEquals("-10", robot.lookup("#color-bar-min").queryAs(Label.class).getText());
        assertEquals("15", robot.lookup("#color-bar-middle").queryAs(Label.class).getText());
        assertEquals("40", robot.lookup("#color-bar-max").queryAs(Label.class).getText());

        robot.clickOn("#save-legend");
        waitUntil(() -> !saved.isEmpty() && !editor.savingProperty().get());
        ContinuousStyle expected = ContinuousStyle.of("#0000ff", "#ff0000").withOver("#ffffff").withRange(-10, 40);
        assertEquals(Optional.of(expected), styles.find(saved.get(0)));
        assertEquals("[]", column("SELECT json FROM raster_legend WHERE id = " + saved.get(0)));
    }

    @Test
    void bandRangeIsEmptyOrWholeAndOrdered(FxRobot robot) throws Exception {
        startNewLegend(robot, "Range check");
        robot.clickOn("#continuous-check");
        type(robot, robot.lookup("#continuous-min").queryAs(TextField.class), "5");
        assertTrue(robot.lookup("#save-legend").queryAs(Button.class).isDisabled(), "half a range");
        type(robot, robot.lookup("#continuous-max").queryAs(TextField.class), "1");
        assertEquals("Range: the range's minimum is above its maximum", editor.continuousEditor().problemText());
        assertTrue(robot.lookup("#save-legend").queryAs(Button.class).isDisabled());
        type(robot, robot.lookup("#continuous-max").queryAs(TextField.class), "9");
        assertFalse(robot.lookup("#save-legend").queryAs(Button.class).isDisabled());
    }

    @Test
    void legendOfALayerIsNotDeleted(FxRobot robot) throws Exception {
        Legend used = legends.create(Legend.create("Used by a layer"));
        RasterLayerRepository layers = new RasterLayerRepository(database.dataSource());
        layers.create(RasterLayer.create("Land use 2020").withLegendId(used.id()));
        Legend unused = legends.create(Legend.create("Used by nobody"));
        openLegend(robot, used.id());
        robot.clickOn("#delete-legend");
        waitUntil(() -> editor.problemProperty().get().contains("Land use 2020"));
        assertTrue(legends.find(used.id()).isPresent());
        assertTrue(layers.findAll().stream().anyMatch(l -> used.id().equals(l.legendId())));

        openLegend(robot, unused.id());
        robot.clickOn("#delete-legend");
        waitUntil(() -> robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText("Delete")).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText("Delete")).<Node>query());
        waitUntil(() -> legends.find(unused.id()).isEmpty());
    }

    @Test
    void exportedImageShowsTheEntryColours(FxRobot robot) throws Exception {
        startNewLegend(robot, "Export");
        robot.clickOn("#add-entry");
        type(robot, semantics(robot, 0).getEditor(), "Sand");
        type(robot, field(robot, "entry-expression", 0), "7");
        type(robot, field(robot, "entry-color-text", 0), "#c2b280");
        java.nio.file.Path file = TestDatabase.scratchDir("legend-export").resolve("export.png");
        robot.interact(() -> {
            try {
                editor.exportImage(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(file.toFile());
        assertNotNull(png);
        boolean found = false;
        for (int y = 0; y < png.getHeight() && !found; y++) {
            for (int x = 0; x < png.getWidth() && !found; x++) {
                found = (png.getRGB(x, y) & 0xFFFFFF) == 0xc2b280;
            }
        }
        assertTrue(found, "the swatch's colour is in the image");
    }

    @Test
    void switchingLegendsAsksAboutUnsavedEdits(FxRobot robot) throws Exception {
        Legend first = legends.create(Legend.create("Soils"));
        Legend second = legends.create(Legend.create("Geology"));
        openLegend(robot, first.id());
        type(robot, robot.lookup("#legend-title").queryAs(TextField.class), "Soils of Portugal");
        assertTrue(editor.dirtyProperty().get());

        robot.clickOn(listCell(robot, "Geology"));
        clickDialogButton(robot, "Cancel");
        assertEquals(first.id(), editor.editingId(), "Cancel keeps the legend");
        assertEquals(first.id(), editor.legendList().getSelectionModel().getSelectedItem().id());
        assertEquals("Soils of Portugal", robot.lookup("#legend-title").queryAs(TextField.class).getText());

        robot.clickOn(listCell(robot, "Geology"));
        clickDialogButton(robot, "Discard");
        waitUntil(() -> second.id().equals(editor.editingId()));
        assertEquals("Geology", robot.lookup("#legend-title").queryAs(TextField.class).getText());
        assertEquals("Soils", legends.find(first.id()).orElseThrow().title(), "nothing was saved");
        List<String> previews = edited.stream().map(LegendDraft::title).toList();
        assertTrue(previews.lastIndexOf("Soils") > previews.lastIndexOf("Soils of Portugal"),
                "the preview went back to the stored legend: " + previews);

        type(robot, robot.lookup("#legend-title").queryAs(TextField.class), "Geology 1:50 000");
        robot.clickOn(listCell(robot, "Soils"));
        clickDialogButton(robot, "Save");
        waitUntil(() -> "Geology 1:50 000".equals(legends.find(second.id()).orElseThrow().title()));
        waitUntil(() -> first.id().equals(editor.editingId()));
        assertEquals("Soils", robot.lookup("#legend-title").queryAs(TextField.class).getText());
    }

    private Node listCell(FxRobot robot, String title) throws TimeoutException {
        waitUntil(() -> robot.lookup("#legend-list .list-cell").queryAll().stream()
                .anyMatch(n -> title.equals(((javafx.scene.control.ListCell<?>) n).getText())));
        return robot.lookup("#legend-list .list-cell").queryAll().stream()
                .filter(n -> title.equals(((javafx.scene.control.ListCell<?>) n).getText())).findFirst()
                .orElseThrow();
    }

    private static void clickDialogButton(FxRobot robot, String text) throws TimeoutException {
        waitUntil(() -> robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(text)).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(text)).<Node>query());
        WaitForAsyncUtils.waitForFxEvents();
    }

    // ---- helpers

    private void startNewLegend(FxRobot robot, String title) throws TimeoutException {
        waitUntil(() -> !robot.lookup("#new-legend").queryAs(Button.class).isDisabled());
        robot.clickOn("#new-legend");
        type(robot, robot.lookup("#legend-title").queryAs(TextField.class), title);
    }

    private void openLegend(FxRobot robot, int id) throws TimeoutException {
        robot.interact(editor::reload);
        waitUntil(() -> editor.legendList().getItems().stream().anyMatch(l -> l.id() == id));
        robot.interact(() -> editor.legendList().getItems().stream().filter(l -> l.id() == id).findFirst()
                .ifPresent(l -> editor.legendList().getSelectionModel().select(l)));
        waitUntil(() -> Integer.valueOf(id).equals(editor.editingId()));
    }

    private static void type(FxRobot robot, TextInputControl field, String text) {
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(text, field.getText(), "typed into " + field.getStyleClass());
    }

    private static String problemText(FxRobot robot) {
        return robot.lookup("#entry-problem").queryAs(Label.class).getText() + " / "
                + robot.lookup("#legend-notice").queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> semantics(FxRobot robot, int row) {
        return (ComboBox<String>) node(robot, "entry-semantics", row);
    }

    static TextField field(FxRobot robot, String styleClass, int row) {
        return node(robot, styleClass, row);
    }

    /** The field of a style class in the table row of an index. */
    @SuppressWarnings("unchecked")
    static <T extends Node> T node(FxRobot robot, String styleClass, int row) {
        WaitForAsyncUtils.waitForFxEvents();
        for (Node n : robot.lookup("." + styleClass).queryAll()) {
            TableCell<?, ?> cell = cellOf(n);
            if (cell != null && !cell.isEmpty() && cell.getIndex() == row && n.getStyleClass().contains(styleClass)
                    && n.isVisible() && cell.getGraphic() != null) {
                return (T) n;
            }
        }
        throw new AssertionError("no ." + styleClass + " in row " + row);
    }

    private static TableCell<?, ?> cellOf(Node node) {
        for (Node p = node; p != null; p = p.getParent()) {
            if (p instanceof TableCell<?, ?> cell) {
                return cell;
            }
        }
        return null;
    }

    private static List<List<String>> entryRows(int legendId) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT e.expression, e.color, e.code, s.name "
                     + "FROM raster_legendentry e JOIN raster_legendsemantics s ON s.id = e.semantics_id "
                     + "WHERE e.legend_id = ? ORDER BY e.id")) {
            ps.setInt(1, legendId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return rows;
    }

    private static String column(String sql) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static String hex(int argb) {
        return String.format("#%08x", argb);
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        OnFx.waitUntil(condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
