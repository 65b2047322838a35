package org.rasterdesk.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;

/**
 * django-raster's {@code layers} parameter of raster algebra: {@code name=layer} pairs separated by commas, the
 * name optionally followed by {@code :band} (0-based, default 0), e.g. {@code layers=a=1,b:2=7}. A layer is given
 * by id (as in django-raster) or by name.
 */
record AlgebraInputs(List<AlgebraInputs.Input> inputs) {

    /** One variable of the formula: the layer and band its values come from. */
    record Input(String variable, int band, Catalog.LayerState layer) {
        String key() {
            return variable + ":" + band + "=" + layer.id() + "@" + layer.version();
        }
    }

    private static final Pattern PAIR = Pattern.compile("([A-Za-z0-9_]+)(?::([0-9]{1,4}))?=([^=]+)");

    /** @throws HttpError 400 when the parameter is missing or malformed, 404 for an unknown layer */
    static AlgebraInputs of(QueryParameters query, Catalog.Snapshot catalog) {
        String text = query.get("layers").orElseThrow(() -> HttpError.badRequest(
                "layers is missing: name the layers of the formula, e.g. layers=a=1,b=2"));
        List<Input> inputs = new ArrayList<>();
        for (String pair : text.split(",")) {
            Matcher m = PAIR.matcher(pair.strip());
            if (!m.matches()) {
                throw HttpError.badRequest("layers: '" + pair + "' is not name=layer (or name:band=layer)");
            }
            String variable = m.group(1);
            if (inputs.stream().anyMatch(i -> i.variable().equals(variable))) {
                throw HttpError.badRequest("layers: the name " + variable + " is given twice");
            }
            int band = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            inputs.add(new Input(variable, band, catalog.layer(m.group(3).strip())));
        }
        return new AlgebraInputs(List.copyOf(inputs));
    }

    List<String> variables() {
        return inputs.stream().map(Input::variable).toList();
    }

    boolean has(String variable) {
        return inputs.stream().anyMatch(i -> i.variable().equals(variable));
    }

    String key() {
        StringBuilder key = new StringBuilder();
        for (Input input : inputs) {
            key.append(input.key()).append(',');
        }
        return key.toString();
    }

    /**
     * Every input's values at a tile (ancestors standing in, as for tiles), no data as NaN; empty when any layer has
     * nothing there (django-raster then answers an empty tile).
     *
     * @param raw true for the samples as stored (no data kept as its value, as django-raster's RGB images use them)
     * @throws HttpError 400 when a layer lacks the band asked for
     */
    Optional<double[][]> values(OpenedLayers layers, TileKey key, boolean raw) {
        double[][] values = new double[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            Input input = inputs.get(i);
            Optional<TileData> tile = layers.open(input.layer()).renderer().values(key);
            if (tile.isEmpty()) {
                return Optional.empty();
            }
            TileData data = tile.get();
            if (input.band() >= data.bandCount()) {
                throw HttpError.badRequest("layer " + input.layer().id() + " has " + data.bandCount() + " band"
                        + (data.bandCount() == 1 ? "" : "s") + ", no band " + input.band());
            }
            double[] samples = data.bands()[input.band()];
            if (raw) {
                values[i] = samples;
            } else {
                double nodata = data.nodata()[input.band()];
                double[] v = new double[samples.length];
                for (int p = 0; p < v.length; p++) {
                    v[p] = samples[p] == nodata ? Double.NaN : samples[p];
                }
                values[i] = v;
            }
        }
        return Optional.of(values);
    }
}
