package org.rasterdesk.db;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The CPU time the server process of one connection has used, read from /proc when the server runs on this
 * machine (the embedded database): for benchmarks, the database's own share of the work.
 */
public final class BackendCpu {

    /** Linux's clock ticks per second for /proc times (USER_HZ), 100 on every mainstream kernel. */
    private static final long TICKS_PER_SECOND = 100;

    private final Path stat;

    private BackendCpu(Path stat) {
        this.stat = stat;
    }

    /** The meter of the connection's server process, or empty when that process is not on this machine. */
    public static Optional<BackendCpu> of(Connection connection) {
        try {
            String url = connection.getMetaData().getURL();
            String host = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[:/].*$", "");
            if (!InetAddress.getByName(host).isLoopbackAddress()) {
                return Optional.empty();
            }
            int pid;
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            Path proc = Path.of("/proc", Integer.toString(pid));
            if (!Files.readString(proc.resolve("comm")).trim().startsWith("postgres")) {
                return Optional.empty();
            }
            BackendCpu meter = new BackendCpu(proc.resolve("stat"));
            meter.nanos();
            return Optional.of(meter);
        } catch (SQLException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** User and system CPU time of the server process so far, at the kernel's 10 ms resolution. */
    public long nanos() {
        try {
            String text = Files.readString(stat);
            // Fields after the command name (which may hold spaces) start after its closing parenthesis.
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
