package org.rasterdesk.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The app's debug log (stack traces, library chatter) goes to a file in the data folder; the console shows only
 * warnings, so that the command line output stays the user's.
 */
public final class AppLogging {
    private AppLogging() {
    }

    public static Path logFile() {
        return AppPaths.dataDir().resolve("rasterdesk.log");
    }

    /**
     * Whether a record reaches the terminal: only RasterDesk's own warnings. Libraries' (HikariCP's stack traces
     * while a database restarts, Apache SIS's notes on optional datum shift grids) go to the log file only.
     */
    static boolean onConsole(java.util.logging.LogRecord record) {
        String name = record.getLoggerName();
        return name == null || name.startsWith("org.rasterdesk");
    }

    public static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        // Derby (under Apache SIS's EPSG database) writes derby.log into the working folder, or onto the console
        // where that folder is not writable: its log belongs with ours.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", logFile().resolveSibling("derby.log").toString());
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.WARNING);
        console.setFormatter(new SimpleFormatter());
        console.setFilter(AppLogging::onConsole);
        root.addHandler(console);
        try {
            Files.createDirectories(logFile().getParent());
            FileHandler file = new FileHandler(logFile().toString(), true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.ALL);
            root.addHandler(file);
        } catch (IOException e) {
            root.warning("No debug log file: " + e.getMessage());
        }
    }
}
