package org.rasterdesk.layer;

import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.RasterInfo;

/**
 * What the source raster of a layer looked like (raster_rasterlayermetadata): its grid, georeference, band count,
 * SRS and the max zoom chosen for it. All fields are null until the layer is parsed.
 */
public record LayerMetadata(int layerId, Double upperLeftX, Double upperLeftY, Integer width, Integer height,
                            Double scaleX, Double scaleY, Double skewX, Double skewY, Integer numBands,
                            String srsWkt, Integer srid, Integer maxZoom) {

    /** The row django-raster creates with a new layer: nothing known yet. */
    public static LayerMetadata empty(int layerId) {
        return new LayerMetadata(layerId, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The metadata of a source raster. The srid column is a smallint (Django's PositiveSmallIntegerField), so a
     * code outside 0..32767 (ESRI codes such as 102100) is stored as null; the WKT still describes the SRS.
     */
    public static LayerMetadata of(int layerId, RasterInfo info, Integer maxZoom) {
        GeoTransform t = info.geoTransform();
        Integer srid = info.srid() != null && info.srid() >= 0 && info.srid() <= Short.MAX_VALUE ? info.srid() : null;
        return new LayerMetadata(layerId, t.originX(), t.originY(), info.width(), info.height(), t.scaleX(),
                t.scaleY(), t.skewX(), t.skewY(), info.bandCount(), info.srsWkt(), srid, maxZoom);
    }

    /** The source raster's geotransform, or null before the layer is parsed. */
    public GeoTransform geoTransform() {
        if (upperLeftX == null || upperLeftY == null || scaleX == null || scaleY == null) {
            return null;
        }
        return new GeoTransform(upperLeftX, scaleX, skewX == null ? 0 : skewX, upperLeftY,
                skewY == null ? 0 : skewY, scaleY);
    }
}
