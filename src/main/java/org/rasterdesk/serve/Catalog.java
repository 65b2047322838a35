package org.rasterdesk.serve;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.rasterdesk.layer.LayerParseStatus;
import org.rasterdesk.layer.ParseStatus;
import org.rasterdesk.layer.ParseStatusRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendRepository;
import org.rasterdesk.legend.LegendStyleRepository;

/**
 * The layers and legends of the database as the server last read them (four queries), read again when a request
 * comes more than {@link #MAX_AGE_NANOS} after the last reading: an edit or a finished parse shows within a second,
 * and a burst of tile requests costs no query. Names in requests are matched here, in memory, never in SQL.
 * Thread safe.
 */
final class Catalog {

    /** How old a reading may be when a request uses it. */
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    /**
     * A layer and what its tiles and default style depend on.
     *
     * @param version changes whenever the layer's record, its parse (status or log) or its legend changes
     */
    record LayerState(RasterLayer layer, ParseStatus status, String version) {
        int id() {
            return layer.id();
        }

        String displayName() {
            return layer.name() == null || layer.name().isBlank() ? "layer " + layer.id() : layer.name();
        }
    }

    /** One reading of the database. */
    record Snapshot(Map<Integer, LayerState> layers, Map<Integer, Legend> legends,
                    Map<Integer, ContinuousStyle> styles, Map<Integer, String> legendVersions) {

        /**
         * The layer an URL names: an id, else a name, else (django-raster's rule) the file name of its upload,
         * {@code rasters/NAME}.
         *
         * @throws HttpError 404 when none matches, 400 when a name matches several layers
         */
        LayerState layer(String reference) {
            Optional<Integer> id = integer(reference);
            if (id.isPresent() && layers.containsKey(id.get())) {
                return layers.get(id.get());
            }
            List<LayerState> named = layers.values().stream()
                    .filter(l -> reference.equals(l.layer().name())).toList();
            if (named.isEmpty()) {
                named = layers.values().stream().filter(l -> l.layer().rasterfile() != null
                        && l.layer().rasterfile().contains("rasters/" + reference)).toList();
            }
            if (named.size() > 1) {
                throw HttpError.badRequest("the name '" + reference + "' matches layers "
                        + named.stream().map(l -> String.valueOf(l.id())).sorted().toList() + "; give an id");
            }
            if (named.isEmpty()) {
                throw HttpError.notFound("there is no layer " + (id.isPresent() ? "" : "named ") + "'" + reference
                        + "'");
            }
            return named.get(0);
        }

        /**
         * The legend an URL names: an id, else the first legend (by id) whose title matches ignoring case, as
         * django-raster finds it.
         *
         * @throws HttpError 404 when none matches
         */
        Legend legend(String reference) {
            Optional<Integer> id = integer(reference);
            if (id.isPresent()) {
                Legend legend = legends.get(id.get());
                if (legend == null) {
                    throw HttpError.notFound("there is no legend " + reference);
                }
                return legend;
            }
            return legends.values().stream().filter(l -> l.title().equalsIgnoreCase(reference))
                    .min(Comparator.comparing(Legend::id))
                    .orElseThrow(() -> HttpError.notFound("there is no legend titled '" + reference + "'"));
        }

        String legendVersion(int legendId) {
            return legendVersions.getOrDefault(legendId, "none");
        }
    }

    private final DataSource dataSource;
    private final LongSupplier nanoClock;
    private final ReentrantLock reading = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile long readAt;

    Catalog(DataSource dataSource) {
        this(dataSource, System::nanoTime);
    }

    Catalog(DataSource dataSource, LongSupplier nanoClock) {
        this.dataSource = dataSource;
        this.nanoClock = nanoClock;
    }

    /** The current reading; read again first when it is older than a second. */
    Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current != null && nanoClock.getAsLong() - readAt < MAX_AGE_NANOS) {
            return current;
        }
        if (current != null && !reading.tryLock()) {
            return current; // another request is reading already: this one need not wait
        }
        if (current == null) {
            reading.lock();
        }
        try {
            if (snapshot != current && snapshot != null) {
                return snapshot;
            }
            long started = nanoClock.getAsLong();
            Snapshot fresh = read();
            snapshot = fresh;
            readAt = started;
            return fresh;
        } finally {
            reading.unlock();
        }
    }

    /** Forgets the reading, so that the next request reads the database (after an edit in this process). */
    void invalidate() {
        readAt = nanoClock.getAsLong() - MAX_AGE_NANOS;
    }

    private Snapshot read() {
        Map<Integer, Legend> legends = new LinkedHashMap<>();
        for (Legend legend : new LegendRepository(dataSource).findAll()) {
            legends.put(legend.id(), legend);
        }
        Map<Integer, ContinuousStyle> styles = new LegendStyleRepository(dataSource).findAll();
        Map<Integer, String> legendVersions = new LinkedHashMap<>();
        for (Legend legend : legends.values()) {
            legendVersions.put(legend.id(), EntityTags.of(legend + "|" + styles.get(legend.id())));
        }
        Map<Integer, LayerParseStatus> statuses = new ParseStatusRepository(dataSource).findAll();
        Map<Integer, LayerState> layers = new LinkedHashMap<>();
        for (RasterLayer layer : new RasterLayerRepository(dataSource).findAll()) {
            LayerParseStatus status = statuses.get(layer.id());
            String legendVersion = layer.legendId() == null ? "none"
                    : legendVersions.getOrDefault(layer.legendId(), "missing");
            String version = EntityTags.of(layer + "|" + status + "|" + legendVersion);
            layers.put(layer.id(), new LayerState(layer, status == null ? ParseStatus.UNPARSED : status.status(),
                    version.substring(1, version.length() - 1)));
        }
        for (Map.Entry<Integer, String> e : legendVersions.entrySet()) {
            e.setValue(e.getValue().substring(1, e.getValue().length() - 1));
        }
        return new Snapshot(Collections.unmodifiableMap(layers), Collections.unmodifiableMap(legends), Map.copyOf(styles),
                Map.copyOf(legendVersions));
    }

    private static Optional<Integer> integer(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(text));
    }
}
