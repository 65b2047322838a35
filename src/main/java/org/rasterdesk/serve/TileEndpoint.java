package org.rasterdesk.serve;

import java.util.Arrays;
import java.util.Optional;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.render.LayerRenderer;
import org.rasterdesk.render.RenderedTile;
import org.rasterdesk.tiling.TileData;

/**
 * {@code /raster/tiles/{layer id or name}/{z}/{x}/{y}.png|jpg|tif}: a layer's tile drawn as the render command
 * draws it (the same renderer, ancestors standing in for missing tiles), in the style the query asks for, or its
 * values as a GeoTIFF.
 */
final class TileEndpoint {

    private final Catalog catalog;
    private final OpenedLayers layers;
    private final TileCache cache;

    TileEndpoint(Catalog catalog, OpenedLayers layers, TileCache cache) {
        this.catalog = catalog;
        this.layers = layers;
        this.cache = cache;
    }

    /** @param request whose segments are raster, tiles, layer, z, x, y.format */
    Reply answer(ServeRequest request) {
        TileAddress address = TileAddress.of(request.segment(3), request.segment(4), request.segment(5));
        Catalog.Snapshot snapshot = catalog.snapshot();
        Catalog.LayerState layer = snapshot.layer(request.segment(2));
        String tile = address.encoding().extension() + "|" + address.key();
        if (address.encoding() == TileEncodings.TIF) {
            // Values do not depend on colours: every style option is ignored, as in django-raster.
            return cache.answer(request, "values|" + layer.id() + "@" + layer.version() + "|" + tile,
                    () -> values(layer, address));
        }
        TileStyle style = TileStyle.of(request.query(), snapshot);
        ImageEnhancement enhancement = ImageEnhancement.of(request.query());
        String key = "tile|" + layer.id() + "@" + layer.version() + "|" + style.key() + enhancement.key() + "|" + tile;
        return cache.answer(request, key, () -> {
            LayerRenderer renderer = style.renderer(layers, layer, snapshot);
            RenderedTile rendered = renderer.render(address.key());
            int[] argb = enhancement.isNone() ? rendered.image().argb() : enhancement.apply(rendered.image().argb());
            return Reply.ok(address.encoding().contentType(), address.encoding().image(argb), null)
                    .withHeader(AggregationHeader.NAME, AggregationHeader.of(rendered.image().counts()));
        });
    }

    private Reply values(Catalog.LayerState layer, TileAddress address) {
        OpenedLayers.OpenedLayer opened = layers.open(layer);
        Optional<TileData> tile = opened.renderer().values(address.key());
        double nodata = tile.map(t -> t.nodata()[0])
                .orElseGet(() -> opened.opened().band().map(BandMetadata::nodataValue).orElse(Double.NaN));
        double[] values = tile.map(t -> t.bands()[0]).orElseGet(() -> filled(nodata));
        return Reply.ok(Reply.TIFF, TileEncodings.values(address.key(), values, nodata), null);
    }

    static double[] filled(double value) {
        double[] values = new double[TileData.SIZE * TileData.SIZE];
        Arrays.fill(values, value);
        return values;
    }
}
