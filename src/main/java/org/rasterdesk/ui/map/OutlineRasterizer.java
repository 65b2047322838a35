package org.rasterdesk.ui.map;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rasterdesk.basemap.OutlineScale;
import org.rasterdesk.basemap.Outlines;
import org.rasterdesk.basemap.Polyline;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.WebMercator;

/**
 * Draws the world's Natural Earth outlines into 256×256 web mercator tiles: coastlines and country borders as
 * anti-aliased one-pixel lines (Xiaolin Wu's), 1:110m at small zooms and 1:50m deeper, as
 * {@link OutlineScale#forZoom} chooses. The lines are projected to EPSG:3857 once, each with its bounding box, so
 * that a tile touches only the lines that cross it. Plain arrays, no JavaFX: it runs on background threads, and a
 * tile takes a millisecond or two. Thread safe once made.
 */
final class OutlineRasterizer {

    /** Coastlines: a dark slate blue, clear on the light map and on most rasters' colours. */
    static final int COAST = 0xFF3F6682;
    /** Country borders: grey, quieter than the coast. */
    static final int BORDER = 0xFF8C8C96;

    private static final int SIZE = TileData.SIZE;

    /** One line in EPSG:3857 metres, {x0, y0, x1, y1, ...}, with its bounding box. */
    private record Line(double[] xy, double minX, double minY, double maxX, double maxY) {

        boolean crosses(Extent e) {
            return maxX >= e.minX() && minX <= e.maxX() && maxY >= e.minY() && minY <= e.maxY();
        }
    }

    private record Projected(List<Line> coasts, List<Line> borders) {
    }

    private final Map<OutlineScale, Projected> scales = new EnumMap<>(OutlineScale.class);

    /** Projects the shipped outlines (both scales): a few hundred milliseconds, on a background thread. */
    static OutlineRasterizer naturalEarth() {
        OutlineRasterizer r = new OutlineRasterizer();
        for (OutlineScale scale : OutlineScale.values()) {
            Outlines outlines = Outlines.naturalEarth(scale);
            r.scales.put(scale, new Projected(project(outlines.coastlines()), project(outlines.borders())));
        }
        return r;
    }

