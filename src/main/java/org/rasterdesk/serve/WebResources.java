package org.rasterdesk.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.rasterdesk.basemap.OutlineScale;
import org.rasterdesk.basemap.Outlines;

/**
 * The files of the web map, from the program's own resources only: a fixed table from URL path to resource, so no
 * request can name anything else. Leaflet comes from its webjar; the outlines are made from the Natural Earth
 * resource of {@link Outlines}. Bodies are read once and kept, with a gzip copy for clients that take it.
 */
final class WebResources {

    private static final String WEB = "/org/rasterdesk/serve/web/";
    private static final String LEAFLET = "/META-INF/resources/webjars/leaflet/1.9.4/dist/";

    private record Resource(String source, String contentType) {
    }

    private static final Map<String, Resource> FILES = Map.ofEntries(
            Map.entry("/", new Resource(WEB + "index.html", "text/html; charset=utf-8")),
            Map.entry("/index.html", new Resource(WEB + "index.html", "text/html; charset=utf-8")),
            Map.entry("/static/map.js", new Resource(WEB + "map.js", "text/javascript; charset=utf-8")),
            Map.entry("/static/map.css", new Resource(WEB + "map.css", "text/css; charset=utf-8")),
            Map.entry("/static/leaflet/leaflet.js", new Resource(LEAFLET + "leaflet.js",
                    "text/javascript; charset=utf-8")),
            Map.entry("/static/leaflet/leaflet.css", new Resource(LEAFLET + "leaflet.css", "text/css; charset=utf-8")),
            Map.entry("/static/leaflet/images/layers.png", new Resource(LEAFLET + "images/layers.png", Reply.PNG)),
            Map.entry("/static/leaflet/images/layers-2x.png", new Resource(LEAFLET + "images/layers-2x.png",
                    Reply.PNG)),
            Map.entry("/static/leaflet/images/marker-icon.png", new Resource(LEAFLET + "images/marker-icon.png",
                    Reply.PNG)),
            Map.entry("/static/leaflet/images/marker-icon-2x.png", new Resource(LEAFLET + "images/marker-icon-2x.png",
                    Reply.PNG)),
            Map.entry("/static/leaflet/images/marker-shadow.png", new Resource(LEAFLET + "images/marker-shadow.png",
                    Reply.PNG)),
            Map.entry("/basemap/outlines-110m.geojson", new Resource("outlines:SMALL", "application/geo+json")),
            Map.entry("/basemap/outlines-50m.geojson", new Resource("outlines:MEDIUM", "application/geo+json")));

    private final Map<String, Reply[]> loaded = new ConcurrentHashMap<>();

    /** Whether a path is one of the files. */
    static boolean serves(String path) {
        return FILES.containsKey(path);
    }

    /** Reads and prepares every file now (the outlines take a moment), so that the first visitor need not wait. */
    void preload() {
        FILES.forEach((path, resource) -> loaded.computeIfAbsent(path, p -> load(resource)));
    }

    Reply answer(ServeRequest request) {
        Resource resource = FILES.get(request.rawPath());
        if (resource == null) {
            throw HttpError.notFound("no such file: " + request.rawPath());
        }
        Reply[] forms = loaded.computeIfAbsent(request.rawPath(), path -> load(resource));
        return request.gzip() && forms[1] != null ? forms[1] : forms[0];
    }

    private static Reply[] load(Resource resource) {
        byte[] body = resource.source().startsWith("outlines:")
                ? OutlinesGeoJson.of(Outlines.naturalEarth(OutlineScale.valueOf(resource.source().substring(9))))
                : read(resource.source());
        String etag = EntityTags.of(body);
        // Files change only with the program: clients may keep them an hour without asking.
        Reply plain = new Reply(200, resource.contentType(), body, etag, "max-age=3600", Map.of());
        Reply gzip = null;
        if (!resource.contentType().startsWith("image/")) {
            gzip = new Reply(200, resource.contentType(), gzip(body),
                    etag.substring(0, etag.length() - 1) + "-gz\"", "max-age=3600",
                    Map.of("Content-Encoding", "gzip", "Vary", "Accept-Encoding"));
        }
        return new Reply[] {plain, gzip};
    }

    private static byte[] read(String source) {
        try (InputStream in = WebResources.class.getResourceAsStream(source)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + source + " is missing from the program");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
