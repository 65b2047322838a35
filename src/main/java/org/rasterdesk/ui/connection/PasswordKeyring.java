package org.rasterdesk.ui.connection;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Database passwords in the desktop's keyring (the Secret Service: GNOME Keyring, KWallet) through libsecret's
 * {@code secret-tool}; never in a file of ours. Every call starts a process: call it off the FX thread.
 */
final class PasswordKeyring {

    private static final String SERVICE = "rasterdesk-database";
    private static final long TIMEOUT_SECONDS = 20;

    private final Path tool;

    private PasswordKeyring(Path tool) {
        this.tool = tool;
    }

    /** The keyring when {@code secret-tool} is installed (Debian: libsecret-tools). */
    static Optional<PasswordKeyring> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "secret-tool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new PasswordKeyring(candidate));
            }
        }
        return Optional.empty();
    }

    /** Keeps the password for a database (its recent-list label). */
    void store(String database, String password) throws IOException {
        Process p = start(List.of(tool.toString(), "store", "--label=RasterDesk: " + database, "service", SERVICE,
                "database", database));
        try (OutputStream in = p.getOutputStream()) {
            in.write(password.getBytes(StandardCharsets.UTF_8));
        }
        if (finish(p) != 0) {
            throw new IOException("The keyring did not keep the password: " + errorOf(p));
        }
    }

    /** The kept password of a database; empty when there is none or the keyring is locked away. */
    Optional<String> lookup(String database) throws IOException {
        Process p = start(List.of(tool.toString(), "lookup", "service", SERVICE, "database", database));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (finish(p) != 0 || out.length == 0) {
            return Optional.empty();
        }
        return Optional.of(new String(out, StandardCharsets.UTF_8));
    }

    private static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    private static int finish(Process p) throws IOException {
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("The keyring did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("Interrupted while waiting for the keyring", e);
        }
    }

    private static String errorOf(Process p) throws IOException {
        String text = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "exit code " + p.exitValue() : text;
    }
}
