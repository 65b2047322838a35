package org.rasterdesk.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: the main window on the embedded or configured database. */
public final class RasterDeskApp extends Application {

    public static void launchApp(String[] args) {
        Application.launch(RasterDeskApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("RasterDesk");
        stage.setScene(new Scene(new Label("RasterDesk"), 800, 600));
        stage.show();
    }
}
