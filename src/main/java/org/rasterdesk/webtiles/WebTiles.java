package org.rasterdesk.webtiles;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.rasterdesk.system.Version;
import org.rasterdesk.tiling.TileKey;

/**
 * Fetches tiles of a web map for a map view, one at a time as the view asks (never ahead of it), through the disk
 * cache: a fresh cached tile is served without asking the server; an expired one is revalidated (ETag,
 * Last-Modified); requests name RasterDesk and its version in the User-Agent. When the server cannot be reached,
 * cached tiles are served even if expired, and for {@link #OFFLINE_PAUSE} the network is not tried again, so that an
 * offline map stays quick and quiet. Thread safe.
 */
public final class WebTiles {

    /** How long a source that could not be reached is left alone before it is tried again. */
    public static final Duration OFFLINE_PAUSE = Duration.ofSeconds(30);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** Thrown when a tile is neither cached nor reachable; the message says why in a sentence. */
    public static final class UnreachableException extends IOException {

        public UnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final XyzSource source;
    private final TileDiskCache cache;
    private final Supplier<HttpClient> client;
    private final Clock clock;
    private final String userAgent;
    /** Since when the source is known to be unreachable, and why; null while it answers. */
    private final AtomicReference<Offline> offline = new AtomicReference<>();

    private record Offline(Instant since, String reason) {
    }

    public WebTiles(XyzSource source, TileDiskCache cache, HttpClient client, Clock clock) {
        this(source, cache, () -> client, clock);
    }

    /** @param client asked for the HTTP client only when a tile is fetched, so that its TLS set-up waits till then */
    public WebTiles(XyzSource source, TileDiskCache cache, Supplier<HttpClient> client, Clock clock) {
        this.source = source;
        this.cache = cache;
        this.client = client;
        this.clock = clock;
        this.userAgent = userAgent();
    }

    /** An HTTP client fit for tiles: redirects followed, short connect timeout. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * The User-Agent of every request: the application and its version, as tile usage policies ask, so that a
     * server's operators can tell RasterDesk's requests apart.
     */
    public static String userAgent() {
        return "RasterDesk/" + Version.current() + " (desktop raster tile viewer; Java "
                + Runtime.version().feature() + ")";
    }

    public XyzSource source() {
        return source;
    }

    /** Why the source is offline ("tile.openstreetmap.org cannot be reached: ..."), or empty while it answers. */
    public Optional<String> offlineReason() {
        return Optional.ofNullable(offline.get()).map(Offline::reason);
    }

    /**
     * The tile's image bytes (as the server sent them: PNG, JPEG...), or empty when the source has no tile there
     * (404, 204). Blocks for the network when the tile is not cached fresh.
     *
     * @throws UnreachableException when the tile is not cached and the source cannot be reached or refuses
     */
    public Optional<byte[]> fetch(TileKey key) throws UnreachableException {
        String folder = source.cacheName();
        Optional<TileDiskCache.Entry> cached = cache.get(folder, key);
        Instant now = clock.instant();
        if (cached.isPresent() && cached.get().isFresh(now)) {
            return Optional.of(cached.get().bytes());
        }
        Offline known = offline.get();
        if (known != null && Duration.between(known.since(), now).compareTo(OFFLINE_PAUSE) < 0) {
            return stale(cached, known.reason(), null);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(source.uri(key)).timeout(REQUEST_TIMEOUT)
                .header("User-Agent", userAgent).GET();
        cached.flatMap(TileDiskCache.Entry::etag).ifPresent(tag -> request.header("If-None-Match", tag));
        cached.flatMap(TileDiskCache.Entry::lastModified).ifPresent(date -> request.header("If-Modified-Since", date));
        HttpResponse<byte[]> response;
        try {
            response = client.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            String reason = source.host() + " cannot be reached (" + describe(e) + ")";
            offline.set(new Offline(clock.instant(), reason));
            return stale(cached, reason, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException("Fetching a tile of " + source.host() + " was interrupted.", e);
        }
        offline.set(null);
        Instant received = clock.instant();
        CachePolicy policy = CachePolicy.of(response.headers(), received);
        int status = response.statusCode();
        if (status == 304 && cached.isPresent()) {
            TileDiskCache.Entry renewed = new TileDiskCache.Entry(cached.get().bytes(), policy.expires(),
                    response.headers().firstValue("ETag").or(() -> cached.get().etag()),
                    response.headers().firstValue("Last-Modified").or(() -> cached.get().lastModified()));
            cache.refresh(folder, key, renewed);
            return Optional.of(renewed.bytes());
        }
        if (status == 200) {
            byte[] body = response.body();
            if (policy.store()) {
                cache.put(folder, key, new TileDiskCache.Entry(body, policy.expires(),
                        response.headers().firstValue("ETag"), response.headers().firstValue("Last-Modified")));
            }
            return Optional.of(body);
        }
        if (status == 404 || status == 204 || status == 410) {
            return Optional.empty();
        }
        // Refused (403: blocked, 429: too many requests) or failing (5xx): an older copy is better than nothing.
        return stale(cached, source.host() + " answered " + status + " for tile " + key, null);
    }

    private static Optional<byte[]> stale(Optional<TileDiskCache.Entry> cached, String reason, Throwable cause)
            throws UnreachableException {
        if (cached.isPresent()) {
            return Optional.of(cached.get().bytes());
        }
        throw new UnreachableException(reason + ".", cause);
    }

    private static String describe(IOException e) {
        String text = e.getMessage();
        if (e instanceof java.net.http.HttpConnectTimeoutException || e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.UnknownHostException || (e.getCause() instanceof java.net.UnknownHostException)) {
            return "unknown host";
        }
        return text == null || text.isBlank() ? e.getClass().getSimpleName() : text;
    }
}
