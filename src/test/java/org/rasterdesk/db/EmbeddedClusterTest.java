package org.rasterdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("slow")
class EmbeddedClusterTest {

    private Path dir;
    private EmbeddedCluster first;

    @BeforeEach
    void newFolder() throws IOException {
        dir = TestDatabase.scratchDir("pg-lifecycle");
        if (Files.exists(dir.resolve("server/data/postmaster.pid"))) {
            new EmbeddedCluster(dir, false, installation()).stop();
        }
        deleteTree(dir);
        first = new EmbeddedCluster(dir, false, installation());
    }

    @AfterEach
    void stopIt() throws Exception {
        first.stop();
        // A watcher ends once the server is gone; the next test deletes its folder.
        watched(false);
    }

    /**
     * Waits (a while at most: a watcher is a JVM of its own, slow to start on a busy machine) until a watcher process
     * watches the cluster, or none does; whether it came to be.
     */
    private boolean watched(boolean wanted) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (IdleShutdown.isWatched(dir) != wanted) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Test
    void startsASecondInstanceOnTheRunningClusterAndStopsWhenTheLastLeaves() throws Exception {
        ConnectionSettings a = first.start();
        assertTrue(first.isRunning());
        try (Database db = Database.open(a, false)) {
            EmbeddedCluster second = new EmbeddedCluster(dir, false, installation());
            ConnectionSettings b = second.start();
            assertEquals(a.jdbcUrl(), b.jdbcUrl(), "the second instance joins the same server");
            assertEquals(1, countServers(), "no second server on the same folder");
            assertFalse(second.stopIfUnused(), "the first instance still has connections");
            assertTrue(second.isRunning());
            execute(a, "CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
        }
        assertTrue(first.stopIfUnused(), "nobody else uses it");
        assertFalse(first.isRunning());
        ConnectionSettings again = first.start();
        assertEquals("42", queryOne(again, "SELECT v FROM kept"));
    }

    @Test
    void theServerPreloadsPostgisAndRastersWorkInEverySession() throws Exception {
        ConnectionSettings s = first.start();
        String preloaded = installation().postgisLibraries();
        assertEquals(preloaded, queryOne(s, "SHOW shared_preload_libraries"));
        assertEquals("postgis-3,postgis_raster-3", preloaded, "Debian's server has both libraries in its lib folder");
        try (Database db = Database.open(s, true, false)) {
            for (int session = 0; session < 2; session++) {
                assertEquals("3", queryOne(s, "SELECT ST_Width(ST_MakeEmptyRaster(3, 2, 0, 0, 1))"));
                assertEquals("POLYGON((0 0,3 0,3 -2,0 -2,0 0))", queryOne(s,
                        "SELECT ST_AsText(ST_ConvexHull(ST_MakeEmptyRaster(3, 2, 0, 0, 1)))"));
            }
        }
    }

    @Test
    void theServerAndItsSessionsRunWithTheMallocSettingsAfterAStartAndARestart() throws Exception {
        String tunables = EmbeddedCluster.serverEnvironment().get("GLIBC_TUNABLES");
        assertTrue(tunables.startsWith("glibc.malloc.mmap_threshold=8388608:glibc.malloc.trim_threshold=33554432"),
                tunables);
        // The whole variable reaches a command run as the server's user (through runuser when root).
        String env = CommandRunner.forCurrentUser().run(30, null, EmbeddedCluster.serverEnvironment(), "env").output();
        assertTrue(env.lines().anyMatch(("GLIBC_TUNABLES=" + tunables)::equals), env);
        ConnectionSettings s = first.start();
        // PostgreSQL writes its process titles over the end of the environment's memory, so only the start of the
        // variable can be read back from a session's process.
        assertTrue(backendEnvironment(s).contains("GLIBC_TUNABLES=glibc.malloc."), "a session of the started server");
        first.restart();
        assertTrue(backendEnvironment(s).contains("GLIBC_TUNABLES=glibc.malloc."),
                "a session of the restarted server");
    }

    @Test
    void theServerRunsWithItsWriteSettingsAfterAStartAndARestart() throws Exception {
        java.util.Map<String, String> settings = EmbeddedCluster.serverSettings();
        assertEquals("2048MB", settings.get("max_wal_size"));
        ConnectionSettings s = first.start();
        for (int run = 0; run < 2; run++) {
            for (var setting : settings.entrySet()) {
                assertEquals(setting.getValue(), queryOne(s, "SELECT setting || coalesce(unit, '') FROM pg_settings "
                        + "WHERE name = '" + setting.getKey() + "'"), setting.getKey() + (run == 0 ? "" : " restarted"));
            }
            first.restart();
        }
    }

    /** The environment of the server process that serves a new session, one variable a line. */
    private static String backendEnvironment(ConnectionSettings s) throws Exception {
        // The session's process lives only while it is open: its environment is read meanwhile.
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return Files.readString(Path.of("/proc", rs.getString(1), "environ"),
                    java.nio.charset.StandardCharsets.ISO_8859_1).replace('\0', '\n');
        }
    }

