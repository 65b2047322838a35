package org.rasterdesk.legend;

import java.util.Locale;

/**
 * Hex colours read as CSS reads them, as ARGB ints: {@code #RGB} (each digit doubled, so {@code #F00} is red),
 * {@code #RGBA}, {@code #RRGGBB}, {@code #RRGGBBAA}; the '#' may be left out, as django-colorful allows.
 * django-raster's hex_to_rgba repeats the whole short form instead ({@code #F00} → (240, 15, 0)); that is a bug.
 */
public final class CssColor {

    private CssColor() {
    }

    /**
     * The colour as 0xAARRGGBB.
     *
     * @throws IllegalArgumentException when the text is not one of the four hex forms
     */
    public static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no colour");
        }
        String hex = text.strip();
        if (hex.startsWith("#")) {
            hex = hex.substring(1);
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("not a hex colour: " + text);
            }
        }
        switch (hex.length()) {
            case 3:
                return argb(twice(hex, 0), twice(hex, 1), twice(hex, 2), 255);
            case 4:
                return argb(twice(hex, 0), twice(hex, 1), twice(hex, 2), twice(hex, 3));
            case 6:
                return argb(pair(hex, 0), pair(hex, 2), pair(hex, 4), 255);
            case 8:
                return argb(pair(hex, 0), pair(hex, 2), pair(hex, 4), pair(hex, 6));
            default:
                throw new IllegalArgumentException("not a hex colour (#RGB, #RGBA, #RRGGBB or #RRGGBBAA): " + text);
        }
    }

    /** Whether {@link #parse} accepts the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code #rrggbb} for an opaque colour, {@code #rrggbbaa} otherwise. */
    public static String format(int argb) {
        int alpha = argb >>> 24;
        String rgb = String.format(Locale.ROOT, "#%06x", argb & 0xFFFFFF);
        return alpha == 255 ? rgb : rgb + String.format(Locale.ROOT, "%02x", alpha);
    }

    public static int argb(int red, int green, int blue, int alpha) {
        return (alpha << 24) | (red << 16) | (green << 8) | blue;
    }

    private static int twice(String hex, int i) {
        return Character.digit(hex.charAt(i), 16) * 17;
    }

    private static int pair(String hex, int i) {
        return Integer.parseInt(hex.substring(i, i + 2), 16);
    }
}
