package org.rasterdesk.serve;

import org.rasterdesk.tiling.WebMercator;

/** EPSG:3857 metres to WGS 84 longitude and latitude (the spherical formulas of web mercator). */
final class LonLat {

    private static final double RADIUS = WebMercator.WORLD_SIZE / (2 * Math.PI);

    private LonLat() {
    }

    /** {longitude, latitude} in degrees. */
    static double[] of(double x, double y) {
        return new double[] {Math.toDegrees(x / RADIUS), Math.toDegrees(Math.atan(Math.sinh(y / RADIUS)))};
    }
}
