package org.rasterdesk.webtiles;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * How long a response may be kept and served without asking the server again, from its headers (RFC 9111):
 * {@code Cache-Control: no-store} (not kept), {@code no-cache} (kept, asked again every time), {@code max-age}
 * (less the response's {@code Age}), else {@code Expires} against {@code Date}, else a heuristic tenth of the time
 * since {@code Last-Modified}, and without any of these a day.
 *
 * @param store   whether the response may be kept at all
 * @param expires until when it is fresh
 */
public record CachePolicy(boolean store, Instant expires) {

    /** Kept this long when the server says nothing about it. */
    static final Duration WITHOUT_HEADERS = Duration.ofDays(1);
    /** The longest a heuristic freshness lasts (RFC 9111 suggests a tenth of the age; browsers cap it too). */
    static final Duration HEURISTIC_CAP = Duration.ofDays(7);

    /** The policy of a response received at {@code now}. */
    public static CachePolicy of(HttpHeaders headers, Instant now) {
        String control = String.join(",", headers.allValues("Cache-Control")).toLowerCase(Locale.ROOT);
        if (has(control, "no-store")) {
            return new CachePolicy(false, now);
        }
        if (has(control, "no-cache")) {
            return new CachePolicy(true, now);
        }
        Optional<Long> maxAge = directive(control, "s-maxage").or(() -> directive(control, "max-age"));
        if (maxAge.isPresent()) {
            long age = headers.firstValue("Age").map(CachePolicy::seconds).orElse(0L);
            return new CachePolicy(true, now.plusSeconds(Math.max(0, maxAge.get() - age)));
        }
        // An invalid Expires (such as "0") means already expired (RFC 9111 5.3).
        Optional<Instant> expires = headers.firstValue("Expires").map(v -> date(v).orElse(Instant.EPOCH));
        if (expires.isPresent()) {
            // Against the server's own clock, so that a skewed local clock does not stretch or cut the lifetime.
            Instant date = headers.firstValue("Date").flatMap(CachePolicy::date).orElse(now);
            return new CachePolicy(true, now.plus(Duration.between(date, expires.get())));
        }
        Optional<Instant> modified = headers.firstValue("Last-Modified").flatMap(CachePolicy::date);
        if (modified.isPresent() && modified.get().isBefore(now)) {
            Duration tenth = Duration.between(modified.get(), now).dividedBy(10);
            return new CachePolicy(true, now.plus(tenth.compareTo(HEURISTIC_CAP) > 0 ? HEURISTIC_CAP : tenth));
        }
        return new CachePolicy(true, now.plus(WITHOUT_HEADERS));
    }

    public boolean isFresh(Instant now) {
        return now.isBefore(expires);
    }

    private static boolean has(String control, String directive) {
        for (String part : control.split(",")) {
            if (part.strip().equals(directive)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Long> directive(String control, String name) {
        for (String part : control.split(",")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) {
                long value = seconds(p.substring(name.length() + 1).replace("\"", ""));
                return value < 0 ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static long seconds(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<Instant> date(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
