package org.rasterdesk.ui;

import java.nio.file.Path;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.rasterdesk.ui.common.BackgroundThreads;

/**
 * The main of a child JVM for {@link WindowUnderWindowManagerTest}: shows the main window (without a database) as
 * the application places it, with the layout file given as argument, under the window manager of $DISPLAY; once
 * the window has settled it prints "window W H", "screen W H" and "log-divider D", saves the layout and quits.
 */
public final class WindowProbe {

    private WindowProbe() {
    }

    /** A main outside the Application class, as {@code org.rasterdesk.Launcher}: JavaFX is on the class path. */
    public static void main(String[] args) {
        Application.launch(Probe.class, args);
    }

    /** The application the child JVM runs. */
    public static final class Probe extends Application {

    @Override
    public void start(Stage stage) {
        BackgroundThreads threads = new BackgroundThreads("probe", 1);
        MainWindow window = new MainWindow(threads, threads);
        stage.setScene(new Scene(window.getView(), WindowPlacement.DEFAULT_WIDTH, WindowPlacement.DEFAULT_HEIGHT));
        WindowLayout layout = new WindowLayout(Path.of(getParameters().getRaw().get(0)));
        layout.restore(stage, window.getView());
        stage.show();
        // Past the time the size is guarded, and a second more for the window manager's last word.
        PauseTransition settled = new PauseTransition(WindowSizeGuard.SETTLE_TIME.add(Duration.seconds(1)));
        settled.setOnFinished(e -> {
            var screen = Screen.getPrimary().getVisualBounds();
            System.out.printf(Locale.ROOT, "window %.0f %.0f%n", stage.getWidth(), stage.getHeight());
            System.out.printf(Locale.ROOT, "scene %.0f %.0f%n", stage.getScene().getWidth(), stage.getScene().getHeight());
            System.out.printf(Locale.ROOT, "screen %.0f %.0f%n", screen.getWidth(), screen.getHeight());
            window.getView().lookupAll(".split-pane").stream().map(n -> (SplitPane) n)
                    .filter(p -> p.getOrientation() == Orientation.VERTICAL).findFirst().ifPresent(withLog ->
                            System.out.println("log-divider " + withLog.getDividerPositions()[0]));
            System.out.flush();
            layout.save(stage, window.getView());
            window.dispose();
            threads.close();
            Platform.exit();
        });
        settled.play();
    }
}
}
