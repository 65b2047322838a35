package org.rasterdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A command line gets the model of the command it names only, and help still lists every command. */
class RasterDeskCommandTest {

    private static final List<String> ALL = List.of("layers", "parse", "cancel", "delete", "render", "serve",
            "worker");

    @Test
    void namesAreTheCommandsInHelpOrder() {
        assertEquals(ALL, List.copyOf(RasterDeskCommand.names()));
    }

    @Test
    void aNamedCommandGetsOnlyItsOwnModel() {
        assertEquals(Set.of("parse"),
                RasterDeskCommand.commandLine("parse", "--name", "x", "a.tif").getSubcommands().keySet());
        assertEquals(Set.of("worker"), RasterDeskCommand.commandLine("worker", "--help").getSubcommands().keySet());
    }

    @Test
    void optionsOrNoCommandGetEveryCommand() {
        assertEquals(ALL, List.copyOf(RasterDeskCommand.commandLine("--help").getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(RasterDeskCommand.commandLine().getSubcommands().keySet()));
        assertEquals(ALL, List.copyOf(RasterDeskCommand.commandLine("pars").getSubcommands().keySet()));
    }

    @Test
    void helpListsEveryCommandAndACommandsHelpWorks() {
        String help = out(() -> assertEquals(0, RasterDeskCommand.run("--help")));
        for (String name : ALL) {
            assertTrue(help.contains("  " + name), name + " in:\n" + help);
        }
        String parseHelp = out(() -> assertEquals(0, RasterDeskCommand.run("parse", "--help")));
        assertTrue(parseHelp.contains("Usage: rasterdesk parse"), parseHelp);
    }

    private static String out(Runnable action) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
