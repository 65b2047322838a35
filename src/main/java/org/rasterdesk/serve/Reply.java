package org.rasterdesk.serve;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the server answers: status, content type and body, the entity tag of the body (null when it has none) and
 * any further headers.
 */
record Reply(int status, String contentType, byte[] body, String etag, String cacheControl,
             Map<String, String> headers) {

    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";
    static final String TIFF = "image/tiff";
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    /** Tiles and documents made from the database: a client may keep them but must ask again (ETag) before use. */
    static final String REVALIDATE = "no-cache";

    static Reply ok(String contentType, byte[] body, String etag) {
        return new Reply(200, contentType, body, etag, REVALIDATE, Map.of());
    }

    static Reply json(String json, String etag) {
        return ok(JSON, json.getBytes(StandardCharsets.UTF_8), etag);
    }

    static Reply error(int status, String reason) {
        String line = reason.replaceAll("[\\r\\n]+", " ");
        return new Reply(status, TEXT, (line + "\n").getBytes(StandardCharsets.UTF_8), null, "no-store", Map.of());
    }

    /** 304: the client's copy with this tag is current. */
    static Reply notModified(String etag, String cacheControl) {
        return new Reply(304, null, new byte[0], etag, cacheControl, Map.of());
    }

    Reply withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new Reply(status, contentType, body, etag, cacheControl, Map.copyOf(all));
    }

    Reply withEtag(String value) {
        return new Reply(status, contentType, body, value, cacheControl, headers);
    }

    Reply withCacheControl(String value) {
        return new Reply(status, contentType, body, etag, value, headers);
    }
}
