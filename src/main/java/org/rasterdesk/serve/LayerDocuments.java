package org.rasterdesk.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rasterdesk.legend.ContinuousStyle;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.WebMercator;

/**
 * Documents about layers that django-raster does not serve: a TileJSON 3.0.0 document per layer
 * ({@code /raster/tiles/{layer}.json}, its tile URL carrying the request's style options), and the list of layers
 * ({@code /raster/layers.json}) that the web map shows.
 */
final class LayerDocuments {

    /** The options of a TileJSON request that go on into its tile URL. */
    private static final List<String> STYLE_OPTIONS = List.of("colormap", "legend", "entries", "store",
            "enhance_color", "enhance_contrast", "enhance_brightness", "enhance_sharpness");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Catalog catalog;
    private final OpenedLayers layers;

    LayerDocuments(Catalog catalog, OpenedLayers layers) {
        this.catalog = catalog;
        this.layers = layers;
    }

    /** @param reference the layer id or name (the last segment without ".json") */
    Reply tileJson(ServeRequest request, String reference, String base) {
        Catalog.Snapshot snapshot = catalog.snapshot();
        Catalog.LayerState layer = snapshot.layer(reference);
        OpenedLayers.OpenedLayer opened = layers.open(layer);
        ObjectNode doc = JSON.objectNode();
        doc.put("tilejson", "3.0.0");
        doc.put("name", layer.displayName());
        doc.put("description", Optional.ofNullable(layer.layer().description()).orElse(""));
        doc.put("version", "1.0.0");
        doc.put("scheme", "xyz");
        doc.putArray("tiles").add(tileUrl(base, layer.id(), "png") + styleQuery(request.query()));
        doc.put("minzoom", 0);
        doc.put("maxzoom", opened.renderer().maxZoom());
        opened.extent().ifPresent(extent -> {
            doc.set("bounds", bounds(extent));
            double[] centre = LonLat.of((extent.minX() + extent.maxX()) / 2, (extent.minY() + extent.maxY()) / 2);
            doc.putArray("center").add(centre[0]).add(centre[1]).add(fittingZoom(extent,
                    opened.renderer().maxZoom()));
        });
        ObjectNode details = details(layer, opened, base);
        details.remove("name");
        doc.set("rasterdesk", details);
        return Reply.json(doc.toString(), null);
    }

    /** Every layer, by id: what the web map lists and draws. */
    Reply list(String base) {
        Catalog.Snapshot snapshot = catalog.snapshot();
        ArrayNode list = JSON.arrayNode();
        for (Catalog.LayerState layer : snapshot.layers().values().stream()
                .sorted(Comparator.comparing(Catalog.LayerState::id)).toList()) {
            OpenedLayers.OpenedLayer opened = layers.open(layer);
            ObjectNode item = details(layer, opened, base);
            opened.extent().ifPresent(extent -> item.set("bounds", bounds(extent)));
            list.add(item);
        }
        return Reply.json(list.toString(), null);
    }

    private ObjectNode details(Catalog.LayerState layer, OpenedLayers.OpenedLayer opened, String base) {
        ObjectNode item = JSON.objectNode();
        item.put("id", layer.id());
        item.put("name", layer.displayName());
        item.put("datatype", layer.layer().datatype().code());
        item.put("status", layer.status().displayText());
        item.put("maxzoom", opened.renderer().maxZoom());
        item.put("hasTiles", opened.tiles().isPresent());
        item.put("tiles", tileUrl(base, layer.id(), "png"));
        item.put("values", tileUrl(base, layer.id(), "tif"));
        item.put("tilejson", base + "/raster/tiles/" + layer.id() + ".json");
        item.put("legend", opened.opened().legend().isPresent() ? base + "/raster/legend?layer=" + layer.id() : null);
        Optional<ContinuousStyle> style = opened.opened().style();
        if (style.isPresent()) {
            item.put("ramp", style.get().toJson());
        }
        opened.opened().band().ifPresent(b -> item.putArray("range").add(b.min()).add(b.max()));
        return item;
    }

    static String tileUrl(String base, int layerId, String extension) {
        return base + "/raster/tiles/" + layerId + "/{z}/{x}/{y}." + extension;
    }

    private static String styleQuery(QueryParameters query) {
        StringBuilder q = new StringBuilder();
        for (String name : STYLE_OPTIONS) {
            query.get(name).ifPresent(value -> q.append(q.length() == 0 ? '?' : '&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        return q.toString();
    }

    private static ArrayNode bounds(Extent extent) {
        double[] sw = LonLat.of(extent.minX(), extent.minY());
        double[] ne = LonLat.of(extent.maxX(), extent.maxY());
        return JSON.arrayNode().add(round(sw[0])).add(round(sw[1])).add(round(ne[0])).add(round(ne[1]));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    /** The deepest zoom level at which the extent is no wider than a tile, at most the layer's max zoom. */
    static int fittingZoom(Extent extent, int maxZoom) {
        double span = Math.max(extent.width(), extent.height());
        int zoom = span <= 0 ? maxZoom : (int) Math.floor(Math.log(WebMercator.WORLD_SIZE / span) / Math.log(2));
        return Math.max(0, Math.min(maxZoom, zoom));
    }
}
