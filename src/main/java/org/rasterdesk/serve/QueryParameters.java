package org.rasterdesk.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The query string of a request, decoded as a web form (percent escapes, '+' for space), as Django's request.GET
 * reads it: a repeated name keeps its last value.
 */
final class QueryParameters {

    private static final QueryParameters NONE = new QueryParameters(Map.of());

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * @param raw the query as sent, without '?', or null
     * @throws HttpError 400 when an escape is malformed
     */
    static QueryParameters parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = PercentDecoding.decode(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? "" : PercentDecoding.decode(pair.substring(eq + 1), true);
            values.remove(name);
            values.put(name, value);
        }
        return new QueryParameters(values);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The parameters that change what a tile looks like, in a fixed order: the part of a cache key they make. */
    String canonical(String... names) {
        StringBuilder key = new StringBuilder();
        for (String name : names) {
            String v = values.get(name);
            if (v != null) {
                key.append('&').append(name).append('=').append(v);
            }
        }
        return key.toString();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
