package org.rasterdesk.cli;

import org.rasterdesk.system.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless commands of RasterDesk, over the same engine as the window. */
@Command(name = "rasterdesk", mixinStandardHelpOptions = true, versionProvider = RasterDeskCommand.VersionInfo.class,
        description = "Publish rasters as z/x/y tile pyramids in PostGIS, django-raster compatible.",
        footer = {"", "Without --db, commands use the embedded database in the user's data folder. Its server keeps "
                + "running for 5 minutes after the last command or window left it, so that the next one finds it "
                + "up; RASTERDESK_DB_IDLE=SECONDS sets that time (0 stops it when the last one leaves)."},
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

    /** Whether the arguments start the embedded database's idle stop rather than a command. */
    public static boolean isIdleStop(String... args) {
        return args.length > 0 && org.rasterdesk.db.IdleShutdown.ARGUMENT.equals(args[0]);
    }

    /** Watches the embedded database for its idle stop ({@link org.rasterdesk.db.IdleShutdown}) until it stops. */
    public static void idleStop(String... args) throws Exception {
        org.rasterdesk.db.IdleShutdown.main(java.util.Arrays.copyOfRange(args, 1, args.length));
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
