package org.rasterdesk.raster;

/**
 * The affine map from pixel (column, row) to the CRS's (x, y), in GDAL's coefficient order:
 * {@code x = originX + col * scaleX + row * skewX}, {@code y = originY + col * skewY + row * scaleY}.
 * Pixel (0, 0) is the upper left corner of the upper left pixel.
 */
public record GeoTransform(double originX, double scaleX, double skewX,
                           double originY, double skewY, double scaleY) {

    public static GeoTransform northUp(double originX, double originY, double pixelWidth, double pixelHeight) {
        return new GeoTransform(originX, pixelWidth, 0, originY, 0, -pixelHeight);
    }

    public double x(double col, double row) {
        return originX + col * scaleX + row * skewX;
    }

    public double y(double col, double row) {
        return originY + col * skewY + row * scaleY;
    }

    /** The true width of one pixel in CRS units, also when the grid is rotated or sheared. */
    public double pixelWidth() {
        return Math.hypot(scaleX, skewY);
    }

    /** The true height of one pixel in CRS units, also when the grid is rotated or sheared. */
    public double pixelHeight() {
        return Math.hypot(skewX, scaleY);
    }

    public boolean isRotated() {
        return skewX != 0 || skewY != 0;
    }

    public double determinant() {
        return scaleX * scaleY - skewX * skewY;
    }

    /** The inverse map, from CRS (x, y) to pixel (column, row), in the same coefficient order. */
    public GeoTransform inverse() {
        double det = determinant();
        if (det == 0) {
            throw new IllegalStateException("The geotransform is degenerate (zero pixel size)");
        }
        double a = scaleY / det;
        double b = -skewX / det;
        double d = -skewY / det;
        double e = scaleX / det;
        return new GeoTransform(-(a * originX + b * originY), a, b, -(d * originX + e * originY), d, e);
    }

    /** As an array in GDAL's order, for logging and comparison with gdalinfo. */
    public double[] toArray() {
        return new double[] {originX, scaleX, skewX, originY, skewY, scaleY};
    }
}
