package org.rasterdesk.tiling;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import org.rasterdesk.raster.BandStats;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.raster.RasterInfo;

/**
 * The pixel type and per-band nodata value of a layer's tiles, chosen so that no data pixel becomes nodata.
 * A band with a nodata value keeps it. Pixels outside the source footprint must be nodata even in a band without
 * one, so such bands get a value their data does not use: the type's lowest value, else its highest, else (for 8-
 * and 16-bit integers, whose every value was counted) any unused value. Bands without nodata share one value where
 * they can, because the reprojected copy (a GeoTIFF) has one nodata value for all bands. When the data uses every
 * value of its type (an 8-bit image of the full 0–255 range), the tiles get the next wider type, which has room.
 *
 * @param pixelType   the tiles' pixel type: the source's, or a wider one
 * @param nodata      per band the tiles' nodata value
 * @param explanation what was chosen for bands without nodata, for the parse log; empty when every band has one
 */
public record TileFormat(PixelType pixelType, double[] nodata, String explanation) {

    /** Chooses from the exact statistics of every band (see {@link BandStats#usedValues()}). */
    public static TileFormat choose(RasterInfo info, List<BandStats> stats) {
        PixelType type = info.pixelType();
        List<Integer> free = new ArrayList<>();
        for (int b = 0; b < info.bandCount(); b++) {
            if (info.nodata(b) == null) {
                free.add(b);
            }
        }
        double[] nodata = new double[info.bandCount()];
        for (int b = 0; b < nodata.length; b++) {
            nodata[b] = info.nodata(b) == null ? Double.NaN : info.nodata(b);
        }
        if (free.isEmpty()) {
            return new TileFormat(type, nodata, "");
        }
        Double shared = unused(type, stats, free, true);
        if (shared != null) {
            free.forEach(b -> nodata[b] = shared);
            return new TileFormat(type, nodata, String.format(Locale.ROOT, "%s without a nodata value: pixels "
                    + "outside the raster get the value %s in the tiles, which the data does not use.",
                    bands(free), number(shared)));
        }
        // One value for all bands would be best; failing that, each band its own before widening the type.
        List<Double> own = new ArrayList<>();
        for (int b : free) {
            own.add(unused(type, stats, List.of(b), true));
        }
        if (!own.contains(null)) {
            for (int i = 0; i < free.size(); i++) {
                nodata[free.get(i)] = own.get(i);
            }
            return new TileFormat(type, nodata, bands(free) + " without a nodata value: pixels outside the raster "
                    + "get a value each band's data does not use.");
        }
        PixelType wider = wider(type);
        Double widened = unused(wider, stats, free, false);
        free.forEach(b -> nodata[b] = widened);
        return new TileFormat(wider, nodata, String.format(Locale.ROOT, "%s without a nodata value uses every "
                + "%s value, so the tiles are %s, with %s for pixels outside the raster.", bands(free),
                type.gdalName(), wider.gdalName(), number(widened)));
    }

    /** Whether the tiles' pixel type differs from the source's. */
    public boolean widens(RasterInfo info) {
        return pixelType != info.pixelType();
    }

    /**
     * A value of {@code type} that none of the bands uses: the lowest, the highest, or any free one when every value
     * of the bands was counted; null when there is none (or none known to be free).
     *
     * @param counted whether {@code type} is the bands' own type, to which their counted values refer
     */
    static Double unused(PixelType type, List<BandStats> stats, List<Integer> bands, boolean counted) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        BitSet used = new BitSet();
        boolean exact = counted && !type.isFloatingPoint();
        for (int b : bands) {
            BandStats s = stats.get(b);
            if (s.hasData()) {
                lo = Math.min(lo, s.min());
                hi = Math.max(hi, s.max());
            }
            if (s.usedValues() == null) {
                exact = false;
            } else {
                used.or(s.usedValues());
            }
        }
        if (type == PixelType.FLOAT64 && lo == -Double.MAX_VALUE && hi == Double.MAX_VALUE) {
            // NaN is nodata in every band already (a NaN sample is never data).
            return Double.NaN;
        }
        if (!(lo <= type.min())) {
            return type.min();
        }
        if (!(hi >= type.max())) {
            return type.max();
        }
        if (exact) {
            int free = used.nextClearBit(0);
            if (free <= type.max() - type.min()) {
                return type.min() + free;
            }
        }
        return null;
    }

    /** The smallest type that holds every value of {@code type} and at least one more. */
    static PixelType wider(PixelType type) {
        return switch (type) {
            case BYTE -> PixelType.UINT16;
            case INT8 -> PixelType.INT16;
            case UINT16 -> PixelType.UINT32;
            case INT16 -> PixelType.INT32;
            case UINT32, INT32, FLOAT32 -> PixelType.FLOAT64;
            case FLOAT64 -> PixelType.FLOAT64;
        };
    }

    private static String bands(List<Integer> bands) {
        if (bands.size() == 1) {
            return "Band " + (bands.get(0) + 1);
        }
        return bands.size() + " bands";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
