package org.rasterdesk.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers made recently (encoded tiles, documents), least recently used dropped first once their bodies pass a
 * size in bytes. Keys name everything an answer is made from (versions included), so nothing is ever stale here:
 * old versions just age out. Thread safe; a lookup holds a lock for a hash lookup only.
 */
final class TileCache {

    /** Bookkeeping per entry beyond its body: key, headers, map node (an estimate). */
    private static final int OVERHEAD = 300;

    private final long capacityBytes;
    private final LinkedHashMap<String, Reply> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;

    TileCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /**
     * The answer named by a key: 304 when the client holds it (its tag is the key's), else from memory, else made
     * (and kept). Answers other than 200 are not kept.
     */
    Reply answer(ServeRequest request, String key, Supplier<Reply> make) {
        String etag = EntityTags.of(key);
        if (EntityTags.matches(request.ifNoneMatch(), etag)) {
            return Reply.notModified(etag, Reply.REVALIDATE);
        }
        Reply kept = get(key);
        if (kept != null) {
            return kept;
        }
        Reply made = make.get().withEtag(etag);
        if (made.status() == 200) {
            put(key, made);
        }
        return made;
    }

    synchronized Reply get(String key) {
        Reply reply = entries.get(key);
        if (reply == null) {
            misses++;
        } else {
            hits++;
        }
        return reply;
    }

    synchronized void put(String key, Reply reply) {
        long size = sizeOf(key, reply);
        if (size > capacityBytes / 4) {
            return; // one answer never takes a large part of the cache
        }
        Reply old = entries.put(key, reply);
        bytes += size - (old == null ? 0 : sizeOf(key, old));
        var it = entries.entrySet().iterator();
        while (bytes > capacityBytes && it.hasNext()) {
            Map.Entry<String, Reply> eldest = it.next();
            bytes -= sizeOf(eldest.getKey(), eldest.getValue());
            it.remove();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }

    /** "N answers, M MB, hit rate": for the log. */
    synchronized String describe() {
        long asked = hits + misses;
        return String.format(java.util.Locale.ROOT, "%d answers, %.1f MB, %d of %d requests answered from memory",
                entries.size(), bytes / 1e6, hits, asked);
    }

    private static long sizeOf(String key, Reply reply) {
        return reply.body().length + 2L * key.length() + OVERHEAD;
    }
}
