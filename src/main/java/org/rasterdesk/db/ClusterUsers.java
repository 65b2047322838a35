package org.rasterdesk.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * Who uses an embedded cluster now, told through a lock file: every process that uses the cluster holds a shared
 * lock on it, so that the idle stop ({@link IdleShutdown}) stops the server only when it can take the lock alone.
 * The kernel lets go of a killed process's lock, so a crash never keeps the server up. The time the last user let
 * go is the modification time of a second file.
 */
final class ClusterUsers {

    static final String LOCK_FILE = "users.lock";
    static final String LAST_USE_FILE = "last-use";

    /** One shared lock per cluster and process: a process cannot lock a file twice, and closing it would unlock. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private record Held(FileChannel channel, FileLock lock, int count) {
    }

    private ClusterUsers() {
    }

    /** Counts this process as a user of the cluster in {@code baseDir} until {@link #leave}. */
    static synchronized void join(Path baseDir) throws IOException {
        Held held = HELD.get(baseDir);
        if (held != null) {
            HELD.put(baseDir, new Held(held.channel(), held.lock(), held.count() + 1));
            return;
        }
        FileChannel channel = FileChannel.open(baseDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            HELD.put(baseDir, new Held(channel, channel.lock(0, Long.MAX_VALUE, true), 1));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Ends one {@link #join}; the last one of this process lets go of the lock and notes the time. */
    static synchronized void leave(Path baseDir) throws IOException {
        Held held = HELD.get(baseDir);
        if (held == null) {
            return;
        }
        if (held.count() > 1) {
            HELD.put(baseDir, new Held(held.channel(), held.lock(), held.count() - 1));
            return;
        }
        HELD.remove(baseDir);
        Path lastUse = baseDir.resolve(LAST_USE_FILE);
        if (!Files.exists(lastUse)) {
            Files.createFile(lastUse);
        }
        Files.setLastModifiedTime(lastUse, FileTime.fromMillis(System.currentTimeMillis()));
        held.channel().close();
    }

    /**
     * Takes the lock alone when no process uses the cluster (call it from a process that does not use it itself).
     *
     * @return the lock, to hold while the server is stopped; null while some process uses the cluster
     */
    static FileLock tryAlone(FileChannel channel) throws IOException {
        return channel.tryLock(0, Long.MAX_VALUE, false);
    }

    /** Milliseconds since the last user let go, or since the epoch when none ever did. */
    static long idleMillis(Path baseDir) {
        try {
            return System.currentTimeMillis() - Files.getLastModifiedTime(baseDir.resolve(LAST_USE_FILE)).toMillis();
        } catch (IOException e) {
            return System.currentTimeMillis();
        }
    }
}
