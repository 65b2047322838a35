package org.rasterdesk.parse;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rasterdesk.raster.BandStats;

/** The colours of a palette image that its data uses, by band and value: what its legend shows. */
final class BandPalettes {

    private BandPalettes() {
    }

    /**
     * @param palette the colour of each index (band 0), or null without palette
     * @return band 0's used values and their colours; empty without palette
     */
    static Map<Integer, Map<Integer, Integer>> of(int[] palette, List<BandStats> stats) {
        if (palette == null || stats.isEmpty()) {
            return Map.of();
        }
        BandStats band = stats.get(0);
        BitSet used = band.usedValues();
        Map<Integer, Integer> colors = new TreeMap<>();
        for (int v = 0; v < palette.length; v++) {
            boolean occurs = used != null ? used.get(v) : band.hasData() && v >= band.min() && v <= band.max();
            if (occurs && (band.nodata() == null || band.nodata() != v)) {
                colors.put(v, palette[v]);
            }
        }
        return Map.of(0, colors);
    }
}
