package org.rasterdesk.serve;

import java.util.ArrayList;
import java.util.List;

/**
 * One request as the endpoints see it, free of the HTTP server's types: method, decoded path segments, query,
 * and the headers that matter here.
 *
 * @param segments    the path split at '/', each decoded; a trailing '/' is ignored
 * @param host        the Host header, or null
 * @param ifNoneMatch the If-None-Match header, or null
 * @param gzip        whether the client takes gzip-compressed bodies (Accept-Encoding)
 */
record ServeRequest(String method, String rawPath, List<String> segments, QueryParameters query, String host,
                    String ifNoneMatch, boolean gzip) {

    /** The longest request target taken: tile URLs are short; a long colormap or formula still fits. */
    static final int MAX_TARGET_LENGTH = 8192;

    /**
     * @throws HttpError 400 for paths that are not absolute, hold empty or dot segments, control characters or
     *                   malformed escapes; 414 for overlong targets
     */
    static ServeRequest of(String method, String rawPath, String rawQuery, String host, String ifNoneMatch,
                           String acceptEncoding) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw HttpError.badRequest("the path must start with '/'");
        }
        if (rawPath.length() + (rawQuery == null ? 0 : rawQuery.length()) > MAX_TARGET_LENGTH) {
            throw new HttpError(414, "the request is longer than " + MAX_TARGET_LENGTH + " characters");
        }
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1)
                : rawPath;
        List<String> segments = new ArrayList<>();
        if (path.length() > 1) {
            for (String raw : path.substring(1).split("/", -1)) {
                String segment = PercentDecoding.decode(raw, false);
                // Nothing here maps a path to files, but such paths are refused plainly rather than looked up.
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0
                        || segment.indexOf('\\') >= 0) {
                    throw HttpError.badRequest("the path holds an empty, '.' or '..' segment, or an escaped slash");
                }
                segments.add(segment);
            }
        }
        return new ServeRequest(method, rawPath, List.copyOf(segments), QueryParameters.parse(rawQuery), host,
                ifNoneMatch, acceptEncoding != null && acceptEncoding.contains("gzip"));
    }

    String segment(int i) {
        return segments.get(i);
    }

    int depth() {
        return segments.size();
    }
}
