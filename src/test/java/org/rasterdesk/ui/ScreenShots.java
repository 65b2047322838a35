package org.rasterdesk.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testfx.util.WaitForAsyncUtils;

/** Pictures of the screen that window tests take when they run on a real X display, for the docs. */
final class ScreenShots {

    private ScreenShots() {
    }

    /** A picture of the whole screen, when the tests run with rasterdesk.test.screenshots=DIR; else nothing. */
    static void shot(String name) throws Exception {
        String dir = System.getProperty("rasterdesk.test.screenshots");
        if (dir == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        Files.createDirectories(Path.of(dir));
        new ProcessBuilder("import", "-window", "root", Path.of(dir, name + ".png").toString()).inheritIO().start()
                .waitFor(30, TimeUnit.SECONDS);
    }
}
