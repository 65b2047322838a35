package org.rasterdesk.render;

import java.util.Optional;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;
import org.rasterdesk.tiling.WebMercator;

/**
 * What a map shows: a centre in EPSG:3857 metres, a zoom level and a size in screen pixels. Zoom levels are whole,
 * so that at level z one tile pixel of level z is one screen pixel and tiles are drawn unscaled. Screen y grows
 * downwards, mercator y upwards. Immutable.
 *
 * @param centerX mercator x of the centre of the view
 * @param centerY mercator y of the centre of the view
 * @param zoom    the zoom level shown, 0 to {@link #MAX_ZOOM}
 * @param width   view width in pixels
 * @param height  view height in pixels
 */
public record MapViewport(double centerX, double centerY, int zoom, double width, double height) {

    /** The deepest level the map zooms to: far past any layer's max zoom, where ancestors are blown up. */
    public static final int MAX_ZOOM = 24;

    public MapViewport {
        if (zoom < 0 || zoom > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom out of range: " + zoom);
        }
        centerX = clamp(centerX, -WebMercator.SHIFT, WebMercator.SHIFT);
        centerY = clamp(centerY, -WebMercator.SHIFT, WebMercator.SHIFT);
    }

    /** The whole world at level 0 in a view of this size. */
    public static MapViewport world(double width, double height) {
        return new MapViewport(0, 0, 0, width, height);
    }

    /** Metres per screen pixel. */
    public double resolution() {
        return WebMercator.pixelSize(zoom);
    }

    public double screenX(double mercatorX) {
        return width / 2 + (mercatorX - centerX) / resolution();
    }

    public double screenY(double mercatorY) {
        return height / 2 - (mercatorY - centerY) / resolution();
    }

    public double mercatorX(double screenX) {
        return centerX + (screenX - width / 2) * resolution();
    }

    public double mercatorY(double screenY) {
        return centerY - (screenY - height / 2) * resolution();
    }

    /**
     * Screen x of a tile column's left edge at the view's level, on whole pixels. Placed from one snapped origin so
     * that neighbours always meet exactly, 256 pixels apart (snapping each edge alone leaves 1-pixel seams).
     */
    public double tileLeft(int column) {
        return Math.floor(screenX(-WebMercator.SHIFT) + 0.5) + column * (double) TileData.SIZE;
    }

    /** Screen y of a tile row's top edge at the view's level, on whole pixels. */
    public double tileTop(int row) {
        return Math.floor(screenY(WebMercator.SHIFT) + 0.5) + row * (double) TileData.SIZE;
    }

    /** The ground the view covers, in mercator metres (may reach beyond the world's edges). */
    public Extent extent() {
        return new Extent(mercatorX(0), mercatorY(height), mercatorX(width), mercatorY(0));
    }

    public MapViewport withSize(double newWidth, double newHeight) {
        return new MapViewport(centerX, centerY, zoom, newWidth, newHeight);
    }

    public MapViewport withCenter(double x, double y) {
        return new MapViewport(x, y, zoom, width, height);
    }

    /** The view moved by a drag of (dx, dy) screen pixels: the ground follows the pointer. */
    public MapViewport pannedBy(double dx, double dy) {
        return withCenter(centerX - dx * resolution(), centerY + dy * resolution());
    }

    /** The view at another level, keeping the ground under the screen point (sx, sy) where it is. */
    public MapViewport zoomedAround(double sx, double sy, int newZoom) {
        int z = Math.max(0, Math.min(MAX_ZOOM, newZoom));
        double mx = mercatorX(sx);
        double my = mercatorY(sy);
        double res = WebMercator.pixelSize(z);
        return new MapViewport(mx - (sx - width / 2) * res, my + (sy - height / 2) * res, z, width, height);
    }

    /** The deepest view of this size that shows the whole extent, centred on it. */
    public MapViewport fitting(Extent target) {
        int z = MAX_ZOOM;
        while (z > 0 && (target.width() / WebMercator.pixelSize(z) > width
                || target.height() / WebMercator.pixelSize(z) > height)) {
            z--;
        }
        return new MapViewport((target.minX() + target.maxX()) / 2, (target.minY() + target.maxY()) / 2, z,
                width, height);
    }

    /** The tiles of the view's level that it shows, or empty when it shows none (off the world, or no size). */
    public Optional<TileRange> visibleTiles() {
        Extent world = extent().intersection(WebMercator.WORLD);
        if (world.isEmpty() || width <= 0 || height <= 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(WebMercator.tilesCovering(zoom, world));
    }

    /** The tile of a level under a screen point, or empty off the world. */
    public Optional<TileKey> tileAt(double sx, double sy, int level) {
        double mx = mercatorX(sx);
        double my = mercatorY(sy);
        if (Math.abs(mx) > WebMercator.SHIFT || Math.abs(my) > WebMercator.SHIFT) {
            return Optional.empty();
        }
        return Optional.of(new TileKey(level, WebMercator.tileX(level, mx), WebMercator.tileY(level, my)));
    }

    /** Longitude in degrees of a mercator x. */
    public static double longitude(double mercatorX) {
        return Math.toDegrees(mercatorX / (WebMercator.WORLD_SIZE / (2 * Math.PI)));
    }

    /** Latitude in degrees of a mercator y. */
    public static double latitude(double mercatorY) {
        return Math.toDegrees(Math.atan(Math.sinh(mercatorY / (WebMercator.WORLD_SIZE / (2 * Math.PI)))));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