    @Test
    void postgisIsPreloadedOnlyWhenBothLibrariesAreThere() throws IOException {
        Path root = dir.resolveSibling(dir.getFileName() + "-made-up");
        deleteTree(root);
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("lib"));
        PostgresInstallation made = new PostgresInstallation(root.resolve("bin"), 15, true);
        assertEquals("", made.postgisLibraries(), "a server told to preload a missing file does not start");
        Files.writeString(root.resolve("lib/postgis-3.so"), "");
        assertEquals("", made.postgisLibraries());
        Files.writeString(root.resolve("lib/postgis_raster-3.so"), "");
        assertEquals("postgis-3,postgis_raster-3", made.postgisLibraries());
        deleteTree(root);
    }

    @Test
    void theNextCommandReusesTheServerWhichStopsOnceIdleForItsIdleTime() throws Exception {
        ConnectionSettings a = first.start();
        long server = serverPid();
        // The last user leaves with an idle time far beyond any wait of this test: the next command finds the server
        // running however late a busy machine lets it come (with 12 s, the watcher's start and the next command's
        // took longer now and then, the server had stopped, and the next command started a new one).
        first.leave(java.time.Duration.ofHours(1));
        assertTrue(first.isRunning(), "the server outlives the last process that used it");
        assertTrue(watched(true), "a watcher process stops it later");

        EmbeddedCluster next = new EmbeddedCluster(dir, false, installation());
        ConnectionSettings b = next.start();
        assertEquals(a.jdbcUrl(), b.jdbcUrl(), "the next command joins the running server");
        assertEquals(server, serverPid(), "no new server was started");

        // The hour's watcher goes; a command that comes and leaves with a short idle time, while the next one still
        // uses the server, starts the watcher of the rest of the test.
        endWatchers();
        java.time.Duration idle = java.time.Duration.ofSeconds(12);
        EmbeddedCluster passing = new EmbeddedCluster(dir, false, installation());
        passing.start();
        passing.leave(idle);
        assertTrue(watched(true), "the short idle time's watcher");
        // Twice the idle time while the next command uses it: a server in use is never stopped.
        Thread.sleep(2 * idle.toMillis());
        assertTrue(next.isRunning(), "in use, the server stays up past its idle time");
        assertEquals("1", queryOne(b, "SELECT 1"));
        assertEquals(Integer.toString(ScramVerifier.EMBEDDED_ITERATIONS), queryOne(b, "SELECT split_part(split_part("
                + "rolpassword, '$', 2), ':', 1) FROM pg_authid WHERE rolname = current_user"),
                "the login's verifier is ours, and a login with the password passes it");

        next.leave(idle);
        ProcessHandle.of(server).ifPresent(p -> p.onExit().orTimeout(180, java.util.concurrent.TimeUnit.SECONDS)
                .join());
        assertFalse(next.isRunning(), "idle for its idle time, the server stopped");
        assertTrue(watched(false), "and its watcher ended with it");
        ConnectionSettings again = new EmbeddedCluster(dir, false, installation()).start();
        assertEquals("1", queryOne(again, "SELECT 1"), "and starts again for the next command");
    }

    /** Another program binds the port between the look for a free one and the server's start: another is tried. */
    @Test
    void startsOnAnotherPortWhenItsPortIsTakenBeforeItListens() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger asked = new AtomicInteger();
            first.ports = () -> {
                if (asked.getAndIncrement() == 0) {
                    return taken.getLocalPort();
                }
                try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    return free.getLocalPort();
                }
            };
            ConnectionSettings s = first.start();
            assertEquals(2, asked.get(), "a second port was looked for");
            assertFalse(s.jdbcUrl().contains(":" + taken.getLocalPort() + "/"), s.jdbcUrl());
            assertEquals("1", queryOne(s, "SELECT 1"));
        }
    }

    @Test
    void recoversAfterTheServerWasKilled() throws Exception {
        ConnectionSettings s = first.start();
        execute(s, "CREATE TABLE survivor (v int); INSERT INTO survivor VALUES (7)");
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("server/data/postmaster.pid")).get(0).trim());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        server.onExit().get();
        assertFalse(first.isRunning());
        assertTrue(Files.exists(dir.resolve("server/data/postmaster.pid")), "the kill leaves a stale pid file");

        ConnectionSettings after = new EmbeddedCluster(dir, false, installation()).start();
        assertEquals("7", queryOne(after, "SELECT v FROM survivor"));
        assertEquals("t", queryOne(after, "SELECT count(*) = 2 FROM pg_extension "
                + "WHERE extname IN ('postgis', 'postgis_raster')"));
    }

    /** Ends the watcher processes of this cluster as SIGTERM does, and waits until none watches it. */
    private void endWatchers() throws Exception {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            for (ProcessHandle p : all.filter(p -> p.info().commandLine().map(cmd -> cmd.contains(
                    IdleShutdown.class.getName()) && cmd.contains(dir.toString())).orElse(false)).toList()) {
                p.destroy();
                p.onExit().get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        assertTrue(watched(false), "the watcher ended");
    }

    private long serverPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("server/data/postmaster.pid")).get(0).trim());
    }

    private static PostgresInstallation installation() {
        return PostgresInstallation.find().orElseThrow();
    }

    private long countServers() {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            // A session's process has its server's command line until it names itself, a moment after its fork
            // (longer with PostGIS preloaded): it is the child of a server, not one.
            return all.filter(p -> isServerOfThisFolder(p)
                    && !p.parent().map(this::isServerOfThisFolder).orElse(false)).count();
        }
    }

    private boolean isServerOfThisFolder(ProcessHandle p) {
        return p.info().commandLine().map(cmd -> cmd.contains("/postgres ")
                && cmd.contains(dir.resolve("server/data").toString())).orElse(false);
    }

    private static void execute(ConnectionSettings s, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String queryOne(ConnectionSettings s, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.createDirectories(root);
    }
}
