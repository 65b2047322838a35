package org.rasterdesk.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;

/**
 * Stops an embedded cluster's server once no RasterDesk process has used it for a while: a small process of its own
 * that the last command to leave starts, so that the next command (or the window) finds the server running instead
 * of spending seconds starting it. It ends with the server, or at once when another one watches the cluster already.
 */
public final class IdleShutdown {

    static final String WATCHER_LOCK = "idle-stop.lock";
    /** The first argument that makes the installed program's launcher run {@link #main} instead of RasterDesk. */
    public static final String ARGUMENT = "--idle-stop-of-embedded-database";

    private static final Logger LOG = Logger.getLogger(IdleShutdown.class.getName());

    /** What one look at the cluster found. */
    enum Outcome { STOPPED, NOT_RUNNING, IN_USE }

    private IdleShutdown() {
    }

    /** Arguments: the cluster's folder, the idle seconds, the server programs' folder, their major version. */
    public static void main(String[] args) throws Exception {
        Path baseDir = Path.of(args[0]);
        long idleMillis = Long.parseLong(args[1]) * 1000;
        PostgresInstallation installation = new PostgresInstallation(Path.of(args[2]), Integer.parseInt(args[3]),
                true);
        watch(new EmbeddedCluster(baseDir, false, installation), idleMillis);
    }

    /** Looks at the cluster every little while until it stopped the server or the server stopped otherwise. */
    static void watch(EmbeddedCluster cluster, long idleMillis) throws IOException, InterruptedException {
        try (FileChannel channel = open(cluster.baseDir().resolve(WATCHER_LOCK));
             FileLock mine = channel.tryLock()) {
            if (mine == null) {
                return;
            }
            long interval = Math.max(250, Math.min(15_000, idleMillis / 4));
            Outcome outcome;
            do {
                Thread.sleep(interval);
                outcome = stopIfIdle(cluster, idleMillis);
            } while (outcome == Outcome.IN_USE);
            LOG.info("Idle stop of " + cluster.baseDir() + ": " + outcome);
        }
    }

    /**
     * Stops the server when no process uses the cluster and the last one left at least {@code idleMillis} ago. It
     * holds the lock that starting takes meanwhile, so that a command cannot join a server that is stopping.
     */
    static Outcome stopIfIdle(EmbeddedCluster cluster, long idleMillis) throws IOException {
        try (FileChannel starting = open(cluster.baseDir().resolve(EmbeddedCluster.START_LOCK));
             FileLock ignored = starting.lock();
             FileChannel users = open(cluster.baseDir().resolve(ClusterUsers.LOCK_FILE));
             FileLock alone = ClusterUsers.tryAlone(users)) {
            if (!cluster.isRunning()) {
                return Outcome.NOT_RUNNING;
            }
            if (alone == null || ClusterUsers.idleMillis(cluster.baseDir()) < idleMillis) {
                return Outcome.IN_USE;
            }
            cluster.stop();
            return Outcome.STOPPED;
        }
    }

    /** Whether a watcher runs for the cluster in this folder now. */
    static boolean isWatched(Path baseDir) throws IOException {
        try (FileChannel channel = open(baseDir.resolve(WATCHER_LOCK)); FileLock free = channel.tryLock()) {
            return free == null;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
