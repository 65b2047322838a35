package org.rasterdesk.serve;

import java.util.Map;
import java.util.Optional;
import org.rasterdesk.legend.Expression;
import org.rasterdesk.legend.ExpressionException;
import org.rasterdesk.legend.ExpressionParser;
import org.rasterdesk.render.Colormap;
import org.rasterdesk.render.ContinuousColormap;
import org.rasterdesk.render.TileImage;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * {@code /raster/algebra/{z}/{x}/{y}.png|jpg|tif?layers=a=1,b=2&formula=...}: a formula of the legends' expression
 * language evaluated on several layers' tiles, coloured by the request's colormap or legend (else a grey ramp over
 * the tile's own range, as django-raster draws it), or its values as a GeoTIFF; without a formula, layers named
 * r, g and b make an RGB image.
 */
final class AlgebraEndpoint {

    /** The longest formula taken. */
    static final int MAX_FORMULA_LENGTH = 2000;

    private final Catalog catalog;
    private final OpenedLayers layers;
    private final TileCache cache;

    AlgebraEndpoint(Catalog catalog, OpenedLayers layers, TileCache cache) {
        this.catalog = catalog;
        this.layers = layers;
        this.cache = cache;
    }

    /** @param request whose segments are raster, algebra, z, x, y.format */
    Reply answer(ServeRequest request) {
        TileAddress address = TileAddress.of(request.segment(2), request.segment(3), request.segment(4));
        Catalog.Snapshot snapshot = catalog.snapshot();
        AlgebraInputs inputs = AlgebraInputs.of(request.query(), snapshot);
        Optional<Expression> formula = formula(request.query(), inputs);
        String tile = address.encoding().extension() + "|" + address.key();
        if (formula.isEmpty()) {
            RgbComposite rgb = RgbComposite.of(request.query());
            if (address.encoding() == TileEncodings.TIF) {
                throw HttpError.badRequest("an RGB image has no .tif form here: ask for each layer's .tif tiles");
            }
            ImageEnhancement enhancement = ImageEnhancement.of(request.query());
            return cache.answer(request, "rgb|" + inputs.key() + rgb.key() + enhancement.key() + "|" + tile,
                    () -> rgb(inputs, rgb, enhancement, address));
        }
        if (address.encoding() == TileEncodings.TIF) {
            return cache.answer(request, "algebra-values|" + inputs.key() + formula.get().source() + "|" + tile,
                    () -> {
                        double[] values = evaluate(inputs, formula.get(), address.key()).orElseGet(
                                () -> TileEndpoint.filled(Double.NaN));
                        return Reply.ok(Reply.TIFF, TileEncodings.values(address.key(), values, Double.NaN), null);
                    });
        }
        TileStyle style = TileStyle.of(request.query(), snapshot);
        ImageEnhancement enhancement = ImageEnhancement.of(request.query());
        String key = "algebra|" + inputs.key() + formula.get().source() + "|" + style.key() + enhancement.key() + "|"
                + tile;
        return cache.answer(request, key, () -> {
            Optional<double[]> values = evaluate(inputs, formula.get(), address.key());
            int[] argb = new int[TileImage.SIZE * TileImage.SIZE];
            Map<String, Integer> counts = Map.of();
            if (values.isPresent()) {
                counts = colormap(style, snapshot, values.get()).paint(values.get(), argb);
            }
            if (!enhancement.isNone()) {
                argb = enhancement.apply(argb);
            }
            return Reply.ok(address.encoding().contentType(), address.encoding().image(argb), null)
                    .withHeader(AggregationHeader.NAME, AggregationHeader.of(counts));
        });
    }

    /**
     * The formula of a request over its inputs, or empty when there is none and r, g and b are given.
     *
     * @throws HttpError 400 for a malformed formula, or neither formula nor r, g, b
     */
    static Optional<Expression> formula(QueryParameters query, AlgebraInputs inputs) {
        Optional<String> text = query.get("formula").filter(f -> !f.isBlank());
        if (text.isEmpty()) {
            if (inputs.has("r") && inputs.has("g") && inputs.has("b")) {
                return Optional.empty();
            }
            throw HttpError.badRequest("give a formula, or layers named r, g and b for an RGB image");
        }
        if (text.get().length() > MAX_FORMULA_LENGTH) {
            throw HttpError.badRequest("the formula is longer than " + MAX_FORMULA_LENGTH + " characters");
        }
        try {
            return Optional.of(ExpressionParser.parse(text.get(), inputs.variables()));
        } catch (ExpressionException e) {
            throw HttpError.badRequest("formula: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("layers: " + e.getMessage());
        }
    }

    /** The formula's values at a tile, no data as NaN; empty when a layer has nothing there. */
    Optional<double[]> evaluate(AlgebraInputs inputs, Expression formula, TileKey key) {
        return inputs.values(layers, key, false).map(values -> {
            double[] out = new double[TileData.SIZE * TileData.SIZE];
            formula.evaluate(values, out);
            return out;
        });
    }

    private static Colormap colormap(TileStyle style, Catalog.Snapshot snapshot, double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 0;
        }
        // Results have no statistics of their own: without a colormap or legend, the tile's range, as django-raster.
        double low = min;
        double high = max;
        return style.forValues(snapshot, low, high).orElseGet(() -> ContinuousColormap.grey(low, high));
    }

    private Reply rgb(AlgebraInputs inputs, RgbComposite rgb, ImageEnhancement enhancement, TileAddress address) {
        Optional<double[][]> values = inputs.values(layers, address.key(), true);
        int[] argb = new int[TileImage.SIZE * TileImage.SIZE];
        if (values.isPresent()) {
            double[][] v = values.get();
            argb = rgb.paint(v[inputs.variables().indexOf("r")], v[inputs.variables().indexOf("g")],
                    v[inputs.variables().indexOf("b")]);
        }
        if (!enhancement.isNone()) {
            argb = enhancement.apply(argb);
        }
        return Reply.ok(address.encoding().contentType(), address.encoding().image(argb), null)
                .withHeader(AggregationHeader.NAME, "{}");
    }
}
