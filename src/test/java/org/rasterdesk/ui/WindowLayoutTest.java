package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class WindowLayoutTest {

    @TempDir
    Path dir;

    @Test
    void theWindowComesBackWithItsSizeAndDividers() throws Exception {
        Path file = dir.resolve("window.properties");
        FxToolkit.registerPrimaryStage();
        // A stage of its own: the sizes set here would otherwise stay with the primary stage that later tests use.
        Stage stage = WaitForAsyncUtils.asyncFx((Callable<Stage>) Stage::new).get();
        try {
            checkLayoutComesBack(stage, file);
        } finally {
            WaitForAsyncUtils.asyncFx(stage::hide).get();
        }
    }

    @Test
    void aWindowSavedTooSmallOpensAtTheDefaultSizeWithItsOwnDividers() throws Exception {
        // What JavaFX 21 under a window manager left behind: a 200×200 window whose dividers squeeze the log.
        Path file = dir.resolve("window.properties");
        java.nio.file.Files.writeString(file, String.join("\n", "arrangement=" + WindowLayout.ARRANGEMENT,
                "maximized=false", "x=180", "y=81", "width=202", "height=225", "dividers.0=0.8576", ""));
        FxToolkit.registerPrimaryStage();
        Stage stage = WaitForAsyncUtils.asyncFx((Callable<Stage>) Stage::new).get();
        try {
            SplitPane[] pane = new SplitPane[1];
            WaitForAsyncUtils.asyncFx(() -> {
                pane[0] = new SplitPane(new StackPane(new Label("top")), new StackPane(new Label("log")));
                pane[0].setOrientation(javafx.geometry.Orientation.VERTICAL);
                stage.setScene(new javafx.scene.Scene(new BorderPane(pane[0])));
                new WindowLayout(file).restore(stage, stage.getScene().getRoot());
                stage.show();
                // The window's own divider, which the saved one (0.86) must not replace.
                pane[0].setDividerPositions(0.7);
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
            assertEquals(Math.min(WindowPlacement.DEFAULT_WIDTH, screen.getWidth()), stage.getWidth(), 0.5);
            assertEquals(Math.min(WindowPlacement.DEFAULT_HEIGHT, screen.getHeight()), stage.getHeight(), 0.5);
            assertEquals(WindowPlacement.MIN_WIDTH, stage.getMinWidth(), 0.5);
            assertEquals(0.7, pane[0].getDividerPositions()[0], 0.01);
        } finally {
            WaitForAsyncUtils.asyncFx(stage::hide).get();
        }
    }

    private static void checkLayoutComesBack(Stage stage, Path file) throws Exception {
        SplitPane[] panes = new SplitPane[2];
        WaitForAsyncUtils.asyncFx(() -> {
            // Panes that may grow, as the window's list, map, inspector and log do (a bare Label may not).
            panes[0] = new SplitPane(new StackPane(new Label("list")), new StackPane(new Label("map")),
                    new StackPane(new Label("form")));
            panes[1] = new SplitPane(panes[0], new StackPane(new Label("log")));
            panes[1].setOrientation(javafx.geometry.Orientation.VERTICAL);
            stage.setScene(new javafx.scene.Scene(new BorderPane(panes[1]), 900, 600));
            stage.show();
            stage.setWidth(1000);
            stage.setHeight(700);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> {
            panes[0].setDividerPositions(0.25, 0.5);
            panes[1].setDividerPositions(0.8);
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> new WindowLayout(file).save(stage, stage.getScene().getRoot())).get();

        WaitForAsyncUtils.asyncFx(() -> {
            stage.hide();
            stage.setWidth(700);
            stage.setHeight(500);
            panes[0].setDividerPositions(0.6, 0.9);
            panes[1].setDividerPositions(0.3);
            // As the app does: restored, then shown; the dividers follow once the window is laid out.
            new WindowLayout(file).restore(stage, stage.getScene().getRoot());
            stage.show();
        }).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1000, stage.getWidth(), 0.5);
        assertEquals(700, stage.getHeight(), 0.5);
        assertArrayEquals(new double[] {0.25, 0.5}, panes[0].getDividerPositions(), 0.01);
        assertArrayEquals(new double[] {0.8}, panes[1].getDividerPositions(), 0.01);
    }
}