    /**
     * The tile's outlines as non-premultiplied ARGB, row by row from the north-west corner; null when no line
     * crosses it (open sea, the middle of a country), so that the map draws nothing there.
     */
    int[] draw(TileKey key) {
        Projected lines = scales.get(OutlineScale.forZoom(key.z()));
        Extent bounds = WebMercator.tileBounds(key);
        double pixel = WebMercator.pixelSize(key.z());
        // A pixel's margin: a line just outside the tile still shades its edge pixels.
        Extent reach = new Extent(bounds.minX() - pixel, bounds.minY() - pixel, bounds.maxX() + pixel,
                bounds.maxY() + pixel);
        float[] borders = new float[SIZE * SIZE];
        float[] coasts = new float[SIZE * SIZE];
        boolean any = stroke(lines.borders(), reach, bounds, pixel, borders);
        any |= stroke(lines.coasts(), reach, bounds, pixel, coasts);
        if (!any) {
            return null;
        }
        int[] argb = new int[SIZE * SIZE];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = over(COAST, coasts[i], BORDER, borders[i]);
        }
        return argb;
    }

    private static List<Line> project(List<Polyline> polylines) {
        List<Line> lines = new ArrayList<>(polylines.size());
        double limit = WebMercator.MAX_LATITUDE;
        for (Polyline p : polylines) {
            double[] xy = new double[p.size() * 2];
            double minX = Double.POSITIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < p.size(); i++) {
                double x = WebMercator.longitudeToX(p.lon(i));
                double y = WebMercator.latitudeToY(Math.max(-limit, Math.min(limit, p.lat(i))));
                xy[2 * i] = x;
                xy[2 * i + 1] = y;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            lines.add(new Line(xy, minX, minY, maxX, maxY));
        }
        return lines;
    }

    /** Strokes the lines crossing the tile into a coverage buffer; true when any pixel was touched. */
    private static boolean stroke(List<Line> lines, Extent reach, Extent bounds, double pixel, float[] coverage) {
        boolean any = false;
        double half = WebMercator.SHIFT;
        for (Line line : lines) {
            if (!line.crosses(reach)) {
                continue;
            }
            double[] xy = line.xy();
            for (int i = 0; i + 3 < xy.length; i += 2) {
                double x0 = xy[i];
                double y0 = xy[i + 1];
                double x1 = xy[i + 2];
                double y1 = xy[i + 3];
                // A segment across the whole world is a jump over the antimeridian, not a line.
                if (Math.abs(x1 - x0) > half
                        || Math.max(x0, x1) < reach.minX() || Math.min(x0, x1) > reach.maxX()
                        || Math.max(y0, y1) < reach.minY() || Math.min(y0, y1) > reach.maxY()) {
                    continue;
                }
                // Tile pixels, with pixel centres at .5: the line through a pixel's centre lights that pixel.
                any |= segment((x0 - bounds.minX()) / pixel - 0.5, (bounds.maxY() - y0) / pixel - 0.5,
                        (x1 - bounds.minX()) / pixel - 0.5, (bounds.maxY() - y1) / pixel - 0.5, coverage);
            }
        }
        return any;
    }

    /** Clips a segment to the tile (Liang–Barsky) and draws it (Wu); true when it touched a pixel. */
    private static boolean segment(double x0, double y0, double x1, double y1, float[] coverage) {
        double lo = -1;
        double hi = SIZE;
        double t0 = 0;
        double t1 = 1;
        double dx = x1 - x0;
        double dy = y1 - y0;
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {x0 - lo, hi - x0, y0 - lo, hi - y0};
        for (int k = 0; k < 4; k++) {
            if (p[k] == 0) {
                if (q[k] < 0) {
                    return false;
                }
            } else {
                double t = q[k] / p[k];
                if (p[k] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        if (t0 > t1) {
            return false;
        }
        wu(x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy, coverage);
        return true;
    }

    /** Xiaolin Wu's anti-aliased line, keeping the strongest coverage where lines meet. */
    private static void wu(double x0, double y0, double x1, double y1, float[] coverage) {
        boolean steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
        if (steep) {
            double t = x0;
            x0 = y0;
            y0 = t;
            t = x1;
            x1 = y1;
            y1 = t;
        }
        if (x0 > x1) {
            double t = x0;
            x0 = x1;
            x1 = t;
            t = y0;
            y0 = y1;
            y1 = t;
        }
        double dx = x1 - x0;
        double gradient = dx == 0 ? 0 : (y1 - y0) / dx;
        // Sub-pixel segments (most of a coastline's at small zooms) still cover the pixels they pass.
        int start = (int) Math.floor(x0 + 0.5);
        int end = (int) Math.floor(x1 + 0.5);
        for (int x = start; x <= end; x++) {
            double along = Math.max(x0, Math.min(x1, x));
            double y = y0 + gradient * (along - x0);
            int yi = (int) Math.floor(y);
            float frac = (float) (y - yi);
            plot(steep, x, yi, 1 - frac, coverage);
            plot(steep, x, yi + 1, frac, coverage);
        }
    }

    private static void plot(boolean steep, int a, int b, float value, float[] coverage) {
        int col = steep ? b : a;
        int row = steep ? a : b;
        if (col < 0 || row < 0 || col >= SIZE || row >= SIZE) {
            return;
        }
        int i = row * SIZE + col;
        if (value > coverage[i]) {
            coverage[i] = value;
        }
    }

    /** The coast over the border, each at its coverage, as non-premultiplied ARGB. */
    private static int over(int top, float topCover, int under, float underCover) {
        double at = topCover * ((top >>> 24) / 255.0);
        double au = underCover * ((under >>> 24) / 255.0);
        double a = at + au * (1 - at);
        if (a <= 0) {
            return 0;
        }
        int c = (int) Math.round(a * 255) << 24;
        for (int shift = 16; shift >= 0; shift -= 8) {
            double v = (((top >> shift) & 0xFF) * at + ((under >> shift) & 0xFF) * au * (1 - at)) / a;
            c |= (int) Math.round(v) << shift;
        }
        return c;
    }
}
