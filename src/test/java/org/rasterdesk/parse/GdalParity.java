package org.rasterdesk.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.RasterLayerRepository;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.tiling.GdalRaster;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;

/**
 * The oracle of whole parses: a file parsed into a layer as the program parses it (through the source handling,
 * so zips and side files count), its max-zoom tiles read back from PostGIS and compared pixel by pixel with GDAL's
 * exact warp ({@code gdalwarp -et 0 -r near}) onto the same tiles, with the tiles' own pixel type and nodata.
 */
public final class GdalParity {

    /**
     * What the comparison found.
     *
     * @param dataPixels pixels where either side has data
     * @param identical  pixels where both have the same value
     * @param lost       pixels where GDAL has data and the parse has nodata
     */
    public record Result(String name, int layerId, int zoom, Set<String> ours, Set<String> gdal, long dataPixels,
                         long identical, long lost, TileData sample) {

        public double share() {
            return dataPixels == 0 ? 100 : 100.0 * identical / dataPixels;
        }

        public boolean sameTiles() {
            return ours.equals(gdal);
        }
    }

    private GdalParity() {
    }

    /** Parses {@code input} (nearest neighbour) and compares with GDAL's warp of the same file. */
    public static Result compare(String name, Path input, Path work) throws Exception {
        return compare(name, input, input.toString(), work, List.of());
    }

    /**
     * @param gdalSource what GDAL reads for the same raster (e.g. {@code /vsizip/...} for a zip)
     * @param gdalOptions extra gdalwarp options (e.g. {@code -s_srs} for a file GDAL cannot georeference alone)
     */
    public static Result compare(String name, Path input, String gdalSource, Path work, List<String> gdalOptions)
            throws Exception {
        DataSource dataSource = TestDatabase.shared().dataSource();
        RasterLayer layer = new RasterLayerRepository(dataSource).create(RasterLayer.create("parity " + name)
                .withDatatype(DataType.CONTINUOUS).withBuildPyramid(false).withStoreReprojected(false)
                .withSourceUrl(input.toUri().toString()));
        ParseResult result = new LayerParser(dataSource).parse(layer.id(), input,
                new ParseOptions(Resampling.NEAREST), ParseListener.NONE, () -> false);
        if (!result.finished()) {
            throw new AssertionError(name + " did not parse: " + result.message());
        }
        return compareTiles(name, dataSource, layer.id(), result.tilesPerZoom().lastKey(), gdalSource, work,
                gdalOptions);
    }

    /** Compares the stored tiles of a parsed layer at zoom {@code z} with GDAL's warp of {@code gdalSource}. */
    public static Result compareTiles(String name, DataSource dataSource, int layerId, int z, String gdalSource,
                                      Path work, List<String> gdalOptions) throws Exception {
        TileRepository tiles = new TileRepository(dataSource);
        Set<TileKey> keys = new TreeSet<>(Comparator.comparing(TileKey::toString));
        keys.addAll(tiles.keys(layerId, z));
        if (keys.isEmpty()) {
            throw new AssertionError(name + " has no tiles at zoom " + z);
        }
        TileData first = tiles.read(layerId, keys.iterator().next()).orElseThrow();
        List<Result> parts = new ArrayList<>();
        List<TileRange> compared = new ArrayList<>(ranges(keys, z));
        for (TileRange gdal : gdalRanges(gdalSource, z)) {
            // Where GDAL puts the raster but we made no tile nearby (the other side of the antimeridian).
            if (compared.stream().noneMatch(r -> r.minX() <= gdal.maxX() && gdal.minX() <= r.maxX())) {
                compared.add(gdal);
            }
        }
        for (TileRange range : compared) {
            double[][] gdal = GdalRaster.warp(gdalSource, range, "near", first.nodata(), first.pixelType(), work,
                    gdalOptions);
            parts.add(compare(name, layerId, tiles, range, gdal, first));
        }
        Set<String> ours = new TreeSet<>();
        Set<String> theirs = new TreeSet<>();
        long data = 0;
        long same = 0;
        long lost = 0;
        for (Result r : parts) {
            ours.addAll(r.ours());
            theirs.addAll(r.gdal());
            data += r.dataPixels();
            same += r.identical();
            lost += r.lost();
        }
        Result result = new Result(name, layerId, z, ours, theirs, data, same, lost, first);
        System.out.printf(Locale.ROOT, "parity vs gdalwarp -et 0 -r near: %-40s z%-2d tiles %d (gdal %d, %s), "
                        + "data pixels %d, identical %.4f %%, lost %d, tiles %s%n", name, z, ours.size(),
                theirs.size(), result.sameTiles() ? "same set" : "DIFFERENT set", data, result.share(), lost,
                first.pixelType().postgisName());
        return result;
    }

