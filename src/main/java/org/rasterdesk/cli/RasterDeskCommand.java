package org.rasterdesk.cli;

import org.rasterdesk.system.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless commands of RasterDesk, over the same engine as the window. */
@Command(name = "rasterdesk", mixinStandardHelpOptions = true, versionProvider = RasterDeskCommand.VersionInfo.class,
        description = "Publish rasters as z/x/y tile pyramids in PostGIS, django-raster compatible.",
        subcommands = {LayersCommand.class, ParseCommand.class, CancelCommand.class, RenderCommand.class,
                ServeCommand.class, WorkerCommand.class})
public final class RasterDeskCommand implements Runnable {

    /** Prints the version for --version. */
    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"RasterDesk " + Version.current() + " (Java " + Runtime.version() + ")"};
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The names of the headless commands (layers, parse, ...). */
    public static java.util.Set<String> names() {
        return java.util.Set.copyOf(new CommandLine(new RasterDeskCommand()).getSubcommands().keySet());
    }

    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new RasterDeskCommand());
        // A failure is one line for the user; the stack trace goes to the debug log.
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            java.util.logging.Logger.getLogger(RasterDeskCommand.class.getName())
                    .log(java.util.logging.Level.INFO, "Command failed", e);
            String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            cmd.getErr().println("rasterdesk: " + message);
            return 1;
        });
        return commandLine.execute(args);
    }
}
