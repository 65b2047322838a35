package org.rasterdesk.ui.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The map's Layers panel shows layer names as they are: underscores are no mnemonics. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class MapLayerPanelTest {

    private static final String NAME = "openlandmap_cropland_v1_2020";

    private final ObservableList<MapLayer> layers = FXCollections.observableArrayList();

    @Start
    void start(Stage stage) {
        layers.add(new MapLayer(1, NAME));
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(new MapLayerPanel(layers).getView()), 400, 300));
        stage.show();
    }

    @Test
    void aLayerNameKeepsItsUnderscoresOnScreen(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        // What is drawn: the text nodes of the panel, not the controls' text properties.
        List<String> drawn = robot.lookup(node -> node instanceof Text).queryAll().stream()
                .map(node -> ((Text) node).getText()).toList();
        assertTrue(drawn.contains(NAME), "drawn texts: " + drawn);
        // Every labelled control that shows the name shows it whole.
        robot.lookup(node -> node instanceof Labeled l && l.getText() != null && l.getText().contains("_"))
                .queryAll().forEach(node -> assertEquals(false, ((Labeled) node).isMnemonicParsing(),
                        node + " takes the underscores of " + ((Labeled) node).getText() + " for a mnemonic"));
    }
}
