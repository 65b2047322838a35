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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private static Process xvfb;
    private static Process openbox;
    private static String display;

    @BeforeAll
    static void startXWithAWindowManager() throws Exception {
        for (String program : List.of("Xvfb", "openbox")) {
            if (!onPath(program)) {
                fail(program + " is needed for this test: apt-get install " + (program.equals("Xvfb") ? "xvfb" : program));
            }
        }
        // -displayfd: the server picks a free display number and writes it, so that parallel runs do not collide.
        Path displayFile = dir.resolve("display");
        xvfb = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 " + SCREEN_WIDTH + "x" + SCREEN_HEIGHT
                + "x24 -nolisten tcp 3>'" + displayFile + "'").redirectErrorStream(true)
                .redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        String number = waitForLine(displayFile);
        display = ":" + number;
        // openbox runs its --startup command once it manages the screen: the windows shown after that are framed.
        Path ready = dir.resolve("openbox-ready");
        ProcessBuilder wm = new ProcessBuilder("openbox", "--startup", "touch " + ready).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openbox.log").toFile());
        wm.environment().put("DISPLAY", display);
        openbox = wm.start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(ready)) {
            if (System.nanoTime() > until || !openbox.isAlive()) {
                fail("openbox did not start: " + Files.readString(dir.resolve("openbox.log")));
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a file another process makes: no event to wait on
        }
    }

    @AfterAll
    static void stopX() throws InterruptedException {
        for (Process p : new Process[] {openbox, xvfb}) {
            if (p != null) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aFirstStartOpensAtTheDefaultSizeNotTwoHundredPixels() throws Exception {
        Map<String, double[]> shown = showWindow(dir.resolve("first.properties"));
        double[] window = shown.get("window");
        assertEquals(WindowPlacement.DEFAULT_WIDTH, window[0], DECORATION, "width " + window[0]);
        assertEquals(WindowPlacement.DEFAULT_HEIGHT, window[1], DECORATION, "height " + window[1]);
        // The saved layout of that start is one a second start accepts.
        assertTrue(WindowPlacement.usable(window[0], window[1]));
    }

    @Test
    void aSavedLayoutComesBackWithItsSizeAndLogPane() throws Exception {
        Path file = dir.resolve("saved.properties");
        Files.writeString(file, String.join("\n", "arrangement=" + WindowLayout.ARRANGEMENT, "maximized=false",
                "x=60", "y=40", "width=1400", "height=880", "dividers.0=0.6", "dividers.1=0.25,0.7", ""));
        Map<String, double[]> shown = showWindow(file);
        double[] window = shown.get("window");
        assertEquals(1400, window[0], DECORATION, "width " + window[0]);
        assertEquals(880, window[1], DECORATION, "height " + window[1]);
        assertEquals(0.6, shown.get("log-divider")[0], 0.02);
        // And again from what that run saved: the size does not creep by the decorations at each start.
        Map<String, double[]> again = showWindow(file);
        assertEquals(window[0], again.get("window")[0], 2);
        assertEquals(window[1], again.get("window")[1], 2);
    }

    @Test
    void aSavedSizeLargerThanTheScreenIsFittedToIt() throws Exception {
        Path file = dir.resolve("large.properties");
        Files.writeString(file, String.join("\n", "arrangement=" + WindowLayout.ARRANGEMENT, "maximized=false",
                "x=2500", "y=-300", "width=3000", "height=2200", ""));
        Map<String, double[]> shown = showWindow(file);
        double[] window = shown.get("window");
        double[] screen = shown.get("screen");
        assertTrue(window[0] <= screen[0] && window[1] <= screen[1] + 1,
                "the window is " + window[0] + "×" + window[1] + " on a screen of " + screen[0] + "×" + screen[1]);
        assertTrue(window[0] > screen[0] - DECORATION && window[1] > screen[1] - 2 * DECORATION,
                "the window is " + window[0] + "×" + window[1] + " on a screen of " + screen[0] + "×" + screen[1]);
    }

    /** Shows the window in a child JVM and returns what it printed: "window", "scene", "screen", "log-divider". */
    private static Map<String, double[]> showWindow(Path layout) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dprism.order=sw", "-cp", classPath, WindowProbe.class.getName(), layout.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        builder.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        builder.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        builder.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
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

    private static String waitForLine(Path file) throws IOException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (Files.exists(file)) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    return text.lines().findFirst().orElseThrow();
                }
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a file another process writes: no event to wait on
        }
        throw new IOException("Xvfb did not start: " + Files.readString(dir.resolve("xvfb.log")));
    }
}
