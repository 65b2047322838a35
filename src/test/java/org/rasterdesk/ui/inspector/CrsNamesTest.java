package org.rasterdesk.ui.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sis.referencing.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRS names of the details and the form: SIS's own names in the same words as ever, and in a later run read
 * from the referencing cache without opening SIS's EPSG database (Derby), which costs seconds of CPU per process.
 */
class CrsNamesTest {

    private static final String PROJCS = "PROJCS[\"Lambert Conformal Conic\",GEOGCS[\"GCS_unknown\"]]";

    @TempDir
    Path dir;

    @Test
    void theTextsAreSissNamesInTheWordsTheWindowShows() throws Exception {
        assertEquals("EPSG:4326 — WGS 84", CrsNames.describe(4326, null));
        assertEquals("EPSG:32633 — " + CRS.forCode("EPSG:32633").getName().getCode(), CrsNames.describe(32633, null));
        assertEquals("EPSG:32633 — WGS 84 / UTM zone 33N", CrsNames.describe(32633, null));
        assertEquals("EPSG:3086 — NAD83 / Florida GDL Albers", CrsNames.describe(3086, "PROJCS[\"other\"]"));
        assertEquals("EPSG:999999 (not in the EPSG database)", CrsNames.describe(999999, null));
        assertEquals("Lambert Conformal Conic (no EPSG code)", CrsNames.describe(null, PROJCS));
        assertEquals("Lambert Conformal Conic (no EPSG code)", CrsNames.describe(0, PROJCS));
        assertEquals("unknown", CrsNames.describe(null, null));
    }

    /**
     * Two processes on one cache: the first opens the EPSG database and keeps the names, known codes and unknown
     * alike; the second gives the same texts without loading a class of Derby or of SIS's EPSG factory.
     */
    @Test
    void aLaterProcessNamesFromTheCacheWithoutTheEpsgDatabase() throws Exception {
        Path cache = dir.resolve("referencing");
        Run first = run(cache, "first");
        Run second = run(cache, "second");

        List<String> expected = List.of("EPSG:4326 — WGS 84", "EPSG:32633 — WGS 84 / UTM zone 33N",
                "EPSG:3086 — NAD83 / Florida GDL Albers", "EPSG:999999 (not in the EPSG database)");
        assertEquals(expected, first.texts());
        assertEquals(expected, second.texts());
        assertTrue(first.openedEpsgDatabase(), "the class log shows the first process opening the database");
        assertFalse(second.openedEpsgDatabase(), "the second process opens no EPSG database: "
                + second.epsgClasses());
    }

    private record Run(List<String> texts, List<String> epsgClasses) {
        boolean openedEpsgDatabase() {
            return !epsgClasses.isEmpty();
        }
    }

    private Run run(Path cache, String name) throws IOException, InterruptedException {
        Path classLog = dir.resolve(name + "-classes.log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-Drasterdesk.referencing.cache=" + cache,
                "-cp", classPath, NameCodes.class.getName(), "4326", "32633", "3086", "999999"))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the " + name + " process ended");
        assertEquals(0, p.exitValue(), output);
        List<String> texts = output.lines().filter(l -> l.startsWith("crs: ")).map(l -> l.substring(5)).toList();
        List<String> epsg = Files.readAllLines(classLog).stream()
                .filter(l -> l.contains("org.apache.derby.") || l.contains("org.apache.sis.referencing.factory.sql."))
                .toList();
        return new Run(texts, epsg);
    }

    /** A process that names the EPSG codes of its arguments as the details do, one line each. */
    public static final class NameCodes {
        public static void main(String[] args) {
            java.io.PrintStream out = new java.io.PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
            for (String code : args) {
                out.println("crs: " + CrsNames.describe(Integer.valueOf(code), null));
            }
        }
    }
}
