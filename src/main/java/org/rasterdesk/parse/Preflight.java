package org.rasterdesk.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.sis.referencing.CRS;
import org.opengis.geometry.Envelope;
import org.opengis.referencing.crs.CoordinateReferenceSystem;
import org.opengis.referencing.crs.GeographicCRS;
import org.opengis.referencing.cs.AxisDirection;
import org.opengis.util.FactoryException;
import org.rasterdesk.raster.GeoTransform;
import org.rasterdesk.raster.RasterInfo;
import org.rasterdesk.raster.ReferencingCache;
import org.rasterdesk.tiling.Extent;
import org.rasterdesk.tiling.TileCover;
import org.rasterdesk.tiling.ZoomChoice;
import org.rasterdesk.tiling.ZoomLevels;

/**
 * What a parse is about to do, told before it makes a tile: the tiles per zoom (an upper bound: empty ones are
 * dropped), the room they take in the database and the time, from measured rates, and why the max zoom is what it
 * is. Its warnings (a max zoom far finer than the raster's resolution asks for, coordinates that cannot be right
 * for the CRS) are asked about before the parse goes on.
 *
 * @param automaticZoom the zoom the raster's resolution asks for, null when it cannot be measured
 */
public record Preflight(SortedMap<Integer, Long> tilesPerZoom, int maxZoom, Integer automaticZoom,
                        String zoomReason, ParseRates rates, List<String> warnings) {

    /** Levels finer than the automatic choice from which a max zoom is asked about: 64 times the tiles. */
    public static final int FAR_FINER_LEVELS = 3;

    public Preflight {
        tilesPerZoom = new TreeMap<>(tilesPerZoom);
        warnings = List.copyOf(warnings);
    }

    /**
     * The pre-flight of a parse's plan, the same for a local parse and for a parse on workers.
     *
     * @param parts           the rasters the tiles are made from
     * @param sourcePixelSize the finest raster's pixel size in EPSG:3857
     */
    static Preflight of(org.rasterdesk.layer.RasterLayer layer, List<SourcePart> parts, ZoomChoice zoom,
                        double sourcePixelSize, int minZoom, ParseRates rates) {
        Integer automatic;
        try {
            automatic = new ZoomLevels().forPixelSize(sourcePixelSize, layer.nextHigher()).zoom();
        } catch (IllegalArgumentException e) {
            automatic = null;
        }
        return of(parts.get(0).reader().info(), SourcePart.footprints(parts), zoom.zoom(), minZoom,
                layer.maxZoom() != null, automatic, zoom.explanation(), rates);
    }

    /**
     * @param footprint     the raster's extent in EPSG:3857, in parts on either side of the antimeridian
     * @param manual        whether the max zoom was given by the user
     */
    static Preflight of(RasterInfo info, List<Extent> footprint, int maxZoom, int minZoom, boolean manual,
                        Integer automaticZoom, String zoomReason, ParseRates rates) {
        SortedMap<Integer, Long> tiles = new TreeMap<>();
        for (int z = minZoom; z <= maxZoom; z++) {
            TileCover cover = TileCover.of(z, footprint);
            tiles.put(z, cover == null ? 0 : cover.count());
        }
        List<String> warnings = new ArrayList<>();
        String coordinates = impossibleCoordinates(info);
        if (coordinates != null) {
            warnings.add(coordinates);
        }
        if (manual && automaticZoom != null && maxZoom - automaticZoom >= FAR_FINER_LEVELS) {
            int levels = maxZoom - automaticZoom;
            warnings.add(String.format(Locale.ROOT, "Max zoom %d is %d levels finer than the raster's resolution "
                    + "asks for (zoom %d): %,d times the tiles at the top, each made of pixels %d times smaller than "
                    + "the raster's.", maxZoom, levels, automaticZoom, 1L << (2 * levels), 1 << levels));
        }
        String reason = manual && automaticZoom != null
                ? zoomReason + " The raster's resolution asks for zoom " + automaticZoom + "." : zoomReason;
        return new Preflight(tiles, maxZoom, automaticZoom, reason, rates, warnings);
    }

    /**
     * Why the raster's coordinates cannot be in its CRS, or null: a geographic CRS whose latitudes pass the poles or
     * longitudes go round the earth more than once (a projected raster given a geographic SRID); a projected CRS
     * whose area of use (its domain of validity, from the EPSG database) the raster lies wholly outside of, by more
     * than that area's own size (another CRS's coordinates). Within that much it is plausible: data are often kept in
     * a neighbouring zone's CRS (a country that uses one UTM zone for all of it, a tile of a zone's edge).
     */
    static String impossibleCoordinates(RasterInfo info) {
        if (info.crs() instanceof GeographicCRS) {
            return outsideTheEarth(info);
        }
        if (info.crs() == null) {
            return null;
        }
        var axes = info.crs().getCoordinateSystem();
        // The domain comes in the CRS's axis order; the raster's x is easting: only east/north CRSs are compared.
        if (axes.getDimension() < 2 || axes.getAxis(0).getDirection() != AxisDirection.EAST
                || axes.getAxis(1).getDirection() != AxisDirection.NORTH) {
            return null;
        }
        double[] d = domainOfValidity(info.crs());
        if (d == null) {
            return null;
        }
        double[] e = extent(info);
        double slackX = d[1] - d[0];
        double slackY = d[3] - d[2];
        boolean overlaps = e[1] >= d[0] - slackX && e[0] <= d[1] + slackX
                && e[3] >= d[2] - slackY && e[2] <= d[3] + slackY;
        if (overlaps) {
            return null;
        }
        return String.format(Locale.ROOT, "The raster's coordinates (x %s to %s, y %s to %s) lie outside the area "
                        + "%s is made for (x %s to %s, y %s to %s). Is the SRID right?", number(e[0]), number(e[1]),
                number(e[2]), number(e[3]), info.srid() != null ? "EPSG:" + info.srid() : "its CRS",
                number(d[0]), number(d[1]), number(d[2]), number(d[3]));
    }

    /**
     * The CRS's domain of validity in its own units (min x, max x, min y, max y), or null, through the cache of SIS's
     * answers: SIS projects the area of use onto the CRS through its EPSG database, which took 3 to 4 s of a small
     * parse's wall time (more CPU) in every fresh process.
     */
    private static double[] domainOfValidity(CoordinateReferenceSystem crs) {
        Object[] values;
        try {
            values = ReferencingCache.computed("domain of validity", List.of(crs),
                    exact -> new Object[] {bounds(CRS.getDomainOfValidity(exact[0]))});
        } catch (FactoryException e) {
            values = new Object[] {bounds(CRS.getDomainOfValidity(crs))};
        }
        if (!(values[0] instanceof String text)) {
            return null;
        }
        String[] parts = text.split(" ");
        double[] d = new double[4];
        for (int i = 0; i < 4; i++) {
            d[i] = Double.parseDouble(parts[i]);
        }
        return d;
    }

    /** A domain's first two dimensions as text, which the cache keeps (a double's shortest form reads back equal). */
    private static String bounds(Envelope domain) {
        if (domain == null || domain.getDimension() < 2) {
            return null;
        }
        return domain.getMinimum(0) + " " + domain.getMaximum(0) + " " + domain.getMinimum(1) + " "
                + domain.getMaximum(1);
    }

    /** The raster's corners' extent in its own CRS: min x, max x, min y, max y. */
    private static double[] extent(RasterInfo info) {
        GeoTransform g = info.geoTransform();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (double[] corner : new double[][] {{0, 0}, {info.width(), 0}, {0, info.height()},
                {info.width(), info.height()}}) {
            double a = g.x(corner[0], corner[1]);
            double b = g.y(corner[0], corner[1]);
            minX = Math.min(minX, a);
            maxX = Math.max(maxX, a);
            minY = Math.min(minY, b);
            maxY = Math.max(maxY, b);
        }
        return new double[] {minX, maxX, minY, maxY};
    }

    private static String outsideTheEarth(RasterInfo info) {
        double[] e = extent(info);
        double minX = e[0];
        double maxX = e[1];
        double minY = e[2];
        double maxY = e[3];
        // Longitude first, as EPSG:4326 rasters are stored in GeoTIFF; a little slack for pixel edges.
        boolean latitudes = minY >= -90.5 && maxY <= 90.5;
        boolean longitudes = minX >= -360 && maxX <= 360 && maxX - minX <= 360.5;
        if (latitudes && longitudes) {
            return null;
        }
        return String.format(Locale.ROOT, "The raster's coordinates (x %s to %s, y %s to %s) cannot be degrees of "
                + "%s: latitudes run from -90 to 90 and longitudes round the earth once. Is the SRID right?",
                number(minX), number(maxX), number(minY), number(maxY),
                info.srid() != null ? "EPSG:" + info.srid() : "its geographic CRS");
    }

    public long totalTiles() {
        return tilesPerZoom.values().stream().mapToLong(Long::longValue).sum();
    }

    public double bytes() {
        return totalTiles() * rates.bytesPerTile();
    }

    public double seconds() {
        return totalTiles() / rates.tilesPerSecond();
    }

    /** Whether the parse should ask before it goes on. */
    public boolean asks() {
        return !warnings.isEmpty();
    }

    /** The pre-flight as log lines: tiles and cost, the tiles per zoom, the zoom's reason, then each warning. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        long top = tilesPerZoom.getOrDefault(maxZoom, 0L);
        lines.add(String.format(Locale.ROOT, "Pre-flight: up to %s (%,d at zoom %d), about %s in the "
                        + "database and %s, at %s.", Counted.grouped(totalTiles(), "tile"), top, maxZoom, size(bytes()), duration(seconds()),
                rates.describe()));
        StringBuilder perZoom = new StringBuilder("Tiles per zoom, at most:");
        tilesPerZoom.forEach((z, n) -> perZoom.append(String.format(Locale.ROOT, " z%d %,d", z, n)).append(';'));
        perZoom.setLength(perZoom.length() - 1);
        lines.add(perZoom.append('.').toString());
        lines.add(zoomReason);
        for (String warning : warnings) {
            lines.add("Warning: " + warning);
        }
        return lines;
    }

    /** "12 MB": a size as the pre-flight tells it. */
    public static String size(double bytes) {
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1e6) {
            return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB", Math.max(1, bytes / 1e3));
    }

    /** "3 min 05 s": a duration as the pre-flight tells it. */
    public static String duration(double seconds) {
        long s = Math.max(1, Math.round(seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
    }

    private static String number(double v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.4g", v);
    }
}
