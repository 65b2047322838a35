package org.rasterdesk.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PostgreSQL server programs, as an unprivileged OS user when RasterDesk itself runs as root (the
 * server refuses to run as root).
 */
final class CommandRunner {

    /** Output and exit code of a finished command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** runuser by its path where Debian keeps it: /usr/sbin is on root's PATH only in a login shell. */
    private static final String RUNUSER = java.nio.file.Files.isExecutable(Path.of("/usr/sbin/runuser"))
            ? "/usr/sbin/runuser" : "runuser";

    private final String runAsUser;

    /** @param runAsUser the OS user to run as, or null to run as the current user */
    CommandRunner(String runAsUser) {
        this.runAsUser = runAsUser;
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The runner this process needs: as the postgres user when root, else as itself. */
    static CommandRunner forCurrentUser() {
        return new CommandRunner(isRoot() ? "postgres" : null);
    }

    String runAsUser() {
        return runAsUser;
    }

    Result run(long timeoutSeconds, Path workingDir, String... command) throws IOException {
        return run(timeoutSeconds, workingDir, java.util.Map.of(), command);
    }

    /** As {@link #run(long, Path, String...)}, with variables added to the command's environment. */
    Result run(long timeoutSeconds, Path workingDir, java.util.Map<String, String> environment, String... command)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (runAsUser != null) {
            full.add(RUNUSER);
            full.add("-u");
            full.add(runAsUser);
            full.add("--");
        }
        full.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        // runuser without --login keeps the environment, so the variables reach the other user's command too.
        pb.environment().putAll(environment);
        if (workingDir != null) {
            pb.directory(workingDir.toFile());
        }
        Process process = pb.start();
        process.getOutputStream().close();
        // pg_ctl start leaves the server holding inherited descriptors open only when it is told to log to
        // stdout; we always pass -l, so reading to the end terminates.
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("Timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command[0], e);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8).strip());
    }

    /** Makes a folder that the server's OS user owns and only it can enter. */
    void ownDirectory(Path dir) throws IOException {
        java.nio.file.Files.createDirectories(dir);
        chown(dir);
    }

    /** Gives a file or folder (recursively) to the server's OS user. */
    void chown(Path path) throws IOException {
        if (runAsUser != null) {
            Result r = new CommandRunner(null).run(30, null, "chown", "-R", runAsUser, path.toString());
            if (!r.ok()) {
                throw new IOException("Cannot give " + path + " to user " + runAsUser + ": " + r.output());
            }
        }
    }

    /** Whether the server's OS user can write into the folder (every parent must be searchable). */
    boolean canWrite(Path dir) throws IOException {
        if (runAsUser == null) {
            return java.nio.file.Files.isWritable(dir);
        }
        return run(30, null, "test", "-w", dir.toString()).ok();
    }
}
