package org.rasterdesk.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads an http(s) URL into a file, streamed, following redirects. A transfer that sends nothing for the
 * stall timeout fails; a connection that breaks is resumed with a Range request when the server said it can.
 */
public final class HttpDownloader {

    /** Timeouts and the number of resumes after a broken connection. */
    public record Settings(Duration connectTimeout, Duration stallTimeout, int maxResumes) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(20), Duration.ofSeconds(60), 3);
    }

    private static final long POLL_MILLIS = 200;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(410, "Gone"), Map.entry(416, "Range Not Satisfiable"), Map.entry(429, "Too Many Requests"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"));

    private final HttpClient client;
    private final Settings settings;

    public HttpDownloader(Settings settings) {
        this.settings = settings;
        // HTTP/1.1: one long transfer gains nothing from HTTP/2, and some servers mishandle the h2c upgrade.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The server's answer to one request: what the resume logic needs to know. */
    private static final class Attempt implements BodyHandler<Void> {
        final Path target;
        final long offset;
        final ProgressMeter meter;
        volatile FileBodySubscriber subscriber;
        volatile int status;
        volatile boolean acceptsRanges;
        volatile String validator;
        volatile String problem;

        Attempt(Path target, long offset, ProgressMeter meter) {
            this.target = target;
            this.offset = offset;
            this.meter = meter;
        }

        @Override
        public BodySubscriber<Void> apply(ResponseInfo info) {
            meter.alive();
            status = info.statusCode();
            var headers = info.headers();
            acceptsRanges = headers.firstValue("Accept-Ranges").map("bytes"::equalsIgnoreCase).orElse(false);
            // Only a strong ETag may be used in If-Range; otherwise the date is the validator.
            validator = headers.firstValue("ETag").filter(e -> !e.startsWith("W/"))
                    .or(() -> headers.firstValue("Last-Modified")).orElse(null);
            long length = headers.firstValueAsLong("Content-Length").orElse(-1);
            if (status == 200) {
                meter.reset(0);
                meter.total(length);
                subscriber = new FileBodySubscriber(target, 0, meter);
                return subscriber;
            }
            if (status == 206) {
                Matcher m = CONTENT_RANGE.matcher(headers.firstValue("Content-Range").orElse(""));
                if (!m.matches() || Long.parseLong(m.group(1)) != offset) {
                    problem = "answered a range request with the wrong range ("
                            + headers.firstValue("Content-Range").orElse("none") + ")";
                    return BodySubscribers.replacing(null);
                }
                if (!"*".equals(m.group(3))) {
                    meter.total(Long.parseLong(m.group(3)));
                }
                subscriber = new FileBodySubscriber(target, offset, meter);
                return subscriber;
            }
            return BodySubscribers.replacing(null);
        }

        void abort() {
            FileBodySubscriber s = subscriber;
            if (s != null) {
                s.abort();
            }
        }
    }

    /**
     * Downloads {@code uri} into {@code target} (created or overwritten).
     *
     * @param cancelled checked several times a second; when true the download stops and the method throws
     * @throws SourceException with a one-sentence message when the file cannot be got
     */
    public void download(URI uri, Path target, FetchListener listener, BooleanSupplier cancelled)
            throws IOException, ParseCancelledException {
        ProgressMeter meter = new ProgressMeter(listener, "Downloading", uri.toString(), -1);
        meter.report();
        boolean resumable = false;
        String validator = null;
        int resumes = 0;
        while (true) {
            long offset = meter.done();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                    .header("User-Agent", "RasterDesk");
            if (offset > 0) {
                request.header("Range", "bytes=" + offset + "-");
                if (validator != null) {
                    request.header("If-Range", validator);
                }
            }
            Attempt attempt = new Attempt(target, offset, meter);
            IOException broken;
            try {
                HttpResponse<Void> response = await(attempt, request.build(), uri, meter, cancelled);
                int status = response.statusCode();
                if (attempt.problem != null) {
                    throw new SourceException("The server of " + uri + " " + attempt.problem + ".");
                }
                if (status == 416 && offset > 0 && offset == meter.total()) {
                    break;
                }
                if (status != 200 && status != 206) {
                    throw new SourceException("The server answered " + status + reason(status) + " for " + uri
                            + ".");
                }
                if (status == 200) {
                    resumable = attempt.acceptsRanges || attempt.validator != null;
                    validator = attempt.validator;
                }
                if (meter.total() < 0 || meter.done() >= meter.total()) {
                    break;
                }
                broken = new IOException("the server closed the connection early");
            } catch (SourceException e) {
                throw e;
            } catch (IOException e) {
                if (attempt.status == 200) {
                    resumable = attempt.acceptsRanges || attempt.validator != null;
                    validator = attempt.validator;
                }
                if (attempt.status != 200 && attempt.status != 206) {
                    throw e;
                }
                broken = e;
            }
            if (!resumable || resumes >= settings.maxResumes()) {
                throw new SourceException("The download of " + uri + " broke after "
                        + ProgressMeter.size(meter.done()) + (meter.total() >= 0 ? " of "
                        + ProgressMeter.size(meter.total()) : "") + (resumable ? " and did not resume" : "")
                        + ": " + broken.getMessage() + ".", broken);
            }
            resumes++;
            listener.progress(meter.done(), meter.total(), "The connection broke after "
                    + ProgressMeter.size(meter.done()) + "; resuming (" + resumes + " of "
                    + settings.maxResumes() + ")");
        }
        meter.report();
    }

    private HttpResponse<Void> await(Attempt attempt, HttpRequest request, URI uri, ProgressMeter meter,
                                     BooleanSupplier cancelled) throws IOException, ParseCancelledException {
        meter.alive();
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(request, attempt);
        long stallNanos = settings.stallTimeout().toNanos();
        while (true) {
            try {
                return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (cancelled.getAsBoolean()) {
                    attempt.abort();
                    future.cancel(true);
                    throw new ParseCancelledException();
                }
                if (meter.nanosSinceLastByte() > stallNanos) {
                    attempt.abort();
                    future.cancel(true);
                    throw new SourceException("The download of " + uri + " stalled: nothing arrived for "
                            + settings.stallTimeout().toSeconds() + " seconds.");
                }
            } catch (InterruptedException e) {
                attempt.abort();
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new ParseCancelledException();
            } catch (CancellationException e) {
                throw new ParseCancelledException();
            } catch (ExecutionException e) {
                throw translate(e.getCause(), uri);
            }
        }
    }

    /** The one-sentence message for a failure the client reported; package-private for its test. */
    IOException translate(Throwable cause, URI uri) {
        String host = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        if (cause instanceof HttpConnectTimeoutException) {
            return new SourceException("Connecting to " + host + " timed out after "
                    + settings.connectTimeout().toSeconds() + " seconds (" + uri + ").", cause);
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return new SourceException("The host " + uri.getHost() + " was not found (DNS) for " + uri
                        + ".", cause);
            }
        }
        if (cause instanceof ConnectException) {
            // The JDK client reports a refused connection as a ConnectException without a message.
            String message = cause.getMessage();
            String why = message == null || message.toLowerCase(Locale.ROOT).contains("refused")
                    ? "the connection was refused" : message;
            return new SourceException("Could not connect to " + host + ": " + why + " (" + uri + ").", cause);
        }
        if (cause instanceof IOException io) {
            return io;
        }
        return new SourceException("The download of " + uri + " failed: " + cause + ".", cause);
    }

    private static String reason(int status) {
        String r = REASONS.get(status);
        return r == null ? "" : " " + r;
    }
}
