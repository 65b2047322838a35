package org.rasterdesk;

import java.nio.file.Path;
import org.rasterdesk.cli.ConsoleOutput;
import org.rasterdesk.cli.RasterDeskCommand;
import org.rasterdesk.system.AppLogging;

/**
 * Entry point of the plain jar: the window without arguments or with raster files to add, else a headless command.
 * It is not the JavaFX Application class, which the JVM refuses to start from the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (RasterDeskCommand.isIdleStop(args)) {
            // The installed program has no java command of its own to start the idle stop with: it starts itself.
            RasterDeskCommand.idleStop(args);
            return;
        }
        // Before logging and the commands take hold of the streams: they print in the terminal's charset.
        ConsoleOutput.install();
        AppLogging.configure();
        LaunchRequest request = LaunchRequest.of(args, RasterDeskCommand.names(), Path.of(""));
        if (request.window()) {
            // Files to open go the way of RASTERDESK_ADD: the window adds them once the database is open, as a drop.
            if (!request.files().isEmpty()) {
                System.setProperty("rasterdesk.add", request.filesSetting());
            }
            org.rasterdesk.ui.RasterDeskApp.launchApp(new String[0]);
            return;
        }
        // The window warms the EPSG database up once it is usable: on two cores the warm-up slowed its start.
        org.rasterdesk.raster.ReferencingWarmUp.start();
        System.exit(RasterDeskCommand.run(args));
    }
}
