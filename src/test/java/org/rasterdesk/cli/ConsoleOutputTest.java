package org.rasterdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rasterdesk.parse.ParsedFile;
import org.rasterdesk.work.WorkerProcesses;

/**
 * The command line's output reads right under any locale: characters the terminal's charset lacks come out as
 * their nearest ASCII ("rows 5-7", "28x28 tiles"), not as "?", and a UTF-8 terminal gets them as they are.
 */
class ConsoleOutputTest {

    private static final String LINE = "Worker a:1 made zoom 12 rows 5–7 (28×28 tiles, ±1 °, “café” … ²)";

    @Test
    void charactersAnAsciiTerminalLacksBecomeTheirNearestAscii() {
        assertEquals("Worker a:1 made zoom 12 rows 5-7 (28x28 tiles, +/-1  deg, \"cafe\" ... 2)",
                ConsoleOutput.fit(LINE, StandardCharsets.US_ASCII.newEncoder()));
        // Latin-1 has the multiplication sign, the plus-minus sign and the accent, not the dash or the quotes.
        assertEquals("Worker a:1 made zoom 12 rows 5-7 (28×28 tiles, ±1 °, \"café\" ... ²)",
                ConsoleOutput.fit(LINE, StandardCharsets.ISO_8859_1.newEncoder()));
        assertEquals(LINE, ConsoleOutput.fit(LINE, StandardCharsets.UTF_8.newEncoder()));
        assertEquals("?", ConsoleOutput.fit("你", StandardCharsets.US_ASCII.newEncoder()));
    }

    @Test
    void everyWayTextReachesTheStreamIsFitted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = ConsoleOutput.printStream(bytes, StandardCharsets.US_ASCII);
        out.println("rows 5–7");
        out.printf("%d×%d%n", 2, 3);
        out.print('–');
        out.println(new char[] {'…'});
        out.append("a → b").println();
        out.println((Object) "c — d");
        out.flush();
        assertEquals(String.join(System.lineSeparator(), "rows 5-7", "2x3", "-...", "a -> b", "c -- d", ""),
                bytes.toString(StandardCharsets.US_ASCII));
    }

    /** The parse's log, printed by {@code rasterdesk parse} in the C locale and in a UTF-8 one. */
    @Test
    @Tag("slow")
    void theParseLogReadsRightInTheCLocaleAndInAUtf8One() throws Exception {
        String file = ParsedFile.data("real/django_raster_test.tif").toString();
        WorkerProcesses.Result ascii = WorkerProcesses.attemptWith(Map.of("LC_ALL", "C", "LANG", "C"), "parse",
                "--db", WorkerProcesses.url(), "--yes", "--datatype", "ca", "--no-store-reprojected", "--name",
                "printed in the C locale", file);
        assertEquals(0, ascii.exit(), ascii.out());
        assertTrue(Pattern.compile("\\(\\d+x\\d+ tiles\\)").matcher(ascii.out()).find(), ascii.out());
        assertFalse(Pattern.compile("\\d\\?\\d").matcher(ascii.out()).find(), ascii.out());
        assertTrue(ascii.out().chars().allMatch(c -> c < 128), ascii.out());

        WorkerProcesses.Result utf8 = WorkerProcesses.attemptWith(Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8"),
                "parse", "--db", WorkerProcesses.url(), "--yes", "--datatype", "ca", "--no-store-reprojected",
                "--name", "printed in a UTF-8 locale", file);
        assertEquals(0, utf8.exit(), utf8.out());
        assertTrue(Pattern.compile("\\(\\d+×\\d+ tiles\\)").matcher(utf8.out()).find(), utf8.out());
    }
}