    /**
     * The tile ranges to compare, one tile wider than ours on every side (a tile GDAL fills outside ours would
     * show); two ranges when the tiles lie at both ends of the world (a raster across the antimeridian).
     */
    static List<TileRange> ranges(Set<TileKey> keys, int z) {
        int n = (1 << z) - 1;
        TreeSet<Integer> xs = new TreeSet<>();
        keys.forEach(k -> xs.add(k.x()));
        int minY = keys.stream().mapToInt(TileKey::y).min().orElseThrow();
        int maxY = keys.stream().mapToInt(TileKey::y).max().orElseThrow();
        int y0 = Math.max(0, minY - 1);
        int y1 = Math.min(n, maxY + 1);
        List<TileRange> out = new ArrayList<>();
        int start = xs.first();
        int previous = start;
        for (int x : xs.tailSet(start, false)) {
            if (x > previous + 3) {
                out.add(new TileRange(z, Math.max(0, start - 1), y0, Math.min(n, previous + 1), y1));
                start = x;
            }
            previous = x;
        }
        out.add(new TileRange(z, Math.max(0, start - 1), y0, Math.min(n, previous + 1), y1));
        return out;
    }

    /**
     * The tiles GDAL's footprint of the source covers (its WGS 84 extent, split where it crosses ±180°), so that a
     * side of the world where only GDAL puts data is compared too.
     */
    static List<TileRange> gdalRanges(String gdalSource, int z) throws Exception {
        String json = GdalRaster.run("gdalinfo", "-json", gdalSource);
        int at = json.indexOf("\"wgs84Extent\"");
        if (at < 0) {
            return List.of();
        }
        String extent = json.substring(at, json.indexOf("}", at));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[\\s*(-?[0-9.eE+-]+),\\s*(-?[0-9.eE+-]+)\\s*\\]")
                .matcher(extent);
        double[] east = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        double[] west = east.clone();
        boolean multi = extent.contains("MultiPolygon");
        while (m.find()) {
            double lon = Double.parseDouble(m.group(1));
            double lat = Double.parseDouble(m.group(2));
            double[] box = multi && lon < 0 ? west : east;
            box[0] = Math.min(box[0], lon);
            box[1] = Math.max(box[1], lon);
            box[2] = Math.min(box[2], lat);
            box[3] = Math.max(box[3], lat);
        }
        List<double[]> boxes = new ArrayList<>();
        for (double[] box : List.of(east, west)) {
            if (box[0] > box[1]) {
                continue;
            }
            double shift = 360 * Math.floor((box[0] + 180) / 360);
            double w = box[0] - shift;
            double e = box[1] - shift;
            if (e - w >= 360) {
                boxes.add(new double[] {-180, 180, box[2], box[3]});
            } else if (e > 180) {
                boxes.add(new double[] {w, 180, box[2], box[3]});
                boxes.add(new double[] {-180, e - 360, box[2], box[3]});
            } else {
                boxes.add(new double[] {w, e, box[2], box[3]});
            }
        }
        List<TileRange> ranges = new ArrayList<>();
        int n = (1 << z) - 1;
        for (double[] b : boxes) {
            double south = Math.max(b[2], -85.0511);
            double north = Math.min(b[3], 85.0511);
            if (south >= north) {
                continue;
            }
            TileRange r = org.rasterdesk.tiling.WebMercator.tilesCovering(z, new org.rasterdesk.tiling.Extent(
                    org.rasterdesk.tiling.WebMercator.longitudeToX(b[0]),
                    org.rasterdesk.tiling.WebMercator.latitudeToY(south),
                    org.rasterdesk.tiling.WebMercator.longitudeToX(b[1]),
                    org.rasterdesk.tiling.WebMercator.latitudeToY(north)));
            if (r != null) {
                ranges.add(new TileRange(z, Math.max(0, r.minX() - 1), Math.max(0, r.minY() - 1),
                        Math.min(n, r.maxX() + 1), Math.min(n, r.maxY() + 1)));
            }
        }
        return ranges;
    }

    private static Result compare(String name, int layerId, TileRepository tiles, TileRange range, double[][] gdal,
                                  TileData first) throws Exception {
        Set<String> gdalTiles = new TreeSet<>();
        Set<String> ourTiles = new TreeSet<>();
        long dataPixels = 0;
        long identical = 0;
        long lost = 0;
        for (TileKey key : range.keys()) {
            TileData theirs = new TileData(key, first.pixelType(), first.nodata(), GdalRaster.tile(gdal, range, key));
            if (!theirs.isEmpty()) {
                gdalTiles.add(key.toString());
            }
            TileData mine = tiles.read(layerId, key).orElse(null);
            if (mine == null) {
                for (int b = 0; b < theirs.bandCount(); b++) {
                    for (double g : theirs.bands()[b]) {
                        if (!theirs.isNodata(b, g)) {
                            dataPixels++;
                            lost++;
                        }
                    }
                }
                continue;
            }
            ourTiles.add(key.toString());
            for (int b = 0; b < mine.bandCount(); b++) {
                for (int p = 0; p < 256 * 256; p++) {
                    double a = mine.bands()[b][p];
                    double g = theirs.bands()[b][p];
                    boolean ourNodata = mine.isNodata(b, a);
                    boolean gdalNodata = theirs.isNodata(b, g);
                    if (ourNodata && gdalNodata) {
                        continue;
                    }
                    dataPixels++;
                    if (ourNodata) {
                        lost++;
                    } else if (a == g || (float) a == (float) g) {
                        identical++;
                    }
                }
            }
        }
        return new Result(name, layerId, range.z(), ourTiles, gdalTiles, dataPixels, identical, lost, first);
    }
}
