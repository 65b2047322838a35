package org.rasterdesk.ui;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.rasterdesk.db.Database;
import org.rasterdesk.ui.common.BackgroundTask;
import org.rasterdesk.ui.common.BackgroundThreads;
import org.rasterdesk.ui.common.OnFx;
import org.rasterdesk.ui.common.Stylesheet;
import org.rasterdesk.ui.common.TaskExecutor;
import org.rasterdesk.ui.parse.ParseQueue;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The fixture of tests that show a {@link MainWindow} on a real database: the class's background threads, the
 * window in a styled scene, and after each test the window disposed and its work ended before the next test's
 * window opens. Register it as a static field with {@code @RegisterExtension}, after TestFX's
 * {@code ApplicationExtension}: its after-each runs first, while the stage still shows the window.
 * <p>
 * Disposing is where window tests raced: a parse cancelled by the dispose ends a moment later on the parse
 * threads, and its answers still reach the FX thread; a reload queued by the old window still runs on the shared
 * background threads. A test that went on at once read lists the old window's work was changing, or saw its
 * answers. So each disposal waits, with a deadline a loaded machine keeps, until the window's parses have left
 * its queue (read on the FX thread, where the queue changes), every thread of the class is idle, and the FX
 * thread has handled what they sent.
 */
public final class MainWindowFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** As many threads for reads as the application gives its window. */
    private static final int BACKGROUND_THREADS = 2;

    private final String name;
    private final boolean parsingThreads;
    private BackgroundThreads background;
    private BackgroundThreads parsing;
    /** Windows shown and not yet disposed: a failed test's window is disposed all the same. */
    private final List<MainWindow> open = new ArrayList<>();
    /** Windows whose parses run on the test's executor: the test, not the fixture, decides when they run. */
    private final Set<MainWindow> parsesOfTheTest = new HashSet<>();

    private MainWindowFixture(String name, boolean parsingThreads) {
        this.name = name;
        this.parsingThreads = parsingThreads;
    }

    /** Windows that read and parse on the same threads, as a window without a parse queue of its own. */
    public static MainWindowFixture sharingThreads(String name) {
        return new MainWindowFixture(name, false);
    }

    /** Windows whose parses run on threads of their own, {@link ParseQueue#DEFAULT_MAX_RUNNING} of them. */
    public static MainWindowFixture withParsingThreads(String name) {
        return new MainWindowFixture(name, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        background = new BackgroundThreads(name + "-background", BACKGROUND_THREADS);
        if (parsingThreads) {
            parsing = new BackgroundThreads(name + "-parsing", ParseQueue.DEFAULT_MAX_RUNNING);
        }
    }

    /** The class's threads for database reads and other short work. */
    public BackgroundThreads background() {
        return background;
    }

    /** A window on {@code database} with the class's threads; disposed after the test unless the test did. */
    public MainWindow window(Database database) {
        return track(parsing == null ? new MainWindow(database, background)
                : new MainWindow(database, background, parsing));
    }

    /**
     * A window on {@code database} whose parses run on {@code parses} (a held executor, say). Its disposal does not
     * wait for its parses to end: a held parse may never run.
     */
    public MainWindow window(Database database, TaskExecutor parses) {
        MainWindow window = track(new MainWindow(database, background, parses));
        synchronized (this) {
            parsesOfTheTest.add(window);
        }
        return window;
    }

    private synchronized MainWindow track(MainWindow window) {
        open.add(window);
        return window;
    }

    /** Puts the window in a scene of the given size with the application's style sheet, on the FX thread. */
    public static Scene sceneOf(MainWindow window, double width, double height) {
        Scene scene = new Scene(window.getView(), width, height);
        scene.getStylesheets().add(Stylesheet.url());
        return scene;
    }

    /** Shows the window in {@code stage}, in a scene of the given size; on the FX thread. */
    public static MainWindow show(Stage stage, MainWindow window, double width, double height) {
        stage.setScene(sceneOf(window, width, height));
        stage.show();
        return window;
    }

    /**
     * Disposes the window and waits until its work has ended: its parses have left the queue, the class's
     * threads are idle, and the FX thread has handled their answers. From the test thread.
     */
    public void dispose(MainWindow window) throws Exception {
        boolean ownParses;
        synchronized (this) {
            if (!open.remove(window)) {
                return;
            }
            ownParses = !parsesOfTheTest.remove(window);
        }
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("Dispose a window from the test thread: its work ends on the FX thread");
        }
        WaitForAsyncUtils.asyncFx(window::dispose).get(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS);
        if (ownParses) {
            // A cancelled parse stops at its next unit of work and leaves the queue by a message to the FX thread.
            OnFx.waitUntil(() -> window.parseQueue().parses().isEmpty());
        }
        awaitIdle(background, BACKGROUND_THREADS);
        if (parsing != null) {
            awaitIdle(parsing, ParseQueue.DEFAULT_MAX_RUNNING);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<MainWindow> left;
        synchronized (this) {
            left = List.copyOf(open);
        }
        for (MainWindow window : left) {
            dispose(window);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        background.close();
        if (parsing != null) {
            parsing.close();
        }
    }

    /**
     * Waits until each of the {@code size} threads has taken one task of a barrier: a thread takes a task only
     * when it has ended the one before, and in the order they were queued, so the work queued before has ended.
     */
    private static void awaitIdle(BackgroundThreads threads, int size) throws InterruptedException, TimeoutException {
        CountDownLatch taken = new CountDownLatch(size);
        CountDownLatch ended = new CountDownLatch(size);
        for (int i = 0; i < size; i++) {
            BackgroundTask.ofAction(() -> {
                taken.countDown();
                // Holds this thread until every thread has a barrier task, so that none takes two.
                taken.await(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS);
                ended.countDown();
            }).executeWith(threads);
        }
        if (!ended.await(OnFx.DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException("The window's background work did not end within "
                    + OnFx.DEADLINE_SECONDS + " s");
        }
    }
}
