package org.rasterdesk.basemap;

import java.util.Arrays;

/**
 * A line of longitude/latitude points in degrees (WGS 84), stored as {lon0, lat0, lon1, lat1, ...}.
 */
public record Polyline(double[] coordinates) {

    public Polyline {
        if (coordinates.length < 4 || coordinates.length % 2 != 0) {
            throw new IllegalArgumentException("a line has at least two points, as lon/lat pairs");
        }
        coordinates = coordinates.clone();
    }

    /** The number of points. */
    public int size() {
        return coordinates.length / 2;
    }

    public double lon(int point) {
        return coordinates[2 * point];
    }

    public double lat(int point) {
        return coordinates[2 * point + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polyline p && Arrays.equals(coordinates, p.coordinates);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return "Polyline of " + size() + " points from " + lon(0) + "," + lat(0);
    }
}
