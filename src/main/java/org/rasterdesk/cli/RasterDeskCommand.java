package org.rasterdesk.cli;

import org.rasterdesk.system.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless commands of RasterDesk, over the same engine as the window. */
@Command(name = "rasterdesk", mixinStandardHelpOptions = true, versionProvider = RasterDeskCommand.VersionInfo.class,
        description = "Publish rasters as z/x/y tile pyramids in PostGIS, django-raster compatible.",
        subcommands = {LayersCommand.class, ParseCommand.class, RenderCommand.class, ServeCommand.class,
                WorkerCommand.class})
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

    /**
     * The command line that {@link #names()} built, for the {@link #run} that follows it: picocli builds its model of
     * every command by reflection, a tenth of a small parse's CPU when done twice.
     */
    private static final java.util.concurrent.atomic.AtomicReference<CommandLine> PREPARED =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** The names of the headless commands (layers, parse, ...). */
    public static java.util.Set<String> names() {
        CommandLine commandLine = new CommandLine(new RasterDeskCommand());
        PREPARED.set(commandLine);
        return java.util.Set.copyOf(commandLine.getSubcommands().keySet());
    }

    public static int run(String... args) {
        // Used once: a command line keeps what it parsed.
        CommandLine prepared = PREPARED.getAndSet(null);
        CommandLine commandLine = prepared != null ? prepared : new CommandLine(new RasterDeskCommand());
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
