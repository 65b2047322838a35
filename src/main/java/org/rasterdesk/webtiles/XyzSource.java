package org.rasterdesk.webtiles;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.rasterdesk.tiling.TileKey;

/**
 * A web map of XYZ tiles: a URL template with {@code {z}}, {@code {x}} and {@code {y}} (or {@code {-y}} for TMS rows,
 * counted from the south), optionally {@code {s}} for the subdomains a, b, c; the attribution its licence asks to
 * show; and the deepest level it serves (deeper views blow up tiles of that level).
 */
public record XyzSource(String template, String attribution, int maxZoom) {

    /**
     * OpenStreetMap's standard tiles, at the one URL its tile usage policy names (no subdomains), with the
     * attribution its licence asks for.
     */
    public static final XyzSource OPENSTREETMAP = new XyzSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "© OpenStreetMap contributors", 19);

    /** The deepest level assumed for a template a user enters: that of most XYZ services. */
    public static final int DEFAULT_MAX_ZOOM = 19;

    private static final String SUBDOMAINS = "abc";

    public XyzSource {
        template = template == null ? "" : template.strip();
        attribution = attribution == null ? "" : attribution.strip();
        if (!template.contains("{z}") || !template.contains("{x}")
                || !(template.contains("{y}") || template.contains("{-y}"))) {
            throw new IllegalArgumentException("A tile URL needs {z}, {x} and {y} in it, as in "
                    + OPENSTREETMAP.template + ".");
        }
        if (maxZoom < 0 || maxZoom > 30) {
            throw new IllegalArgumentException("The deepest zoom level of a tile source is 0 to 30, not " + maxZoom
                    + ".");
        }
        URI sample = toUri(template, new TileKey(1, 0, 0));
        if (sample.getScheme() == null || !(sample.getScheme().equalsIgnoreCase("http")
                || sample.getScheme().equalsIgnoreCase("https")) || sample.getHost() == null) {
            throw new IllegalArgumentException("A tile URL starts with http:// or https:// and a host name: "
                    + template);
        }
    }

    /** A template a user entered, with the default deepest level. */
    public static XyzSource of(String template, String attribution) {
        return new XyzSource(template, attribution, DEFAULT_MAX_ZOOM);
    }

    /** The tile's URL. */
    public URI uri(TileKey key) {
        return toUri(template, key);
    }

    /** The host serving the tiles, to name in messages. */
    public String host() {
        return uri(new TileKey(0, 0, 0)).getHost();
    }

    /** A short name of the template, fit for a folder name: tiles of different templates never mix in a cache. */
    public String cacheName() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(template.getBytes(StandardCharsets.UTF_8));
            return host().replaceAll("[^A-Za-z0-9.-]", "_") + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    private static URI toUri(String template, TileKey key) {
        int rows = 1 << key.z();
        String url = template.replace("{z}", String.valueOf(key.z()))
                .replace("{x}", String.valueOf(key.x()))
                .replace("{-y}", String.valueOf(rows - 1 - key.y()))
                .replace("{y}", String.valueOf(key.y()))
                // The same subdomain for a tile every time, so that a browser-like cache sees one URL per tile.
                .replace("{s}", String.valueOf(SUBDOMAINS.charAt(Math.floorMod(key.x() + key.y(), 3))));
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not a URL: " + url + " (" + e.getReason() + ").", e);
        }
    }
}
