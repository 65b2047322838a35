package org.rasterdesk.render;

import java.util.Map;

/**
 * The default for categorical and rank ordered layers without a legend: each value gets one of 20 distinct
 * colours (Tableau 20, dark tones first). Whole numbers take them in turn (0, 1, 2, ... differ up to 20 classes);
 * other values by a hash of their bits. No data is transparent.
 */
public final class QualitativeColormap implements Colormap {

    static final int[] PALETTE = {
        0xFF1F77B4, 0xFFFF7F0E, 0xFF2CA02C, 0xFFD62728, 0xFF9467BD,
        0xFF8C564B, 0xFFE377C2, 0xFF7F7F7F, 0xFFBCBD22, 0xFF17BECF,
        0xFFAEC7E8, 0xFFFFBB78, 0xFF98DF8A, 0xFFFF9896, 0xFFC5B0D5,
        0xFFC49C94, 0xFFF7B6D2, 0xFFC7C7C7, 0xFFDBDB8D, 0xFF9EDAE5,
    };

    @Override
    public Map<String, Integer> paint(double[] values, int[] argb) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            argb[i] = Double.isNaN(v) ? 0 : colorOf(v);
        }
        return Map.of();
    }

    /** The colour of a value. */
    public static int colorOf(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e18) {
            return PALETTE[(int) Math.floorMod((long) value, (long) PALETTE.length)];
        }
        long bits = Double.doubleToLongBits(value);
        bits ^= bits >>> 33;
        bits *= 0xff51afd7ed558ccdL;
        bits ^= bits >>> 33;
        return PALETTE[(int) Math.floorMod(bits, (long) PALETTE.length)];
    }
}
