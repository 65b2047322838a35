package org.rasterdesk.webtiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.rasterdesk.tiling.TileKey;

/**
 * Web map tiles kept on disk between runs, under the user's cache folder: one folder per tile source, a file per
 * tile ({@code z/x/y.tile}) and beside it what revalidating needs ({@code z/x/y.meta}: expiry, ETag, Last-Modified).
 * Bounded: past its size the tiles used longest ago (a read touches the file) are deleted. Thread safe; a damaged
 * or half-written entry reads as missing.
 */
public final class TileDiskCache {

    private static final Logger LOG = Logger.getLogger(TileDiskCache.class.getName());

    /** 256 MB: about ten thousand OpenStreetMap tiles, days of looking around a few regions. */
    public static final long DEFAULT_LIMIT_BYTES = 256L << 20;

    /** A kept tile: its bytes and what the server said about them. */
    public record Entry(byte[] bytes, Instant expires, Optional<String> etag, Optional<String> lastModified) {

        public boolean isFresh(Instant now) {
            return now.isBefore(expires);
        }
    }

    private final Path root;
    private final long limit;
    /** Bytes of tiles on disk; -1 until counted (on the first write, not at start: the folder may be large). */
    private long size = -1;

    /** @param root the folder of this cache ({@code $XDG_CACHE_HOME/rasterdesk/tiles}), made when first written */
    public TileDiskCache(Path root, long limitBytes) {
        this.root = root;
        this.limit = limitBytes;
    }

    public Path root() {
        return root;
    }

    /** The kept tile, or empty; marks it as just used. */
    public Optional<Entry> get(String source, TileKey key) {
        Path data = dataFile(source, key);
        Path meta = metaFile(source, key);
        try {
            byte[] bytes = Files.readAllBytes(data);
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                p.load(in);
            }
            Instant expires = Instant.ofEpochMilli(Long.parseLong(p.getProperty("expires", "0")));
            Files.setLastModifiedTime(data, FileTime.from(Instant.now()));
            return Optional.of(new Entry(bytes, expires, Optional.ofNullable(p.getProperty("etag")),
                    Optional.ofNullable(p.getProperty("lastModified"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.FINE, "unreadable cached tile " + data, e);
            return Optional.empty();
        }
    }

    /** Keeps a tile, replacing what was kept for it, and makes room when the cache is past its size. */
    public void put(String source, TileKey key, Entry entry) {
        Path data = dataFile(source, key);
        try {
            Files.createDirectories(data.getParent());
            long before = Files.exists(data) ? Files.size(data) : 0;
            writeMeta(source, key, entry);
            // Written aside and moved in, so that a reader never sees half a tile.
            Path part = Files.createTempFile(data.getParent(), "tile", ".part");
            Files.write(part, entry.bytes());
            move(part, data);
            grew(entry.bytes().length - before);
        } catch (IOException e) {
            // A full or read-only disk costs the cache, not the map.
            LOG.log(Level.FINE, "cannot keep tile " + key + " of " + source, e);
        }
    }

    /** Records a revalidation (304 Not Modified): the same bytes, a new expiry. */
    public void refresh(String source, TileKey key, Entry entry) {
        try {
            writeMeta(source, key, entry);
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot refresh tile " + key + " of " + source, e);
        }
    }

    /** Bytes of tiles on disk. */
    public synchronized long size() {
        if (size < 0) {
            size = count();
        }
        return size;
    }

    private void writeMeta(String source, TileKey key, Entry entry) throws IOException {
        Path meta = metaFile(source, key);
        Files.createDirectories(meta.getParent());
        Properties p = new Properties();
        p.setProperty("expires", String.valueOf(entry.expires().toEpochMilli()));
        entry.etag().ifPresent(v -> p.setProperty("etag", v));
        entry.lastModified().ifPresent(v -> p.setProperty("lastModified", v));
        Path part = Files.createTempFile(meta.getParent(), "meta", ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            p.store(out, null);
        }
        move(part, meta);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private synchronized void grew(long bytes) {
        size = size() + bytes;
        if (size > limit) {
            evict();
        }
    }

    /** Deletes the tiles used longest ago until the cache is at 90 % of its size, leaving room to grow. */
    private void evict() {
        List<Path> tiles = new ArrayList<>();
        walk(tiles);
        tiles.sort(Comparator.comparing(TileDiskCache::lastUsed));
        long target = limit * 9 / 10;
        for (Path tile : tiles) {
            if (size <= target) {
                break;
            }
            try {
                long bytes = Files.size(tile);
                Files.deleteIfExists(tile);
                Files.deleteIfExists(tile.resolveSibling(tile.getFileName().toString().replace(".tile", ".meta")));
                size -= bytes;
            } catch (IOException e) {
                LOG.log(Level.FINE, "cannot delete cached tile " + tile, e);
            }
        }
    }

    private long count() {
        List<Path> tiles = new ArrayList<>();
        walk(tiles);
        long total = 0;
        for (Path tile : tiles) {
            try {
                total += Files.size(tile);
            } catch (IOException e) {
                // Gone meanwhile.
            }
        }
        return total;
    }

    private void walk(List<Path> tiles) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".tile")) {
                        tiles.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime lastUsed(Path tile) {
        try {
            return Files.getLastModifiedTime(tile);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private Path dataFile(String source, TileKey key) {
        return root.resolve(source).resolve(String.valueOf(key.z())).resolve(String.valueOf(key.x()))
                .resolve(key.y() + ".tile");
    }

    private Path metaFile(String source, TileKey key) {
        return root.resolve(source).resolve(String.valueOf(key.z())).resolve(String.valueOf(key.x()))
                .resolve(key.y() + ".meta");
    }
}
