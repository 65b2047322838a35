package org.rasterdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.ui.common.OnFx;

/**
 * The main window in a real X server (Xvfb) with a real window manager (openbox), through JavaFX's GTK glass in a
 * child JVM ({@link WindowProbe}): there JavaFX 21 shrank the window to 200×200 (JDK-8316423), which Monocle, with
 * no window manager, never does.
 */
@Tag("gui")
@Tag("slow")
class WindowUnderWindowManagerTest {

    private static final int SCREEN_WIDTH = 1600;
    private static final int SCREEN_HEIGHT = 1000;
    /** What openbox's frame adds or takes (its title bar and border). */
    private static final double DECORATION = 40;

    @TempDir
    static Path dir;
    /** Each start on an X server and window manager of its own, so that the starts can run at once. */
    private static final List<Process> servers = new ArrayList<>();
    private static ExecutorService starts;
    private static Future<Map<String, double[]>> first;
    private static Future<List<Map<String, double[]>>> savedTwice;
    private static Future<Map<String, double[]>> large;

    /**
     * Starts the windows of all tests at once: each waits in its JVM for the size guard to end, {@code
     * WindowSizeGuard.SETTLE_TIME} and a second, and one after the other those waits made most of this class's time.
     */
    @BeforeAll
    static void startTheWindows() throws Exception {
        for (String program : List.of("Xvfb", "openbox")) {
            if (!onPath(program)) {
                fail(program + " is needed for this test: apt-get install " + (program.equals("Xvfb") ? "xvfb" : program));
            }
        }
        String firstDisplay = startXWithAWindowManager(dir.resolve("first"));
        String savedDisplay = startXWithAWindowManager(dir.resolve("saved"));
        String largeDisplay = startXWithAWindowManager(dir.resolve("large"));
        Path saved = dir.resolve("saved.properties");
        Files.writeString(saved, String.join("\n", "arrangement=" + WindowLayout.ARRANGEMENT, "maximized=false",
                "x=60", "y=40", "width=1400", "height=880", "dividers.0=0.6", "dividers.1=0.25,0.7", ""));
        Path tooLarge = dir.resolve("large.properties");
        Files.writeString(tooLarge, String.join("\n", "arrangement=" + WindowLayout.ARRANGEMENT, "maximized=false",
                "x=2500", "y=-300", "width=3000", "height=2200", ""));
        starts = Executors.newFixedThreadPool(3);
        first = starts.submit(() -> showWindow(firstDisplay, dir.resolve("first"), dir.resolve("first.properties")));
        savedTwice = starts.submit(() -> List.of(showWindow(savedDisplay, dir.resolve("saved"), saved),
                showWindow(savedDisplay, dir.resolve("saved"), saved)));
        large = starts.submit(() -> showWindow(largeDisplay, dir.resolve("large"), tooLarge));
    }

    /** Starts Xvfb and openbox on it, with their logs in {@code home}; returns the display. */
    private static String startXWithAWindowManager(Path home) throws Exception {
        Files.createDirectories(home);
        // -displayfd: the server picks a free display number and writes it, so that parallel runs do not collide.
        Path displayFile = home.resolve("display");
        Process xvfb = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 " + SCREEN_WIDTH + "x"
                + SCREEN_HEIGHT + "x24 -nolisten tcp 3>'" + displayFile + "'").redirectErrorStream(true)
                .redirectOutput(home.resolve("xvfb.log").toFile()).start();
        servers.add(xvfb);
        String display = ":" + waitForLine(displayFile, home.resolve("xvfb.log"));
        // openbox runs its --startup command once it manages the screen: the windows shown after that are framed.
        Path ready = home.resolve("openbox-ready");
        ProcessBuilder wm = new ProcessBuilder("openbox", "--startup", "touch " + ready).redirectErrorStream(true)
                .redirectOutput(home.resolve("openbox.log").toFile());
        wm.environment().put("DISPLAY", display);
        Process openbox = wm.start();
        servers.add(0, openbox);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(OnFx.DEADLINE_SECONDS);
        while (!Files.exists(ready)) {
            if (System.nanoTime() > until || !openbox.isAlive()) {
                fail("openbox did not start: " + Files.readString(home.resolve("openbox.log")));
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a file another process makes: no event to wait on
        }
        return display;
    }

