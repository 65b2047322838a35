package org.rasterdesk.tiling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the max zoom of a raster as django-raster does: the zoom whose pixels are the next finer than the
 * source's pixels measured in EPSG:3857 at the raster centre, or one level coarser without "next higher".
 * <p>
 * The source pixel is measured along both grid directions (a one-pixel step along a column and along a row from
 * the centre, transformed to EPSG:3857, so rotated and sheared grids count their true size) and the smaller of
 * the two is used: tiles are then at least as fine as the data in both directions. django-raster measures only
 * the x step, which is the smaller one for geographic rasters (mercator stretches latitude steps), so both agree
 * on the usual rasters.
 */
public final class ZoomLevels {

    /** django-raster's practical limit for a computed max zoom. */
    public static final int DJANGO_AUTOMATIC_CAP = 18;
    /** The finest zoom a user may ask for (about 9 mm pixels). */
    public static final int MAX_MANUAL_ZOOM = 24;

    private final int automaticCap;

    public ZoomLevels() {
        this(DJANGO_AUTOMATIC_CAP);
    }

    /** @param automaticCap the finest zoom the computed max zoom may reach */
    public ZoomLevels(int automaticCap) {
        if (automaticCap < 1 || automaticCap > MAX_MANUAL_ZOOM) {
            throw new IllegalArgumentException("cap out of range: " + automaticCap);
        }
        this.automaticCap = automaticCap;
    }

    /**
     * @param manualMaxZoom a zoom given by the user, which wins; null to compute it
     * @param nextHigher    django-raster's "next higher" flag: the finer of the two zooms around the pixel size
     */
    public ZoomChoice maxZoom(SourceProjection projection, Integer manualMaxZoom, boolean nextHigher) {
        if (manualMaxZoom != null) {
            if (manualMaxZoom < 0 || manualMaxZoom > MAX_MANUAL_ZOOM) {
                throw new IllegalArgumentException("max zoom must be between 0 and " + MAX_MANUAL_ZOOM);
            }
            double zoomSize = WebMercator.pixelSize(manualMaxZoom);
            return new ZoomChoice(manualMaxZoom, Double.NaN, zoomSize, String.format(Locale.ROOT,
                    "Max zoom %d given by the user (zoom pixel %.3f m).", manualMaxZoom, zoomSize));
        }
        double size = sourcePixelSize(projection);
        return forPixelSize(size, nextHigher);
    }

    /** The max zoom for a source pixel size in EPSG:3857 metres. */
    public ZoomChoice forPixelSize(double size, boolean nextHigher) {
        if (!(size > 0) || Double.isInfinite(size)) {
            throw new IllegalArgumentException("The source pixel size in EPSG:3857 cannot be measured: " + size);
        }
        double level = Math.log(WebMercator.WORLD_SIZE / (TileData.SIZE * size)) / Math.log(2);
        // A size that is a zoom's pixel size up to rounding must give that zoom, not the next.
        double rounded = Math.abs(level - Math.rint(level)) < 1e-9 ? Math.rint(level) : level;
        int z = (int) (nextHigher ? Math.ceil(rounded) : Math.floor(rounded));
        z = Math.max(1, Math.min(automaticCap, z));
        double zoomSize = WebMercator.pixelSize(z);
        String capped = z == automaticCap && rounded > automaticCap ? ", capped" : "";
        return new ZoomChoice(z, size, zoomSize, String.format(Locale.ROOT,
                "Source pixel %.3f m in EPSG:3857 -> max zoom %d (zoom pixel %.3f m, %s%s).",
                size, z, zoomSize, nextHigher ? "next higher" : "next lower", capped));
    }

    /**
     * The smaller of a one-pixel step along x and along y at the raster centre, in EPSG:3857 metres. When the
     * centre lies outside the web mercator square (a polar raster centred on the pole), the median over a 9×9
     * grid of points inside the square is used instead, as mercator is undefined at the pole.
     */
    public static double sourcePixelSize(SourceProjection projection) {
        int w = projection.info().width();
        int h = projection.info().height();
        double centre = pixelSizeAt(projection, Math.floor(w / 2.0), Math.floor(h / 2.0));
        if (Double.isFinite(centre)) {
            return centre;
        }
        List<Double> sizes = new ArrayList<>();
        for (int j = 0; j < 9; j++) {
            for (int i = 0; i < 9; i++) {
                double size = pixelSizeAt(projection, Math.floor((i + 0.5) * w / 9), Math.floor((j + 0.5) * h / 9));
                if (Double.isFinite(size)) {
                    sizes.add(size);
                }
            }
        }
        if (sizes.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sizes);
        return sizes.get(sizes.size() / 2);
    }

    /** The pixel size at a pixel corner, NaN when it is outside the web mercator square. */
    private static double pixelSizeAt(SourceProjection projection, double col, double row) {
        double[] lonLat = {col, row};
        new PointTransform(projection.pixelToGeographic()).transform(lonLat, 1);
        if (!(Math.abs(lonLat[1]) < WebMercator.MAX_LATITUDE)) {
            return Double.NaN;
        }
        double[] xy = {col, row, col + 1, row, col, row + 1};
        new PointTransform(projection.pixelToMercator()).transform(xy, 3);
        double alongX = Math.hypot(xy[2] - xy[0], xy[3] - xy[1]);
        double alongY = Math.hypot(xy[4] - xy[0], xy[5] - xy[1]);
        if (!Double.isFinite(alongX)) {
            return alongY;
        }
        return Double.isFinite(alongY) ? Math.min(alongX, alongY) : alongX;
    }
}
