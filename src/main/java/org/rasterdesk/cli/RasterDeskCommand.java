package org.rasterdesk.cli;

import org.rasterdesk.system.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless commands of RasterDesk, over the same engine as the window. */
@Command(name = "rasterdesk", mixinStandardHelpOptions = true, versionProvider = RasterDeskCommand.VersionInfo.class,
        description = "Publish rasters as z/x/y tile pyramids in PostGIS, django-raster compatible.",
        footer = {"", "Without --db, commands use the embedded database in the user's data folder. Its server keeps "
                + "running for 5 minutes after the last command or window left it, so that the next one finds it "
                + "up; RASTERDESK_DB_IDLE=SECONDS sets that time (0 stops it when the last one leaves)."})
public final class RasterDeskCommand implements Runnable {

    /**
     * The headless commands, in the order the help lists them. They are not the annotation's subcommands: picocli
     * builds its model of a command by reflection, and the model of all of them took a fifth of the main thread's Java
     * samples of a small parse (JFR); a command line that names one gets that one only.
     */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(LayersCommand.class,
            ParseCommand.class, CancelCommand.class, DeleteCommand.class, RenderCommand.class, ServeCommand.class,
            WorkerCommand.class);

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
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Class<?> command : COMMANDS) {
            names.add(command.getAnnotation(Command.class).name());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The command line for these arguments: the command they name, else all of them (for help and errors). */
    static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new RasterDeskCommand());
        for (Class<?> command : COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            if (args.length == 0 || !names().contains(args[0]) || name.equals(args[0])) {
                commandLine.addSubcommand(name, command);
            }
        }
        return commandLine;
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
        CommandLine commandLine = commandLine(args);
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
