package org.rasterdesk.ui.map;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * For benchmarks on a shared machine: the CPU time that a piece of work costs, which other people's load does not
 * stretch as it stretches wall time. Counts the CPU of this JVM's threads whose names match, and of a PostgreSQL
 * server's processes (the postmaster and its backends, from /proc; Linux only).
 */
final class CpuClock {

    private static final double CLOCK_TICK_MS = 10;

    private final Predicate<String> threads;
    private final long postmaster;

    /** @param dataDir the PostgreSQL data folder, whose postmaster.pid names the server */
    CpuClock(Predicate<String> threads, Path dataDir) throws IOException {
        this.threads = threads;
        this.postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    /** CPU milliseconds so far: {this JVM's matching threads, the database server}. */
    double[] now() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (threads.test(t.getName())) {
                long cpu = bean.getThreadCpuTime(t.getId());
                nanos += Math.max(0, cpu);
            }
        }
        return new double[] {nanos / 1e6, serverTicks() * CLOCK_TICK_MS};
    }

    /** utime + stime of the postmaster and its children, in clock ticks (USER_HZ, 100 a second on Linux). */
    private long serverTicks() {
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName()
                .toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    // Fields after the command name in parentheses: state ppid ... utime (14) stime (15).
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(proc.getFileName().toString());
                    long ppid = Long.parseLong(f[1]);
                    if (pid == postmaster || ppid == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException e) {
                    // A process that ended meanwhile.
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks;
    }
}
