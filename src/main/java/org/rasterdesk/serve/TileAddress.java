package org.rasterdesk.serve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rasterdesk.render.MapViewport;
import org.rasterdesk.tiling.TileKey;

/**
 * The {@code {z}/{x}/{y}.{png|jpg|tif}} end of a tile URL, checked: whole numbers, a zoom level the map also goes
 * to (0 to {@link MapViewport#MAX_ZOOM}, past any layer's max zoom), x and y on the grid.
 */
record TileAddress(TileKey key, TileEncodings encoding) {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");
    private static final Pattern LAST = Pattern.compile("([0-9]{1,9})\\.([A-Za-z]+)");

    /** @throws HttpError 400 for numbers off the grid or malformed, 404 for an unknown format */
    static TileAddress of(String z, String x, String yDotFormat) {
        Matcher last = LAST.matcher(yDotFormat);
        if (!NUMBER.matcher(z).matches() || !NUMBER.matcher(x).matches() || !last.matches()) {
            throw HttpError.badRequest("a tile address is {z}/{x}/{y}.png (or .jpg, .tif) with whole numbers, not "
                    + z + "/" + x + "/" + yDotFormat);
        }
        TileEncodings encoding = TileEncodings.of(last.group(2));
        int zoom = Integer.parseInt(z);
        if (zoom > MapViewport.MAX_ZOOM) {
            throw HttpError.badRequest("zoom " + zoom + " is outside 0.." + MapViewport.MAX_ZOOM);
        }
        int col = Integer.parseInt(x);
        int row = Integer.parseInt(last.group(1));
        long n = 1L << zoom;
        if (col >= n || row >= n) {
            throw HttpError.badRequest("tile " + zoom + "/" + col + "/" + row + " is outside the grid: x and y go "
                    + "from 0 to " + (n - 1) + " at zoom " + zoom);
        }
        return new TileAddress(new TileKey(zoom, col, row), encoding);
    }
}
