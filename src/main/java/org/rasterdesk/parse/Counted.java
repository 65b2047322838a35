package org.rasterdesk.parse;

import java.util.Locale;

/** A count with its noun in the number it takes, for the parse log: "1 tile", "2 tiles", "12,345 tiles". */
public final class Counted {

    private Counted() {
    }

    /** @param one the noun for one, made plural with an s */
    public static String of(long count, String one) {
        return count + " " + noun(count, one);
    }

    /** As {@link #of}, the count with thousands separators. */
    public static String grouped(long count, String one) {
        return String.format(Locale.ROOT, "%,d", count) + " " + noun(count, one);
    }

    /** The noun alone, for a count written elsewhere in the sentence. */
    public static String noun(long count, String one) {
        return count == 1 ? one : one + "s";
    }
}
