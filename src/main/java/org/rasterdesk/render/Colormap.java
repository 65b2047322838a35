package org.rasterdesk.render;

import java.util.Map;

/** Turns the values of one tile band into colours. Implementations are immutable and thread safe. */
public interface Colormap {

    /**
     * Colours the samples: {@code argb[i]} for {@code values[i]}, NaN being no data (drawn transparent unless the
     * colormap says otherwise).
     *
     * @return pixel counts per legend entry expression, in entry order (empty for colormaps without entries)
     */
    Map<String, Integer> paint(double[] values, int[] argb);
}
