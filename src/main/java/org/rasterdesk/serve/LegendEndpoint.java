package org.rasterdesk.serve;

import org.rasterdesk.legend.Legend;
import org.rasterdesk.legend.LegendJson;

/**
 * {@code /raster/legend/{id or title}} and {@code /raster/legend?layer={id or name}}: a legend as django-raster
 * serves it, its stored json (entries with name, expression, code and colour, sorted by code then name).
 */
final class LegendEndpoint {

    private final Catalog catalog;

    LegendEndpoint(Catalog catalog) {
        this.catalog = catalog;
    }

    /** @param request whose segments are raster, legend[, reference] */
    Reply answer(ServeRequest request) {
        Catalog.Snapshot snapshot = catalog.snapshot();
        Legend legend;
        if (request.depth() == 3) {
            legend = snapshot.legend(request.segment(2));
        } else {
            String reference = request.query().get("layer").orElseThrow(() -> HttpError.notFound(
                    "give a legend: /raster/legend/{id or title}, or /raster/legend?layer={layer id or name}"));
            Catalog.LayerState layer = snapshot.layer(reference);
            Integer legendId = layer.layer().legendId();
            if (legendId == null || !snapshot.legends().containsKey(legendId)) {
                throw HttpError.notFound("layer " + layer.id() + " has no legend");
            }
            legend = snapshot.legends().get(legendId);
        }
        // A legend saved by RasterDesk always has its json; one made elsewhere without entries may not.
        String json = legend.json() != null ? legend.json() : LegendJson.of(legend.entries());
        return Reply.json(json, EntityTags.of("legend|" + legend.id() + "|" + json));
    }
}
