package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;

/**
 * Real {@code rasterdesk} processes on the test PostGIS, as tests of workers start them: workers (their output
 * under target/worker-logs for whoever looks into a failure) and one-off commands. An instance owns the workers it
 * started: it waits for them to count as live, kills one as a crash would, and stops the rest when closed.
 */
public final class WorkerProcesses implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** A worker of this set, stopped by {@link #close()}. */
    public Process start(String name, String... options) throws IOException {
        Process p = startWorker(name, options);
        started.add(p);
        return p;
    }

    /**
     * Waits until exactly {@code count} workers are live in the database's eyes (their heartbeats are recent),
     * while every worker of this set still runs.
     */
    public void awaitLive(DataSource dataSource, int count, String why) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        int live = JobQueue.liveWorkers(dataSource);
        while (live != count) {
            assertTrue(System.nanoTime() < deadline, why + ": " + live + " live workers, not " + count
                    + "; see target/worker-logs");
            assertAlive();
            Thread.sleep(200);
            live = JobQueue.liveWorkers(dataSource);
        }
    }

    /** Asserts that every worker of this set still runs. */
    public void assertAlive() {
        for (Process p : started) {
            assertTrue(p.isAlive(), "worker " + p.pid() + " stopped; see target/worker-logs");
        }
    }

    /**
     * Ends a worker of this set with SIGKILL, as a crash or a pulled plug would, and waits until it is gone.
     *
     * @return the worker killed
     */
    public Process kill(long pid) throws Exception {
        Process victim = started.stream().filter(p -> p.pid() == pid).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no worker " + pid + " of this set"));
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        assertTrue(victim.waitFor(30, TimeUnit.SECONDS), "worker " + pid + " outlived SIGKILL");
        started.remove(victim);
        return victim;
    }

    /** Stops the workers of this set as SIGTERM does, then forcibly those still running after a minute. */
    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        started.clear();
    }

    /**
     * A {@code rasterdesk worker} on the test database, its output in target/worker-logs/worker-NAME.log; its
     * sessions are named {@link #sessionName worker-NAME} in pg_stat_activity.
     */
    public static Process startWorker(String name, String... options) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "worker-logs"));
        List<String> command = command("worker", "--db", url() + "&ApplicationName=" + sessionName(name));
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("worker-" + name + ".log").toFile()).start();
    }

    /** The application name of a worker's database sessions. */
    public static String sessionName(String name) {
        return "worker-" + name;
    }

    /** Runs a command to its end and returns its output; it must succeed. */
    public static String run(String... args) throws Exception {
        Result result = attempt(args);
        assertEquals(0, result.exit(), result.out());
        return result.out();
    }

    /** What a command that may fail said, and its exit code. */
    public record Result(int exit, String out) {
    }

    /** Runs a command to its end, whether it succeeds or not. */
    public static Result attempt(String... args) throws Exception {
        return attemptWith(Map.of(), args);
    }

    /** Runs a command to its end with these environment variables set, whether it succeeds or not. */
    public static Result attemptWith(Map<String, String> environment, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process p = builder.start();
        // The command writes in its locale's charset: UTF-8 here, or ASCII, a part of it.
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    /** The test database's JDBC URL with its login, as {@code --db} takes it. */
    public static String url() {
        ConnectionSettings db = TestDatabase.shared().settings();
        return db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.rasterdesk.Launcher"));
        command.addAll(List.of(args));
        return command;
    }
}
