package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class StatusBarTest {

    @Test
    void theMapsLineStandsApartFromTheActivity() throws Exception {
        FxToolkit.registerPrimaryStage();
        Stage stage = WaitForAsyncUtils.asyncFx((Callable<Stage>) Stage::new).get();
        try {
            StatusBar bar = WaitForAsyncUtils.asyncFx(() -> {
                StatusBar made = new StatusBar();
                made.activityProperty().set("3 layers");
                made.mapProperty().set("Base map offline: tile.openstreetmap.org cannot be reached");
                made.databaseProperty().set("postgres@127.0.0.1:5432/rd");
                stage.setScene(new Scene(new BorderPane(null, null, null, made.getView(), null), 1000, 200));
                stage.show();
                return made;
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            Bounds[] texts = WaitForAsyncUtils.asyncFx(() -> new Bounds[] {
                textOf(bar.getView(), "3 layers"), textOf(bar.getView(), "Base map offline")}).get();
            assertNotNull(texts[0], "the activity is drawn");
            assertNotNull(texts[1], "the map's line is drawn");
            assertTrue(texts[1].getMinX() - texts[0].getMaxX() >= 8,
                    "a gap between \"3 layers\" and the map's line: " + texts[0] + " " + texts[1]);
        } finally {
            WaitForAsyncUtils.asyncFx(stage::hide).get();
        }
    }

    /** Where the text that starts so is drawn, in the scene; null when nothing under the node draws it. */
    private static Bounds textOf(Node root, String start) {
        if (root instanceof Text t && t.getText() != null && t.getText().startsWith(start)) {
            return t.localToScene(t.getBoundsInLocal());
        }
        if (root instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Bounds found = textOf(child, start);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
