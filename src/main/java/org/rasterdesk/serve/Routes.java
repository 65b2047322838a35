package org.rasterdesk.serve;

import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Which endpoint answers which path: django-raster's under {@code /raster/} ({@code tiles}, {@code algebra},
 * {@code pixel}, {@code legend}), RasterDesk's additions ({@code /raster/tiles/{layer}.json},
 * {@code /raster/layers.json}) and the web map's files. Anything else is 404.
 */
final class Routes {

    /** What a host in a Host header looks like: a name or IPv4 address, or an IPv6 one in brackets; a port. */
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

    private final Catalog catalog;
    private final TileEndpoint tiles;
    private final AlgebraEndpoint algebra;
    private final PixelEndpoint pixel;
    private final LegendEndpoint legend;
    private final LayerDocuments documents;
    private final WebResources files = new WebResources();
    private final String ownAddress;

    /**
     * @param ownAddress host:port the server listens on, for absolute URLs when a request's Host header is
     *                   missing or odd
     */
    Routes(DataSource dataSource, TileCache cache, String ownAddress) {
        this.catalog = new Catalog(dataSource);
        OpenedLayers layers = new OpenedLayers(dataSource);
        this.tiles = new TileEndpoint(catalog, layers, cache);
        this.algebra = new AlgebraEndpoint(catalog, layers, cache);
        this.pixel = new PixelEndpoint(catalog, algebra, layers, cache);
        this.legend = new LegendEndpoint(catalog);
        this.documents = new LayerDocuments(catalog, layers);
        this.ownAddress = ownAddress;
    }

    /** Prepares the web map's files: run in the background at start. */
    void preload() {
        files.preload();
    }

    Catalog catalog() {
        return catalog;
    }

    /** @throws HttpError for requests that are refused */
    Reply answer(ServeRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            throw new HttpError(405, "only GET and HEAD are answered here, not " + request.method());
        }
        if (WebResources.serves(request.rawPath())) {
            return files.answer(request);
        }
        int depth = request.depth();
        if (depth >= 2 && request.segment(0).equals("raster")) {
            String kind = request.segment(1);
            if (kind.equals("tiles") && depth == 6) {
                return tiles.answer(request);
            }
            if (kind.equals("tiles") && depth == 3 && request.segment(2).endsWith(".json")) {
                String reference = request.segment(2);
                return documents.tileJson(request, reference.substring(0, reference.length() - 5), base(request));
            }
            if (kind.equals("algebra") && depth == 5) {
                return algebra.answer(request);
            }
            if (kind.equals("pixel") && depth == 4) {
                return pixel.answer(request);
            }
            if (kind.equals("legend") && (depth == 2 || depth == 3)) {
                return legend.answer(request);
            }
            if (kind.equals("layers.json") && depth == 2) {
                return documents.list(base(request));
            }
        }
        throw HttpError.notFound("no such path: " + request.rawPath() + " (see / for the map and the API)");
    }

    /** http://host:port as the client reached the server, for absolute URLs in documents. */
    private String base(ServeRequest request) {
        String host = request.host() != null && HOST.matcher(request.host()).matches() ? request.host() : ownAddress;
        return "http://" + host;
    }
}
