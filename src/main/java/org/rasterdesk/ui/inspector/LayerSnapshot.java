package org.rasterdesk.ui.inspector;

import java.util.List;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.legend.Legend;
import org.rasterdesk.raster.pixel.PixelType;
import org.rasterdesk.source.MosaicFiles;

/**
 * Everything the inspector shows of one layer, read together off the FX thread.
 *
 * @param metadata    the source raster's metadata; its fields are null before the first parse
 * @param pixelTypes  the bands' pixel types, from the tiles; empty when the layer has none
 * @param crs         the CRS as the details show it ("EPSG:3086 — NAD83 / Florida GDL Albers"); null until named
 * @param legends     the legends the form offers
 * @param mosaic      the layer's files and overlap rule when it is a mosaic, null for a layer of one raster
 */
public record LayerSnapshot(RasterLayer layer, LayerMetadata metadata, List<BandMetadata> bands,
                            List<PixelType> pixelTypes, String crs, List<Legend> legends, MosaicFiles.Mosaic mosaic) {

    public LayerSnapshot {
        bands = List.copyOf(bands);
        pixelTypes = List.copyOf(pixelTypes);
        legends = List.copyOf(legends);
    }

    /** A layer of one raster. */
    public LayerSnapshot(RasterLayer layer, LayerMetadata metadata, List<BandMetadata> bands,
                         List<PixelType> pixelTypes, String crs, List<Legend> legends) {
        this(layer, metadata, bands, pixelTypes, crs, legends, null);
    }

    /** The same layer with its CRS as the details show it. */
    LayerSnapshot withCrs(String shownCrs) {
        return new LayerSnapshot(layer, metadata, bands, pixelTypes, shownCrs, legends, mosaic);
    }

    /** The nodata value the parse found in the source's first band, null when it has none or is not parsed. */
    Double detectedNodata() {
        return bands.isEmpty() ? null : bands.get(0).nodataValue();
    }
}
