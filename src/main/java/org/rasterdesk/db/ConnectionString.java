package org.rasterdesk.db;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a user typed to say where to connect, in any of the three forms PostgreSQL tools accept: a libpq URI
 * ({@code postgresql://user@host:5432/db?sslmode=require}), a libpq keyword/value string
 * ({@code host=gis dbname=rasters}) or a pgjdbc URL ({@code jdbc:postgresql://host/db?user=u}).
 *
 * @param options        the libpq options it sets
 * @param jdbcProperties pgjdbc properties of a JDBC URL that have no libpq equivalent, passed through unchanged
 */
record ConnectionString(Map<LibpqOption, String> options, Map<String, String> jdbcProperties) {

    ConnectionString {
        Map<LibpqOption, String> copy = new EnumMap<>(LibpqOption.class);
        copy.putAll(options);
        options = Collections.unmodifiableMap(copy);
        jdbcProperties = Collections.unmodifiableMap(new LinkedHashMap<>(jdbcProperties));
    }

    /** Keeps secrets out of logs. */
    @Override
    public String toString() {
        Map<LibpqOption, String> shown = new EnumMap<>(LibpqOption.class);
        shown.putAll(options);
        shown.computeIfPresent(LibpqOption.PASSWORD, (k, v) -> "***");
        shown.computeIfPresent(LibpqOption.SSLPASSWORD, (k, v) -> "***");
        return "ConnectionString" + shown + (jdbcProperties.isEmpty() ? "" : " " + jdbcProperties.keySet());
    }

    static ConnectionString empty() {
        return new ConnectionString(Map.of(), Map.of());
    }

    /** @throws IllegalArgumentException with libpq's kind of message when the text is not a connection string */
    static ConnectionString parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return empty();
        }
        if (s.startsWith("jdbc:postgresql:")) {
            return parseJdbcUrl(s);
        }
        if (s.startsWith("postgresql://") || s.startsWith("postgres://")) {
            return parseUri(s);
        }
        return parseKeywords(s);
    }

    private static ConnectionString parseKeywords(String s) {
        Map<LibpqOption, String> options = new EnumMap<>(LibpqOption.class);
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String keyword = s.substring(start, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new IllegalArgumentException("missing \"=\" after \"" + keyword + "\" in connection info string");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted string in connection info string");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else {
                        value.append(c);
                    }
                }
            }
            options.put(option(keyword), value.toString());
        }
        return new ConnectionString(options, Map.of());
    }

    private static ConnectionString parseUri(String s) {
        Map<LibpqOption, String> options = new EnumMap<>(LibpqOption.class);
        String rest = s.substring(s.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query + 1);
        rest = query < 0 ? rest : rest.substring(0, query);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        if (slash >= 0) {
            putIfNotEmpty(options, LibpqOption.DBNAME, percentDecode(rest.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            putIfNotEmpty(options, LibpqOption.USER, percentDecode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                options.put(LibpqOption.PASSWORD, percentDecode(userInfo.substring(colon + 1)));
            }
        }
        HostPort hostPort = HostPort.parse(authority);
        putIfNotEmpty(options, LibpqOption.HOST, percentDecode(hostPort.host()));
        putIfNotEmpty(options, LibpqOption.PORT, hostPort.port());
        for (String pair : params.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("missing key/value separator \"=\" in URI query parameter: \""
                        + pair + "\"");
            }
            String keyword = percentDecode(pair.substring(0, eq));
            String value = percentDecode(pair.substring(eq + 1));
            // libpq's own concession to JDBC habits
            if (keyword.equals("ssl") && value.equals("true")) {
                keyword = "sslmode";
                value = "require";
            }
            options.put(option(keyword), value);
        }
        return new ConnectionString(options, Map.of());
    }

    private static ConnectionString parseJdbcUrl(String s) {
        Map<LibpqOption, String> options = new EnumMap<>(LibpqOption.class);
        Map<String, String> jdbc = new LinkedHashMap<>();
        String rest = s.substring("jdbc:postgresql:".length());
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query + 1);
        rest = query < 0 ? rest : rest.substring(0, query);
        String database;
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("A JDBC URL needs a \"/\" after the host: " + s);
            }
            HostPort hostPort = HostPort.parse(rest.substring(0, slash));
            putIfNotEmpty(options, LibpqOption.HOST, hostPort.host());
            putIfNotEmpty(options, LibpqOption.PORT, hostPort.port());
            database = rest.substring(slash + 1);
        } else {
            database = rest.startsWith("/") ? rest.substring(1) : rest;
        }
        putIfNotEmpty(options, LibpqOption.DBNAME, URLDecoder.decode(database, StandardCharsets.UTF_8));
        for (String pair : params.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            LibpqOption.byJdbcProperty(name).ifPresentOrElse(o -> options.put(o, value), () -> jdbc.put(name, value));
        }
        return new ConnectionString(options, jdbc);
    }

    private static LibpqOption option(String keyword) {
        return LibpqOption.byKeyword(keyword)
                .orElseThrow(() -> new IllegalArgumentException("invalid connection option \"" + keyword + "\""));
    }

    private static void putIfNotEmpty(Map<LibpqOption, String> options, LibpqOption option, String value) {
        if (value != null && !value.isEmpty()) {
            options.put(option, value);
        }
    }

    /** libpq's %XX decoding: unlike form decoding, "+" stays a plus sign. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%') {
                if (i + 2 >= raw.length) {
                    throw new IllegalArgumentException("invalid percent-encoded token: \"" + s + "\"");
                }
                int hi = Character.digit(raw[i + 1], 16);
                int lo = Character.digit(raw[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent-encoded token: \"" + s + "\"");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** One host and optional port of a URI's authority; IPv6 addresses come in brackets. */
    private record HostPort(String host, String port) {

        static HostPort parse(String authority) {
            if (authority.indexOf(',') >= 0) {
                throw new IllegalArgumentException("Several hosts in one connection string are not supported: "
                        + authority);
            }
            if (authority.startsWith("[")) {
                int close = authority.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("end of IPv6 host address \"]\" is missing: " + authority);
                }
                String after = authority.substring(close + 1);
                if (!after.isEmpty() && !after.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected \"" + after + "\" after IPv6 host address");
                }
                return new HostPort(authority.substring(1, close), after.isEmpty() ? "" : after.substring(1));
            }
            int colon = authority.lastIndexOf(':');
            return colon < 0 ? new HostPort(authority, "")
                    : new HostPort(authority.substring(0, colon), authority.substring(colon + 1));
        }
    }
}
