package org.rasterdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choices of the {@code ./rasterdesk} launcher, run by bash on a made-up Debian: its files under a fake root,
 * and {@code id}, {@code apt-get}, {@code apt-cache}, {@code sudo} as scripts on a PATH that holds nothing else of
 * the real machine but the plain tools the launcher uses.
 */
class LauncherScriptTest {

    private static final Path LAUNCHER = Path.of("rasterdesk").toAbsolutePath();
    private static final String EXTENSION = "postgresql-15-postgis-3 postgresql-15-postgis-3-scripts";

    @TempDir
    Path dir;

    @Test
    void aServerWithoutTheExtensionGetsTheExtensionPackageNotTheCommandLineTools() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000).server(15).guiLibraries();
        assertEquals(EXTENSION, debian.call("missing_packages", "gui").out());
    }

    @Test
    void aNormalUserWithEverythingInstalledNeedsNothingEvenWithoutSbinOnThePath() throws Exception {
        // runuser lives in /usr/sbin, which a normal user's PATH lacks; only root needs it.
        FakeDebian debian = new FakeDebian(dir).user(1000).server(15).extension(15).guiLibraries();
        assertEquals("", debian.call("missing_packages", "gui").out());
        Run run = debian.call("provision", "gui");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err());
        assertFalse(debian.aptLog().contains("install"));
    }

    @Test
    void aCommandsStartWithEverythingInstalledStartsNoProgram() throws Exception {
        // Every program (and subshell) the launcher starts adds to each command's start: 10-60 ms on a busy machine.
        for (int uid : new int[] {1000, 0}) {
            FakeDebian debian = new FakeDebian(dir.resolve("uid" + uid)).user(uid).server(15).extension(15)
                    .sbinProgram("runuser");
            Run run = debian.call("provision", "cli");
            assertEquals(0, run.exit(), run.err());
            assertEquals("", debian.programLog(), "uid " + uid);
        }
    }

    @Test
    void rootNeedsRunuserWhichIsFoundInSbinWhenNotOnThePath() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(0).server(15).extension(15);
        assertEquals("util-linux", debian.call("missing_packages", "cli").out());
        debian.sbinProgram("runuser");
        assertEquals("", debian.call("missing_packages", "cli").out());
    }

    @Test
    void aNormalUserWithoutSudoIsToldInOneLineWhatToInstallAndNothingRuns() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000).server(15).guiLibraries();
        Run run = debian.call("provision", "gui");
        assertEquals(2, run.exit());
        assertEquals("rasterdesk: missing system packages; install them as root with: apt-get install " + EXTENSION,
                run.err());
        assertEquals("", debian.aptLog());
    }

    @Test
    void rootInstallsTheExtensionOfTheServerFoundAndGoesOn() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(0).server(15).sbinProgram("runuser")
                .onInstall("postgresql-15-postgis-3-scripts", "usr/share/postgresql/15/extension/postgis_raster.control");
        Run run = debian.call("provision", "cli");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("update -qq", "install -y -qq --no-install-recommends " + EXTENSION), debian.aptCalls());
    }

    @Test
    void anInstallThatBringsNoPostgisRasterStopsWithOneSentenceNamingThePackage() throws Exception {
        // As when only Debian's `postgis` (the command-line programs) was installed: apt-get succeeds, nothing appears.
        FakeDebian debian = new FakeDebian(dir).user(0).server(15).sbinProgram("runuser");
        Run run = debian.call("provision", "cli");
        assertEquals(2, run.exit());
        String last = run.err().lines().reduce((a, b) -> b).orElse("");
        assertEquals("rasterdesk: PostGIS raster is still missing for PostgreSQL 15 (no postgis_raster.control); "
                + "install the package postgresql-15-postgis-3-scripts", last);
    }

    @Test
    void withoutAServerTheDefaultVersionAndItsExtensionAreInstalledTogether() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(0).sbinProgram("runuser").defaultServer(15)
                .onInstall("postgresql", "usr/lib/postgresql/15/bin/postgres")
                .onInstall("postgresql-15-postgis-3-scripts", "usr/share/postgresql/15/extension/postgis_raster.control");
        assertEquals("postgresql " + EXTENSION, debian.call("missing_packages", "cli").out());
        Run run = debian.call("provision", "cli");
        assertEquals(0, run.exit(), run.err());
        assertEquals("install -y -qq --no-install-recommends postgresql " + EXTENSION, debian.aptCalls().get(1));
    }

    @Test
    void withoutAptListsTheMetapackagesOfTheDefaultPairAreNamed() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000);
        assertEquals("postgresql postgresql-postgis", debian.call("missing_packages", "cli").out());
    }

    @Test
    void theNewestServerGetsTheExtensionAndAnOlderOneWithItIsEnough() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000).server(13).server(16);
        assertEquals("postgresql-16-postgis-3 postgresql-16-postgis-3-scripts",
                debian.call("missing_packages", "cli").out());
        debian.extension(13);
        assertEquals("", debian.call("missing_packages", "cli").out());
    }

    @Test
    void theTestsAskForGdalXvfbChromiumAndTheWindowLibrariesThatAreMissing() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000).server(15).extension(15);
        assertEquals("gdal-bin xvfb chromium openbox libgtk-3-0 libgl1 libxtst6 libxxf86vm1",
                debian.call("missing_packages", "test").out());
        debian.guiLibraries().pathProgram("gdalwarp").pathProgram("Xvfb").pathProgram("chromium")
                .pathProgram("openbox");
        assertEquals("", debian.call("missing_packages", "test").out());
    }

    @Test
    void packagingAsksForFakerootAndBinutils() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000).server(15).extension(15);
        assertEquals("fakeroot binutils", debian.call("missing_packages", "package").out());
    }

    @Test
    void aUserWithPasswordLessSudoInstallsThroughSudo() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000).server(15).guiLibraries().sudo()
                .onInstall("postgresql-15-postgis-3-scripts", "usr/share/postgresql/15/extension/postgis_raster.control");
        Run run = debian.call("provision", "gui");
        assertEquals(0, run.exit(), run.err());
        assertTrue(debian.aptLog().contains("sudo: install -y -qq --no-install-recommends " + EXTENSION),
                debian.aptLog());
    }

    @Test
    void theDefaultJavaOptionsComeFromTheInstallerFileUnlessTheVariableIsSet() throws Exception {
        FakeDebian debian = new FakeDebian(dir).user(1000);
        String fromFile = Files.readAllLines(Path.of("installer/java-options")).stream()
                .filter(l -> l.startsWith("--java-options "))
                .map(l -> l.substring("--java-options ".length()).strip())
                .reduce((a, b) -> a + " " + b).orElseThrow();
        assertEquals(fromFile, debian.call("java_options").out());
        assertEquals("-Xmx300m", debian.with("RASTERDESK_JAVA_OPTS", "-Xmx300m").call("java_options").out());
    }

    @Test
    void theWindowAndTheCommandsMapTheClassesTheirFirstStartArchived() throws Exception {
        Path cache = dir.resolve("cache");
        FakeDebian debian = new FakeDebian(dir).user(1000).with("XDG_CACHE_HOME", cache.toString());
        for (String kind : List.of("window", "commands")) {
            Path archive = cache.resolve("rasterdesk").resolve(kind + "-classes"
                    + LAUNCHER.getParent().toString().replace('/', '_') + ".jsa");
            String first = debian.call("cds_options", kind).out();
            assertTrue(first.matches("-XX:ArchiveClassesAtExit=" + java.util.regex.Pattern.quote(archive.toString())
                    + "\\.[0-9]+\\.new .*"), "written aside, moved into place at exit: " + first);
            // What the first start's JVM leaves at exit, moved into place, newer than the jar it archived.
            Path written = Path.of(first.split(" ")[0].substring("-XX:ArchiveClassesAtExit=".length()));
            Files.writeString(written, "archive");
            assertEquals(0, debian.call("finish_cds_archive", first.split(" ")).exit());
            assertTrue(Files.exists(archive) && !Files.exists(written), kind);
            Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().plusSeconds(3600)));
            String later = debian.call("cds_options", kind).out();
            assertTrue(later.startsWith("-XX:SharedArchiveFile=" + archive + " "), later);
            assertTrue(later.contains("-Xlog:cds=off"), "the JVM's cds messages stay off the terminal: " + later);
            assertTrue(later.contains("-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0"),
                    "mapped where it was made, not relocated at every start: " + later);
        }
    }

    @Test
    void eachCheckoutKeepsItsOwnClassArchive() throws Exception {
        // An archive maps only onto the class path it was made with: another checkout's must not stand in for it.
        Path cache = dir.resolve("cache");
        FakeDebian debian = new FakeDebian(dir).user(1000).with("XDG_CACHE_HOME", cache.toString());
        Path first = debian.checkout(dir.resolve("first"));
        Path second = debian.checkout(dir.resolve("second"));
        Path sharedBefore = Files.createDirectories(cache.resolve("rasterdesk")).resolve("commands-classes.jsa");
        Files.writeString(sharedBefore, "the one archive all checkouts shared");
        String made = debian.from(first).call("cds_options", "commands").out();
        assertFalse(Files.exists(sharedBefore), "the archive of the former shared name goes");
        Path written = Path.of(made.split(" ")[0].substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(written, "archive of the first");
        assertEquals(0, debian.from(first).call("finish_cds_archive", made.split(" ")).exit());
        Path archive = Path.of(written.toString().replaceFirst("\\.[0-9]+\\.new$", ""));
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().plusSeconds(3600)));

        String secondMakes = debian.from(second).call("cds_options", "commands").out();
        assertTrue(secondMakes.startsWith("-XX:ArchiveClassesAtExit="), secondMakes);
        assertFalse(secondMakes.contains(archive.toString()), "the second writes an archive of its own: " + secondMakes);
        String firstMaps = debian.from(first).call("cds_options", "commands").out();
        assertTrue(firstMaps.startsWith("-XX:SharedArchiveFile=" + archive + " "), firstMaps);
        assertEquals("archive of the first", Files.readString(archive));
    }

    @Test
    void aCheckoutInAFolderWithSpacesGetsAnArchiveNameWithout() throws Exception {
        // The launcher splits the options on spaces where it runs java: a space in the archive's name would break it.
        Path cache = dir.resolve("cache");
        FakeDebian debian = new FakeDebian(dir).user(1000).with("XDG_CACHE_HOME", cache.toString());
        Path checkout = debian.checkout(dir.resolve("My Maps").resolve("raster desk"));
        String made = debian.from(checkout).call("cds_options", "commands").out().strip();
        String first = made.split(" ")[0];
        assertTrue(first.startsWith("-XX:ArchiveClassesAtExit=" + cache.resolve("rasterdesk") + "/commands-classes"),
                made);
        assertTrue(first.contains("My_Maps_raster_desk"), made);
        assertEquals(List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off"),
                List.of(made.split(" ")).subList(1, made.split(" ").length), made);
    }

    /** What a call printed and how it ended. */
    record Run(int exit, String out, String err) {
    }

    /** A made-up Debian machine: a file system root, fake system commands and the plain tools. */
    static final class FakeDebian {
        private static final List<String> TOOLS = List.of("sed", "sort", "tail", "head", "tr", "find", "env",
                "mkdir", "touch", "chmod", "cat", "dirname", "basename", "grep", "true", "rm", "mv");
        private final Path root;
        private final Path bin;
        private final Path hooks;
        private final Path aptLog;
        /** The programs the launcher started (the plain tools and id), one name a line. */
        private final Path programLog;
        private final Map<String, String> environment = new java.util.HashMap<>();
        /** The launcher script the calls source. */
        private Path launcher = LAUNCHER;

        FakeDebian(Path dir) throws IOException {
            root = Files.createDirectories(dir.resolve("root"));
            bin = Files.createDirectories(dir.resolve("bin"));
            hooks = Files.createDirectories(dir.resolve("hooks"));
            aptLog = dir.resolve("apt.log");
            Files.writeString(aptLog, "");
            programLog = dir.resolve("programs.log");
            Files.writeString(programLog, "");
            Path tools = Files.createDirectories(dir.resolve("tools"));
            for (String tool : TOOLS) {
                Path real = Files.exists(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
                // A script rather than a link, which the temporary folder's clean-up would warn about.
                Files.writeString(tools.resolve(tool), "#!/bin/bash\necho " + tool + " >> '" + programLog + "'\nexec "
                        + real + " \"$@\"\n");
                executable(tools.resolve(tool));
            }
            script("dpkg", "exit 0");
            script("apt-get", "echo \"${SUDOED:+sudo: }$*\" >> '" + aptLog + "'\n"
                    + "[ \"$1\" = install ] || exit 0\n"
                    + "for p in \"$@\"; do [ -x '" + hooks + "'/\"$p\" ] && '" + hooks + "'/\"$p\"; done\n"
                    + "exit 0");
            environment.put("PATH", bin + ":" + tools);
            environment.put("RASTERDESK_SYSROOT", root.toString());
        }

        FakeDebian user(int uid) throws IOException {
            script("id", "echo id >> '" + programLog + "'\necho " + uid);
            return this;
        }

        FakeDebian server(int version) throws IOException {
            return file("usr/lib/postgresql/" + version + "/bin/postgres", true);
        }

        FakeDebian extension(int version) throws IOException {
            return file("usr/share/postgresql/" + version + "/extension/postgis_raster.control", false);
        }

        FakeDebian guiLibraries() throws IOException {
            for (String lib : List.of("libgtk-3.so.0", "libGL.so.1", "libXtst.so.6", "libXxf86vm.so.1")) {
                file("usr/lib/x86_64-linux-gnu/" + lib, false);
            }
            return this;
        }

        FakeDebian sbinProgram(String name) throws IOException {
            return file("usr/sbin/" + name, true);
        }

        FakeDebian pathProgram(String name) throws IOException {
            script(name, "exit 0");
            return this;
        }

        /** apt-cache as it answers once the lists name PostgreSQL {@code version} as the default server. */
        FakeDebian defaultServer(int version) throws IOException {
            script("apt-cache", "[ \"$1 $2\" = 'depends postgresql' ] || exit 100\n"
                    + "printf 'postgresql\\n  Depends: postgresql-" + version + "\\n  Suggests: postgresql-doc\\n'");
            return this;
        }

        FakeDebian sudo() throws IOException {
            script("sudo", "[ \"$1\" = -n ] && shift\nexport SUDOED=1\nexec \"$@\"");
            return this;
        }

        /** Installing {@code pkg} makes the file (a program when under a bin folder). */
        FakeDebian onInstall(String pkg, String file) throws IOException {
            Path target = root.resolve(file);
            Path hook = hooks.resolve(pkg);
            Files.writeString(hook, "#!/bin/bash\nmkdir -p '" + target.getParent() + "'\ntouch '" + target
                    + "'\nchmod +x '" + target + "'\n");
            executable(hook);
            return this;
        }

        /** A checkout of RasterDesk in {@code folder}: a copy of the launcher and a built jar. */
        Path checkout(Path folder) throws IOException {
            Files.createDirectories(folder.resolve("target"));
            Files.copy(LAUNCHER, folder.resolve("rasterdesk"));
            Files.writeString(folder.resolve("target").resolve("rasterdesk.jar"), "jar");
            return folder;
        }

        /** The calls from now on source the launcher of this checkout. */
        FakeDebian from(Path checkout) {
            launcher = checkout.resolve("rasterdesk");
            return this;
        }

        FakeDebian with(String variable, String value) {
            environment.put(variable, value);
            return this;
        }

        String programLog() throws IOException {
            return Files.readString(programLog);
        }

        String aptLog() throws IOException {
            return Files.readString(aptLog);
        }

        List<String> aptCalls() throws IOException {
            return aptLog().lines().toList();
        }

        /** Sources the launcher (which then only defines its functions) and calls one of them. */
        Run call(String function, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("/bin/bash", "-c",
                    "source \"$1\"; shift; \"$@\"", "launcher-test", launcher.toString(), function));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().clear();
            pb.environment().putAll(environment);
            Path out = root.resolveSibling("out.txt");
            Path err = root.resolveSibling("err.txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = pb.start();
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the launcher did not return");
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                    Files.readString(err, StandardCharsets.UTF_8).strip());
        }

        private FakeDebian file(String path, boolean program) throws IOException {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
            if (program) {
                executable(file);
            }
            return this;
        }

        private void script(String name, String body) throws IOException {
            Path file = bin.resolve(name);
            Files.writeString(file, "#!/bin/bash\n" + body + "\n");
            executable(file);
        }

        private static void executable(Path file) throws IOException {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
