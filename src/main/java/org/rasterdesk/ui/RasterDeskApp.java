package org.rasterdesk.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.rasterdesk.db.ConnectedDatabase;
import org.rasterdesk.raster.ReferencingWarmUp;
import org.rasterdesk.system.AppPaths;
import org.rasterdesk.ui.about.AboutBox;
import org.rasterdesk.ui.common.AppIcon;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.common.ErrorText;
import org.rasterdesk.ui.common.Stylesheet;
import org.rasterdesk.ui.connection.ConnectionDialog;
import org.rasterdesk.ui.map.BaseMapSettings;
import org.rasterdesk.ui.map.MapLayer;
import org.rasterdesk.ui.parse.ParseQueue;
import org.rasterdesk.webtiles.XyzSource;

/**
 * The JavaFX application: shows the main window at once and opens the database (the embedded default, or the one
 * {@link DatabaseChoice} names) in the background. With the system property {@code rasterdesk.screenshot} (or
 * {@code RASTERDESK_SCREENSHOT}) set to a PNG path it saves the window's scene there once it has settled and exits;
 * {@code rasterdesk.screenshot.basemap} ({@code RASTERDESK_SCREENSHOT_BASEMAP}, "TEMPLATE|ATTRIBUTION") turns the map's
 * online base map on with those tiles; {@code rasterdesk.screenshot.select} ({@code RASTERDESK_SCREENSHOT_SELECT}) names a layer to show in the inspector
 * first (and on the map); {@code rasterdesk.screenshot.grid} ({@code RASTERDESK_SCREENSHOT_GRID}) turns the map's
 * tile grid on, {@code rasterdesk.screenshot.view} ({@code RASTERDESK_SCREENSHOT_VIEW}, "Z,LON,LAT") sets the map's
 * view, and {@code rasterdesk.screenshot.pointer} ({@code RASTERDESK_SCREENSHOT_POINTER}, "X,Y" in per cent of the
 * map's size) puts a pointer over the map for its readout; {@code rasterdesk.screenshot.legend} ({@code RASTERDESK_SCREENSHOT_LEGEND}) names a legend to open
 * in the legend editor and photographs that window instead. {@code rasterdesk.add} ({@code RASTERDESK_ADD}) names
 * raster files to add as layers once the database is open.
 */
public final class RasterDeskApp extends Application {

    private static final Logger LOG = Logger.getLogger(RasterDeskApp.class.getName());

    /** How long the screenshot waits for the window to settle before it is taken anyway. */
    private static final Duration SCREENSHOT_TIMEOUT = Duration.seconds(120);
    /** How long closing waits for cancelled parses to stop before it closes the database anyway. */
    private static final long PARSE_STOP_TIMEOUT_SECONDS = 10;

    private BackgroundThreads background;
    private BackgroundThreads parsing;
    private MainWindow window;
    /** The database being opened at start, or opened. */
    private CompletableFuture<ConnectedDatabase> connecting;
    private WindowLayout layout;
    /** The database the window shows; replaced when the user picks another in the connection dialog. */
    private volatile ConnectedDatabase current;
    private Stage stage;
    private AboutBox about;

