package org.rasterdesk;

import org.rasterdesk.cli.RasterDeskCommand;
import org.rasterdesk.system.AppLogging;

/**
 * Entry point of the plain jar: the window without arguments, else a headless command. It is not the JavaFX
 * Application class, which the JVM refuses to start from the class path.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        AppLogging.configure();
        org.rasterdesk.raster.ReferencingWarmUp.start();
        if (args.length == 0) {
            org.rasterdesk.ui.RasterDeskApp.launchApp(args);
            return;
        }
        System.exit(RasterDeskCommand.run(args));
    }
}
