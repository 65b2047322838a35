package org.rasterdesk.serve;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.rasterdesk.legend.Expression;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;

/**
 * {@code /raster/pixel/{x}/{y}?layers=a=1&formula=a}: the value of a raster algebra formula at a point in EPSG:3857
 * metres, taken from the tiles at the deepest max zoom of the layers, as
 * {@code {"x": -9218229.0, "y": 3229269.0, "value": 3.0}}. The value is null where there is no data (django-raster
 * gives the no data value itself, or an image when a layer has no tile there).
 */
final class PixelEndpoint {

    /** django-raster's pattern of a coordinate in the URL. */
    private static final Pattern COORDINATE = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,12})?");

    private final Catalog catalog;
    private final AlgebraEndpoint algebra;
    private final OpenedLayers layers;
    private final TileCache cache;

    PixelEndpoint(Catalog catalog, AlgebraEndpoint algebra, OpenedLayers layers, TileCache cache) {
        this.catalog = catalog;
        this.algebra = algebra;
        this.layers = layers;
        this.cache = cache;
    }

    /** @param request whose segments are raster, pixel, x, y */
    Reply answer(ServeRequest request) {
        double x = coordinate(request.segment(2));
        double y = coordinate(request.segment(3));
        if (Math.abs(x) > WebMercator.SHIFT || Math.abs(y) > WebMercator.SHIFT) {
            throw HttpError.badRequest("the point " + x + ", " + y + " is outside the web mercator world (x and y "
                    + "within ±" + WebMercator.SHIFT + " m)");
        }
        Catalog.Snapshot snapshot = catalog.snapshot();
        AlgebraInputs inputs = AlgebraInputs.of(request.query(), snapshot);
        Expression formula = AlgebraEndpoint.formula(request.query(), inputs).orElseThrow(() ->
                HttpError.badRequest("a pixel value needs a formula (an RGB image has no single value)"));
        int zoom = 0;
        for (AlgebraInputs.Input input : inputs.inputs()) {
            zoom = Math.max(zoom, layers.open(input.layer()).renderer().maxZoom());
        }
        TileKey key = new TileKey(zoom, WebMercator.tileX(zoom, x), WebMercator.tileY(zoom, y));
        String cacheKey = "pixel|" + inputs.key() + formula.source() + "|" + key + "|" + x + "," + y;
        return cache.answer(request, cacheKey, () -> {
            Optional<double[]> values = algebra.evaluate(inputs, formula, key);
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("x", x);
            json.put("y", y);
            double value = values.map(v -> v[pixelIndex(key, x, y)]).orElse(Double.NaN);
            if (Double.isNaN(value)) {
                json.putNull("value");
            } else if (Double.isInfinite(value)) {
                json.put("value", value > 0 ? "Infinity" : "-Infinity");
            } else {
                json.put("value", value);
            }
            return Reply.json(json.toString(), null);
        });
    }

    private static double coordinate(String text) {
        if (!COORDINATE.matcher(text).matches()) {
            throw HttpError.badRequest("a coordinate is a number of metres such as -9218229 or 3229269.5, not '"
                    + text + "'");
        }
        return Double.parseDouble(text);
    }

    /** The pixel of the tile holding the point; a point on the tile's east or south edge is in its last pixel. */
    static int pixelIndex(TileKey key, double x, double y) {
        Extent bounds = WebMercator.tileBounds(key);
        double size = WebMercator.pixelSize(key.z());
        int col = (int) Math.min(TileData.SIZE - 1, Math.max(0, Math.floor((x - bounds.minX()) / size)));
        int row = (int) Math.min(TileData.SIZE - 1, Math.max(0, Math.floor((bounds.maxY() - y) / size)));
        return row * TileData.SIZE + col;
    }
}
