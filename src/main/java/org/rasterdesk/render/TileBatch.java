package org.rasterdesk.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * The tiles of one layer that a map view needs, read all at once: the stored tiles of the addresses (for levels
 * past max zoom, their ancestors at max zoom) in one query, then the ancestors of those missing in a second. One
 * query instead of one per tile saves a round trip per tile; the tiles come back still encoded, each with the
 * addresses it is drawn for, so that the caller decodes and colours them on as many threads as it has
 * ({@link LayerRenderer#draw}). Addresses nothing covers are listed apart: they are drawn transparent, as
 * {@link LayerRenderer#render} draws them.
 *
 * @param reads     the stored tiles read, each with the addresses it answers for (itself, or descendants)
 * @param uncovered the addresses no stored tile covers
 */
public record TileBatch(List<Read> reads, List<TileKey> uncovered) {

    /**
     * A stored tile, decoded on first use (once, whichever thread asks first), and the addresses drawn from it.
     *
     * @param source  the stored tile's address
     * @param targets the addresses it is drawn for: its own, or its descendants'
     */
    public record Read(TileKey source, Supplier<TileData> data, List<TileKey> targets) {

        public Read {
            data = once(data);
            targets = List.copyOf(targets);
        }
    }

    public TileBatch {
        reads = List.copyOf(reads);
        uncovered = List.copyOf(uncovered);
    }

    /** Reads the stored tiles for the addresses: one query, and one more when some are missing. */
    static TileBatch read(TileSource source, int maxZoom, List<TileKey> keys) {
        // Which stored tile answers for each address: its own, or past max zoom its ancestor at max zoom.
        Map<TileKey, List<TileKey>> askers = new LinkedHashMap<>();
        for (TileKey key : keys) {
            TileKey read = key;
            while (read.z() > maxZoom) {
                read = read.parent();
            }
            askers.computeIfAbsent(read, k -> new ArrayList<>()).add(key);
        }
        List<Read> reads = new ArrayList<>();
        Set<TileKey> missing = new LinkedHashSet<>(askers.keySet());
        if (!askers.isEmpty()) {
            source.readEach(askers.keySet(), (found, data) -> {
                if (missing.remove(found)) {
                    reads.add(new Read(found, data, askers.get(found)));
                }
            });
        }
        List<TileKey> uncovered = new ArrayList<>();
        if (missing.isEmpty()) {
            return new TileBatch(reads, uncovered);
        }
        // The ancestors of all missing tiles in one query; each missing tile is drawn from its deepest.
        Set<TileKey> ancestors = new LinkedHashSet<>();
        for (TileKey m : missing) {
            for (TileKey a = m; a.z() > 0; ) {
                a = a.parent();
                ancestors.add(a);
            }
        }
        Map<TileKey, Supplier<TileData>> stored = new HashMap<>();
        if (!ancestors.isEmpty()) {
            source.readEach(ancestors, stored::put);
        }
        Map<TileKey, List<TileKey>> byAncestor = new LinkedHashMap<>();
        for (TileKey m : missing) {
            Optional<TileKey> deepest = Optional.empty();
            for (TileKey a = m; a.z() > 0 && deepest.isEmpty(); ) {
                a = a.parent();
                if (stored.containsKey(a)) {
                    deepest = Optional.of(a);
                }
            }
            if (deepest.isPresent()) {
                byAncestor.computeIfAbsent(deepest.get(), k -> new ArrayList<>()).addAll(askers.get(m));
            } else {
                uncovered.addAll(askers.get(m));
            }
        }
        byAncestor.forEach((ancestor, targets) -> reads.add(new Read(ancestor, stored.get(ancestor), targets)));
        return new TileBatch(reads, uncovered);
    }

    /** A supplier that computes once, for any number of threads. */
    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return supplier instanceof Once<?> ? supplier : new Once<>(supplier);
    }

    private static final class Once<T> implements Supplier<T> {

        private final Supplier<T> supplier;
        private T value;

        Once(Supplier<T> supplier) {
            this.supplier = supplier;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = supplier.get();
            }
            return value;
        }
    }
}