    @AfterAll
    static void stopX() throws InterruptedException {
        if (starts != null) {
            starts.shutdownNow();
            starts.awaitTermination(60, TimeUnit.SECONDS);
        }
        // Window managers first, then their servers.
        for (Process p : servers) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFirstStartOpensAtTheDefaultSizeNotTwoHundredPixels() throws Exception {
        Map<String, double[]> shown = result(first);
        double[] window = shown.get("window");
        assertEquals(WindowPlacement.DEFAULT_WIDTH, window[0], DECORATION, "width " + window[0]);
        assertEquals(WindowPlacement.DEFAULT_HEIGHT, window[1], DECORATION, "height " + window[1]);
        // The saved layout of that start is one a second start accepts.
        assertTrue(WindowPlacement.usable(window[0], window[1]));
    }

    @Test
    void aSavedLayoutComesBackWithItsSizeAndLogPane() throws Exception {
        List<Map<String, double[]>> both = result(savedTwice);
        Map<String, double[]> shown = both.get(0);
        double[] window = shown.get("window");
        assertEquals(1400, window[0], DECORATION, "width " + window[0]);
        assertEquals(880, window[1], DECORATION, "height " + window[1]);
        assertEquals(0.6, shown.get("log-divider")[0], 0.02);
        // And again from what that run saved: the size does not creep by the decorations at each start.
        Map<String, double[]> again = both.get(1);
        assertEquals(window[0], again.get("window")[0], 2);
        assertEquals(window[1], again.get("window")[1], 2);
    }

    @Test
    void aSavedSizeLargerThanTheScreenIsFittedToIt() throws Exception {
        Map<String, double[]> shown = result(large);
        double[] window = shown.get("window");
        double[] screen = shown.get("screen");
        assertTrue(window[0] <= screen[0] && window[1] <= screen[1] + 1,
                "the window is " + window[0] + "×" + window[1] + " on a screen of " + screen[0] + "×" + screen[1]);
        assertTrue(window[0] > screen[0] - DECORATION && window[1] > screen[1] - 2 * DECORATION,
                "the window is " + window[0] + "×" + window[1] + " on a screen of " + screen[0] + "×" + screen[1]);
    }

    /** What a start gave, or the failure of its assertions as this test's own. */
    private static <T> T result(Future<T> start) throws Exception {
        try {
            return start.get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Shows the window in a child JVM on {@code display}, with XDG folders under {@code home}, and returns what it
     * printed: "window", "scene", "screen", "log-divider".
     */
    private static Map<String, double[]> showWindow(String display, Path home, Path layout)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dprism.order=sw", "-cp", classPath, WindowProbe.class.getName(), layout.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        builder.environment().put("XDG_CACHE_HOME", home.resolve("cache").toString());
        builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), output);
        assertEquals(0, p.exitValue(), output);
        Map<String, double[]> values = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length >= 2 && List.of("window", "scene", "screen", "log-divider").contains(parts[0])) {
                double[] numbers = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    numbers[i - 1] = Double.parseDouble(parts[i]);
                }
                values.put(parts[0], numbers);
            }
        }
        assertTrue(values.containsKey("window"), output);
        return values;
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }

    private static String waitForLine(Path file, Path log) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(OnFx.DEADLINE_SECONDS);
        while (System.nanoTime() < until) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return text.lines().findFirst().orElseThrow();
                }
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a file another process writes: no event to wait on
        }
        throw new IOException("Xvfb did not start: " + Files.readString(log));
    }
}