    public static void launchApp(String[] args) {
        DatabaseOpening.startEarly(DatabaseChoice.fromEnvironment());
        Application.launch(RasterDeskApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        StartupTimes times = StartupTimes.fromSettings();
        if (times != null) {
            times.record("toolkit");
        }
        this.stage = stage;
        background = new BackgroundThreads("rasterdesk-background", 2);
        parsing = new BackgroundThreads("rasterdesk-parse", ParseQueue.DEFAULT_MAX_RUNNING);
        window = new MainWindow(background, parsing);
        window.rememberParseSettings(AppPaths.configDir().resolve("parse.properties"));
        window.tileServer().pane().setBrowser(url -> getHostServices().showDocument(url));
        if (times != null) {
            times.record("built");
        }
        Scene scene = new Scene(window.getView(), 1240, 790);
        scene.getStylesheets().add(Stylesheet.url());
        stage.setTitle("RasterDesk");
        stage.getIcons().setAll(AppIcon.windowIcons());
        stage.setScene(scene);
        // Unsaved legend edits are asked about before the application goes.
        stage.setOnCloseRequest(e -> {
            if (window.hasUnsavedLegend()) {
                e.consume();
                window.confirmLeave(stage::hide);
            }
        });
        // A screenshot shows the window as it comes, not as this user last left it.
        boolean remember = LaunchSetting.get("rasterdesk.screenshot", "RASTERDESK_SCREENSHOT") == null;
        layout = remember ? WindowLayout.forCurrentUser() : null;
        if (layout != null) {
            layout.restore(stage, window.getView());
            SavedView view = layout.savedView();
            if (view != null) {
                view.restoreInto(window);
            }
            window.mapPane().rememberBaseMapIn(AppPaths.configDir().resolve("map.properties"));
        } else {
            WindowLayout.placeNew(stage);
        }
        stage.show();

        // The database was started as the toolkit started (launchApp), in parallel with building the window; a
        // start without launchApp (tests) starts it now.
        DatabaseOpening opening = DatabaseOpening.take();
        if (opening == null) {
            opening = DatabaseOpening.start(DatabaseChoice.fromEnvironment());
        }
        DatabaseChoice choice = opening.choice();
        window.showConnecting(choice.description(), choice.openingActivity());
        // Kept apart from the task's callbacks, which need the FX thread: closing waits for it after the FX thread
        // has stopped.
        connecting = opening.future();
        CompletableFuture<ConnectedDatabase> opened = opening.future();
        BackgroundTask.of(() -> DatabaseOpening.await(opened))
                .describedAs("Cannot open " + choice.description()).onSuccess(connected -> {
            switchTo(connected);
            addLaunchFiles();
        }).onFailure(failure -> {
            // The window says why in words; the stack trace is for the debug log file, not the console.
            window.showConnectionFailure(choice.description(), ErrorText.of(failure));
        }).executeWith(background);
        // The EPSG database's first lookup costs seconds of CPU: once the window is usable, not while it starts.
        window.settledProperty().addListener((obs, was, now) -> {
            if (now) {
                ReferencingWarmUp.start();
            }
        });
        window.setOnChangeDatabase(this::chooseDatabase);
        // Quit ends the application, the legend editor's window with it; stop() closes the database.
        window.setOnQuit(Platform::exit);
        window.setOnAbout(() -> {
            if (about == null) {
                about = new AboutBox(background);
            }
            about.show(stage, current == null ? null : current.database());
        });

        if (times != null) {
            times.record("shown");
            window.databaseProperty().addListener((obs, was, now) -> times.record("database"));
            window.settledProperty().addListener((obs, was, now) -> {
                if (now && window.databaseProperty().get() != null) {
                    times.record("usable");
                    Platform.exit();
                }
            });
        }

        String screenshot = LaunchSetting.get("rasterdesk.screenshot", "RASTERDESK_SCREENSHOT");
        if (screenshot != null) {
            answerSeveralFilesQuestion();
            screenshotWhenSettled(scene, Path.of(screenshot));
        }
    }

    /**
     * For a screenshot of several files given at launch: the window asks whether they make one layer each or one
     * mosaic, and the picture is of the window at work after the answer a user's Enter gives (its default button).
     */
    private static void answerSeveralFilesQuestion() {
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window added : change.getAddedSubList()) {
                    added.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> Platform.runLater(() -> {
                        Node question = added.getScene() == null ? null
                                : added.getScene().getRoot().lookup("#several-files-question");
                        if (question != null) {
                            question.lookupAll(".button").stream().filter(b -> b instanceof Button)
                                    .map(b -> (Button) b).filter(Button::isDefaultButton).findFirst()
                                    .ifPresent(Button::fire);
                        }
                    }));
                }
            }
        });
    }

    /** Opens the connection dialog; the database it opens replaces the window's. */
    private void chooseDatabase() {
        ConnectionDialog.forCurrentUser(background).showAndWait(stage).ifPresent(this::switchTo);
    }

    /** Shows the newly opened database and closes the previous one off the FX thread. */
    private void switchTo(ConnectedDatabase connected) {
        ConnectedDatabase previous = current;
        current = connected;
        stage.setTitle("RasterDesk — " + connected.database().description());
        window.showDatabase(connected.database());
        if (previous != null && previous != connected) {
            BackgroundTask.ofAction(previous::close).describedAs("Closing the previous database failed")
                    .executeWith(background);
        }
    }

    /**
     * Closes the database on a thread of its own, which is no daemon, so the JVM ends only after the embedded
     * server has been left (and stopped when no other RasterDesk uses it). A connection still being made is
     * waited for and closed too.
     */
    @Override
    public void stop() {
        if (layout != null && window != null) {
            layout.save(stage, window.getView(), SavedView.of(window));
        }
        if (window != null) {
            window.dispose();
        }
        CompletableFuture<ConnectedDatabase> pending = connecting;
        ConnectedDatabase shown = current;
        BackgroundThreads threads = background;
        BackgroundThreads parses = parsing;
        Thread closer = new Thread(() -> {
            try {
                // The parses were told to cancel; they stop within a second or two and must not lose the
                // database under them midway (their tiles would be left as orphans until the next parse).
                if (parses != null) {
                    parses.finish(PARSE_STOP_TIMEOUT_SECONDS);
                }
                if (shown != null) {
                    shown.close();
                } else if (pending != null) {
                    pending.get().close();
                }
            } catch (ExecutionException | CancellationException e) {
                // Never connected: nothing to close.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Closing the database failed", e);
            } finally {
                if (threads != null) {
                    threads.close();
                }
            }
        }, "rasterdesk-close-database");
        closer.setDaemon(false);
        closer.start();
    }

    /** Adds the files the launch setting names (separated as in a class path) as layers, as a drop would. */
    private void addLaunchFiles() {
        String files = LaunchSetting.get("rasterdesk.add", "RASTERDESK_ADD");
        if (files == null || files.isBlank()) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        for (String file : files.split(File.pathSeparator)) {
            if (!file.isBlank()) {
                paths.add(Path.of(file.strip()));
            }
        }
        window.intake().addFiles(paths);
    }

    private void screenshotWhenSettled(Scene scene, Path file) {
        String delaySetting = LaunchSetting.get("rasterdesk.screenshot.delay", "RASTERDESK_SCREENSHOT_DELAY");
        double delay = delaySetting == null ? 2 : Double.parseDouble(delaySetting);
        boolean[] taken = {false};
        Runnable[] takeWhenMapSettled = new Runnable[1];
        Scene[] photographed = {scene};
        Runnable take = () -> {
            if (taken[0]) {
                return;
            }
            taken[0] = true;
            WritableImage image = SceneScreenshot.take(photographed[0]);
            BackgroundTask.ofAction(() -> SceneScreenshot.write(image, file))
                    .onSuccess(v -> LOG.info("Screenshot saved to " + file.toAbsolutePath()))
                    .onFailure(e -> LOG.warning("Cannot save the screenshot " + file + ": " + ErrorText.of(e)))
                    .onFinished(Platform::exit)
                    .executeWith(background);
        };
        // Let a settled window lay out and paint before the snapshot: the pause gives it pulses.
        // The map draws its tiles in the background: wait for them, then one more pause for the last frame.
        PauseTransition mapPoll = new PauseTransition(Duration.millis(200));
        takeWhenMapSettled[0] = () -> {
            if (window.mapPane().isSettled()) {
                PauseTransition lastFrame = new PauseTransition(Duration.millis(300));
                lastFrame.setOnFinished(e -> take.run());
                lastFrame.play();
            } else {
                mapPoll.setOnFinished(e -> takeWhenMapSettled[0].run());
                mapPoll.playFromStart();
            }
        };
        PauseTransition afterSettled = new PauseTransition(Duration.seconds(delay));
        afterSettled.setOnFinished(e -> takeWhenMapSettled[0].run());
        if (LaunchSetting.get("rasterdesk.screenshot.grid", "RASTERDESK_SCREENSHOT_GRID") != null) {
            window.mapPane().map().gridVisibleProperty().set(true);
        }
        String baseMap = LaunchSetting.get("rasterdesk.screenshot.basemap", "RASTERDESK_SCREENSHOT_BASEMAP");
        if (baseMap != null && !baseMap.isBlank()) {
            // "TEMPLATE" or "TEMPLATE|ATTRIBUTION": the online base map from these tiles.
            String[] parts = baseMap.split("\\|", 2);
            window.mapPane().baseMapProperty().set(BaseMapSettings.DEFAULT.withBaseMap(true)
                    .withSource(XyzSource.of(parts[0], parts.length > 1 ? parts[1] : "")));
        }
        String view = LaunchSetting.get("rasterdesk.screenshot.view", "RASTERDESK_SCREENSHOT_VIEW");
        if (view != null && view.matches("\\d+,-?[\\d.]+,-?[\\d.]+")) {
            // "Z,LON,LAT": the map's view once the selected layer has been framed, instead of its whole extent.
            String[] zxy = view.split(",");
            var map = window.mapPane().map();
            map.layers().addListener((javafx.collections.ListChangeListener<MapLayer>) c -> {
                while (c.next()) {
                    for (MapLayer added : c.getAddedSubList()) {
                        added.styleProperty().addListener((o, was, now) -> Platform.runLater(() ->
                                map.viewportProperty().set(new org.rasterdesk.render.MapViewport(
                                        org.rasterdesk.tiling.WebMercator.longitudeToX(Double.parseDouble(zxy[1])),
                                        org.rasterdesk.tiling.WebMercator.latitudeToY(Double.parseDouble(zxy[2])),
                                        Integer.parseInt(zxy[0]), map.viewport().width(),
                                        map.viewport().height()))));
                    }
                }
            });
        }
        String pointer = LaunchSetting.get("rasterdesk.screenshot.pointer", "RASTERDESK_SCREENSHOT_POINTER");
        if (pointer != null && pointer.matches("\\d+,\\d+")) {
            // A pointer over the map, as fractions of its size in per cent, so that the readout shows values.
            String[] xy = pointer.split(",");
            window.mapPane().map().viewportProperty().addListener((obs, was, now) ->
                    window.mapPane().map().pointerProperty().set(new javafx.geometry.Point2D(
                            now.width() * Integer.parseInt(xy[0]) / 100.0, now.height() * Integer.parseInt(xy[1]) / 100.0)));
        }
        String select = LaunchSetting.get("rasterdesk.screenshot.select", "RASTERDESK_SCREENSHOT_SELECT");
        String legend = LaunchSetting.get("rasterdesk.screenshot.legend", "RASTERDESK_SCREENSHOT_LEGEND");
        String added = LaunchSetting.get("rasterdesk.add", "RASTERDESK_ADD");
        boolean launchFiles = added != null && !added.isBlank() && select == null
                && (legend == null || legend.isBlank());
        if (launchFiles) {
            // Files given at launch are pictured while they parse: the pause counts from when their layers were made
            // and queued, which on a busy machine comes well after the list has loaded (each file is looked at and
            // its upload begun first).
            window.intake().addOutcomeListener(outcome -> afterSettled.playFromStart());
        }
        window.settledProperty().addListener((obs, was, now) -> {
            if (!now) {
                return;
            }
            if (legend != null && !legend.isBlank()) {
                window.openLegendEditor();
                photographed[0] = window.legendEditor().stage().getScene();
                window.legendEditor().showWhenListed(legend, () -> {
                    // An entry chosen, so that the picture shows its semantics' description too.
                    window.legendEditor().selectEntry(0);
                    afterSettled.playFromStart();
                });
                return;
            }
            if (launchFiles) {
                return;
            }
            if (select == null) {
                afterSettled.playFromStart();
                return;
            }
            // Show the named layer in the inspector first; the pause starts once its form and details are there.
            window.inspector().snapshotProperty().addListener((o, before, shown) -> {
                if (shown != null) {
                    afterSettled.playFromStart();
                }
            });
            window.layerList().layers().stream().filter(l -> select.equals(l.name())).findFirst()
                    .ifPresentOrElse(l -> window.layerList().table().getSelectionModel().select(l),
                            afterSettled::playFromStart);
        });
        PauseTransition timeout = new PauseTransition(SCREENSHOT_TIMEOUT);
        timeout.setOnFinished(e -> take.run());
        timeout.play();
    }
}
