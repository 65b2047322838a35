package org.rasterdesk.tiling;

/** An axis-aligned rectangle in EPSG:3857 metres (or any planar CRS the caller names). */
public record Extent(double minX, double minY, double maxX, double maxY) {

    public double width() {
        return maxX - minX;
    }

    public double height() {
        return maxY - minY;
    }

    public boolean isEmpty() {
        return !(maxX > minX && maxY > minY);
    }

    public Extent intersection(Extent other) {
        return new Extent(Math.max(minX, other.minX), Math.max(minY, other.minY),
                Math.min(maxX, other.maxX), Math.min(maxY, other.maxY));
    }
}
