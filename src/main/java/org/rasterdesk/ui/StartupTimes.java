package org.rasterdesk.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * Start-up moments written for the start-up benchmark ({@code scripts/startup-benchmark.sh}): with the launch setting
 * {@code rasterdesk.startup.times} ({@code RASTERDESK_STARTUP_TIMES}) naming a file, a line "{@code NAME EPOCH_MS}" is
 * appended when the window is shown and when it is usable (the database open and its layers listed), and the
 * application then quits, so that the benchmark can start it again.
 */
final class StartupTimes {

    private static final Logger LOG = Logger.getLogger(StartupTimes.class.getName());

    private final Path file;

    private StartupTimes(Path file) {
        this.file = file;
    }

    /** The recorder the launch settings ask for; null when they ask for none. */
    static StartupTimes fromSettings() {
        String file = LaunchSetting.get("rasterdesk.startup.times", "RASTERDESK_STARTUP_TIMES");
        return file == null ? null : new StartupTimes(Path.of(file));
    }

    void record(String moment) {
        String line = moment + " " + System.currentTimeMillis() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warning("Cannot write the start-up times to " + file + ": " + e.getMessage());
        }
    }
}
