package org.rasterdesk.parse;

import java.util.List;
import java.util.Objects;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.ReferencingCache;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.SourceFootprint;

/**
 * The metadata row of a mosaic layer: the grid that would hold every file at the finest resolution. Files of one
 * CRS are described in it; files of several CRSs in EPSG:3857, the one space they all share.
 */
final class MosaicMetadata {

    private MosaicMetadata() {
    }

    /** @param mercatorPixelSize the finest file's pixel size in EPSG:3857 metres */
    static LayerMetadata of(int layerId, List<SourcePart> parts, double mercatorPixelSize, int maxZoom) {
        RasterInfo first = parts.get(0).reader().info();
        boolean oneCrs = parts.stream().allMatch(p -> sameCrs(first, p.reader().info())
                && !p.reader().info().geoTransform().isRotated());
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double scaleX = Double.POSITIVE_INFINITY;
        double scaleY = Double.POSITIVE_INFINITY;
        for (SourcePart part : parts) {
            RasterInfo info = part.reader().info();
            double[] box;
            if (oneCrs) {
                GeoTransform t = info.geoTransform();
                double x0 = t.x(0, 0);
                double x1 = t.x(info.width(), info.height());
                double y0 = t.y(0, 0);
                double y1 = t.y(info.width(), info.height());
                box = new double[] {Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)};
                scaleX = Math.min(scaleX, Math.abs(t.scaleX()));
                scaleY = Math.min(scaleY, Math.abs(t.scaleY()));
            } else {
                Extent e = SourceFootprint.of(part.projection());
                if (e == null) {
                    continue;
                }
                box = new double[] {e.minX(), e.minY(), e.maxX(), e.maxY()};
                scaleX = mercatorPixelSize;
                scaleY = mercatorPixelSize;
            }
            minX = Math.min(minX, box[0]);
            minY = Math.min(minY, box[1]);
            maxX = Math.max(maxX, box[2]);
            maxY = Math.max(maxY, box[3]);
        }
        // A tiny tolerance: unions of files on one grid are whole pixels, up to the rounding of their origins.
        int width = (int) Math.ceil((maxX - minX) / scaleX - 1e-6);
        int height = (int) Math.ceil((maxY - minY) / scaleY - 1e-6);
        Integer srid = oneCrs ? first.srid() : Integer.valueOf(3857);
        if (srid != null && (srid < 0 || srid > Short.MAX_VALUE)) {
            srid = null;
        }
        return new LayerMetadata(layerId, minX, maxY, width, height, scaleX, -scaleY, 0.0, 0.0, first.bandCount(),
                oneCrs ? first.srsWkt() : mercatorWkt(), srid, maxZoom);
    }

    private static boolean sameCrs(RasterInfo a, RasterInfo b) {
        if (a.srid() != null && b.srid() != null) {
            return a.srid().equals(b.srid());
        }
        return Objects.equals(a.srsWkt(), b.srsWkt());
    }

    private static String mercatorWkt() {
        try {
            return ReferencingCache.describe(ReferencingCache.epsg(3857), "toWKT", c -> c.toWKT());
        } catch (org.opengis.util.FactoryException | UnsupportedOperationException e) {
            return null;
        }
    }
}
