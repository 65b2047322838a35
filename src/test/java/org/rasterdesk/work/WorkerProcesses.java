package org.rasterdesk.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rasterdesk.db.ConnectionSettings;
import org.rasterdesk.db.TestDatabase;

/**
 * Real {@code rasterdesk} processes on the test PostGIS, as tests of workers start them: workers (their output
 * under target/worker-logs for whoever looks into a failure) and one-off commands.
 */
public final class WorkerProcesses {

    private WorkerProcesses() {
    }

    /** A {@code rasterdesk worker} on the test database, its output in target/worker-logs/worker-NAME.log. */
    public static Process startWorker(String name, String... options) throws IOException {
        Path logs = Files.createDirectories(Path.of("target", "worker-logs"));
        List<String> command = command("worker", "--db", url());
        command.addAll(List.of(options));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve("worker-" + name + ".log").toFile()).start();
    }

    /** Runs a command to its end and returns its output; it must succeed. */
    public static String run(String... args) throws Exception {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
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
