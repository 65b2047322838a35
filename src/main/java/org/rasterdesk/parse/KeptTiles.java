package org.rasterdesk.parse;

import java.util.Locale;
import javax.sql.DataSource;
import org.rasterdesk.layer.TileRepository;

/** What a parse that did not finish left the layer with, said truthfully: its previous tiles, or none at all. */
final class KeptTiles {

    private KeptTiles() {
    }

    /** "the previous 2,524 tiles are kept" or "the layer has no tiles", counted now. */
    static String describe(DataSource dataSource, int layerId) {
        try {
            return describe(new TileRepository(dataSource).count(layerId));
        } catch (RuntimeException e) {
            // The database may be the reason the parse ended: say nothing rather than something untrue.
            return "the layer's previous tiles, if any, are not touched";
        }
    }

    static String describe(long count) {
        if (count == 0) {
            return "the layer has no tiles";
        }
        return count == 1 ? "the previous tile is kept"
                : String.format(Locale.ROOT, "the previous %,d tiles are kept", count);
    }

    /** The sentence with a capital letter and a full stop. */
    static String sentence(String clause) {
        return Character.toUpperCase(clause.charAt(0)) + clause.substring(1) + ".";
    }
}
