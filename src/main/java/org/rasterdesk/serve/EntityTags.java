package org.rasterdesk.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Entity tags (ETag) and the If-None-Match test. A tile's tag is taken from what it is made of (layer, data and
 * style versions, options, address), not from its bytes, so that a conditional request is answered with 304
 * before anything is read or drawn.
 */
final class EntityTags {

    private EntityTags() {
    }

    /** A strong tag naming a content: the first 128 bits of the SHA-256 of its description. */
    static String of(String description) {
        return of(description.getBytes(StandardCharsets.UTF_8));
    }

    static String of(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether an If-None-Match header (a list of tags, weak or strong, or '*') names this tag. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
