package org.rasterdesk.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rasterdesk.source.ParseCancelledException;

/**
 * The sources of the last parses (or mosaic files) a worker ran blocks of, by parse and file: blocks of one parse,
 * or of one file, fetch it once. Two are kept; an older one is let go once no block reads it.
 */
final class HeldSources implements AutoCloseable {

    /** Fetched sources and the blocks using them. */
    static final class Held {
        private final LayerSources sources;
        private int users;
        private boolean retired;

        private Held(LayerSources sources) {
            this.sources = sources;
        }

        LayerSources sources() {
            return sources;
        }
    }

    /** Fetches sources. */
    @FunctionalInterface
    interface Fetch {
        LayerSources get() throws IOException, ParseCancelledException;
    }

    private final Map<String, Held> kept = new LinkedHashMap<>();
    private final List<Held> retired = new ArrayList<>();

    /** The sources under that key, fetched unless kept; the caller {@link #release}s them after its block. */
    synchronized Held take(String key, Fetch fetch) throws IOException, ParseCancelledException {
        Held cached = kept.get(key);
        if (cached == null) {
            cached = new Held(fetch.get());
            kept.put(key, cached);
            if (kept.size() > 2) {
                // Blocks of an older parse or file may still be reading it on another thread: let it go after them.
                String oldest = kept.keySet().iterator().next();
                Held old = kept.remove(oldest);
                old.retired = true;
                if (old.users == 0) {
                    old.sources.close();
                } else {
                    retired.add(old);
                }
            }
        }
        cached.users++;
        return cached;
    }

    synchronized void release(Held held) {
        held.users--;
        if (held.retired && held.users == 0) {
            held.sources.close();
            retired.remove(held);
        }
    }

    @Override
    public synchronized void close() {
        kept.values().forEach(h -> h.sources.close());
        retired.forEach(h -> h.sources.close());
        kept.clear();
        retired.clear();
    }
}
