package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rasterdesk.db.TestDatabase;
import org.rasterdesk.layer.BandMetadata;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.LayerMetadata;
import org.rasterdesk.layer.LayerMetadataRepository;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.source.MosaicFiles;
import org.rasterdesk.tiling.GdalRaster;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;

/**
 * Mosaic layers of real overlapping files cut from a real raster, their max-zoom tiles compared tile for tile with
 * GDAL's exact warp (nearest) of the same files: a gdalbuildvrt of them in the same order for files of one grid,
 * gdalwarp of the files themselves for files of different CRSs and resolutions.
 */
@Tag("slow")
class MosaicGdalTest {

    private static final Pattern GEOTRANSFORM = Pattern.compile("\"geoTransform\":\\s*\\[([^\\]]+)\\]");
    private static final Pattern SIZE = Pattern.compile("\"size\":\\s*\\[\\s*(\\d+),\\s*(\\d+)\\s*\\]");

    @TempDir
    static Path work;

    private static Path a;
    private static Path b;
    private static Path c;
    private final DataSource dataSource = TestDatabase.shared().dataSource();

    /**
     * Three pieces of the cropland raster (Byte, nodata 255 over the sea) of one grid: b holds the pixels of
     * another place moved over a and c, so that where they overlap the files disagree, and each one's sea lets the
     * files beneath show through.
     */
    @BeforeAll
    static void cutFiles() throws Exception {
        Path source = ParsedFile.data("real/openlandmap_cropland_10km_2016.tif");
        a = cut(source, "a.tif", 2040, 400, 300, 200);
        Path moved = cut(source, "b-values.tif", 2400, 420, 300, 200);
        double[] grid = geoTransform(cut(source, "b-place.tif", 2150, 450, 300, 200));
        b = work.resolve("b.tif");
        GdalRaster.run("gdal_translate", "-q", "-a_ullr", d(grid[0]), d(grid[3]), d(grid[0] + 300 * grid[1]),
                d(grid[3] + 200 * grid[5]), moved.toString(), b.toString());
        c = cut(source, "c.tif", 2300, 550, 200, 150);
    }

    @Test
    void laterFileWinsAsInGdalsVrtOfTheSameFiles() throws Exception {
        Path vrt = vrt("abc.vrt", a, b, c);
        RasterLayer layer = mosaic("mosaic abc", List.of(a, b, c), false);
        ParseResult result = new LayerParser(dataSource).parse(layer.id(), List.of(a, b, c),
                new ParseOptions(Resampling.NEAREST), ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());
        assertSameTiles(layer.id(), result.tilesPerZoom().lastKey(), List.of(vrt), "vrt a b c");

        // The layer describes the union of the files: the VRT's grid.
        LayerMetadata meta = new LayerMetadataRepository(dataSource).find(layer.id()).orElseThrow();
        String info = GdalRaster.run("gdalinfo", "-json", vrt.toString());
        Matcher size = SIZE.matcher(info);
        assertTrue(size.find());
        assertEquals(Integer.parseInt(size.group(1)), meta.width());
        assertEquals(Integer.parseInt(size.group(2)), meta.height());
        double[] gt = geoTransform(vrt);
        assertEquals(gt[0], meta.upperLeftX(), 1e-9);
        assertEquals(gt[3], meta.upperLeftY(), 1e-9);
        assertEquals(gt[1], meta.scaleX(), 1e-12);
        assertEquals(4326, meta.srid());

        // The statistics count each visible pixel once: those of GDAL's VRT of the files in the same order.
        assertStatisticsOf(layer.id(), vrt, "vrt a b c");
    }

    @Test
    void firstWinsIsTheVrtOfTheFilesInReverseOrderAndAStoredMosaicParsesAgain() throws Exception {
        RasterLayer layer = mosaic("mosaic abc first wins", List.of(a, b, c), true);
        // From the files kept in the database, as a re-parse or a worker does.
        ParseResult result = new LayerParseJob(dataSource).run(layer.id(), new ParseOptions(Resampling.NEAREST),
                ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());
        Path cba = vrt("cba.vrt", c, b, a);
        assertSameTiles(layer.id(), result.tilesPerZoom().lastKey(), List.of(cba), "vrt c b a");
        assertStatisticsOf(layer.id(), cba, "vrt c b a");
    }

    @Test
    void anAdditionCountsOntoTheStoredTallyAndItsStatisticsAreThoseOfTheVrtOfAllTheFiles() throws Exception {
        for (boolean firstWins : new boolean[] {false, true}) {
            RasterLayer layer = mosaic("a b, then c tally" + (firstWins ? " first wins" : ""), List.of(a, b),
                    firstWins);
            LayerParseJob job = new LayerParseJob(dataSource);
            ParseOptions nearest = new ParseOptions(Resampling.NEAREST);
            assertTrue(job.run(layer.id(), nearest, ParseListener.NONE, () -> false).finished());
            assertStatisticsOf(layer.id(), firstWins ? vrt("ba.vrt", b, a) : vrt("ab.vrt", a, b),
                    "before the addition");
            List<String> log = new ArrayList<>();
            ParseResult added = job.add(layer.id(), List.of(c.toString()), nearest, new ParseListener() {
                @Override
                public void logLine(String line) {
                    log.add(line);
                }
            }, () -> false);
            assertTrue(added.finished(), added.message());
            assertTrue(log.stream().anyMatch(l -> l.contains("counted onto the mosaic's stored tally")),
                    log.toString());
            Path vrt = firstWins ? vrt("cba-added.vrt", c, b, a) : vrt("abc-tally.vrt", a, b, c);
            assertStatisticsOf(layer.id(), vrt, "after adding c" + (firstWins ? ", first wins" : ""));
            assertSameTiles(layer.id(), added.tilesPerZoom().lastKey(), List.of(vrt), "added c to a b");
        }
    }

    @Test
    void filesOfDifferentCrsAndResolutionMatchGdalwarpOfTheFiles() throws Exception {
        Path piece = cut(ParsedFile.data("real/openlandmap_cropland_10km_2016.tif"), "d-source.tif", 2250, 470,
                250, 180);
        Path d = work.resolve("d-laea.tif");
        GdalRaster.run("gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:3035", "-tr", "5000", "5000", "-r", "near",
                piece.toString(), d.toString());
        RasterLayer layer = mosaic("mosaic a + laea", List.of(a, d), false);
        List<String> log = new ArrayList<>();
        ParseListener listener = new ParseListener() {
            @Override
            public void logLine(String line) {
                log.add(line);
            }
        };
        ParseResult result = new LayerParser(dataSource).parse(layer.id(), List.of(a, d),
                new ParseOptions(Resampling.NEAREST), listener, () -> false);
        assertTrue(result.finished(), result.message());
        assertTrue(log.stream().anyMatch(l -> l.contains("max zoom follows the finest, d-laea.tif")), log.toString());
        assertSameTiles(layer.id(), result.tilesPerZoom().lastKey(), List.of(a, d), "gdalwarp a d");
        assertEquals(3857, new LayerMetadataRepository(dataSource).find(layer.id()).orElseThrow().srid());
    }

    @Test
    void addingAFileRemakesOnlyTheTilesItTouchesAndEqualsAFreshMosaicOfAllTheFiles() throws Exception {
        // Overlapping pieces of a finer raster (Float32, zoom 13), the third at one corner of the other two.
        Path lisbon = ParsedFile.data("real/LisbonElevation.tif");
        Path a = cut(lisbon, "lisbon-a.tif", 0, 0, 300, 250, "-a_nodata", "-9999");
        Path b = cut(lisbon, "lisbon-b.tif", 200, 150, 347, 271, "-a_nodata", "-9999");
        Path c = cut(lisbon, "lisbon-c.tif", 430, 330, 117, 91, "-a_nodata", "-9999");
        for (boolean firstWins : new boolean[] {false, true}) {
            RasterLayer grown = mosaicWithPyramid("a b, then c" + (firstWins ? " first wins" : ""), List.of(a, b),
                    firstWins);
            ParseOptions nearest = new ParseOptions(Resampling.NEAREST);
            LayerParseJob job = new LayerParseJob(dataSource);
            assertTrue(job.run(grown.id(), nearest, ParseListener.NONE, () -> false).finished());
            java.util.Map<String, Integer> ridsBefore = rids(grown.id());

            List<String> log = new ArrayList<>();
            // No resampling given: the addition resamples as the mosaic's parse did (nearest, not bilinear).
            ParseResult added = job.add(grown.id(), List.of(c.toString()), ParseOptions.defaults(),
                    new ParseListener() {
                @Override
                public void logLine(String line) {
                    log.add(line);
                }
            }, () -> false);
            assertTrue(added.finished(), added.message());

            RasterLayer fresh = mosaicWithPyramid("a b c" + (firstWins ? " first wins" : ""), List.of(a, b, c),
                    firstWins);
            assertTrue(job.run(fresh.id(), nearest, ParseListener.NONE, () -> false).finished());
            // Tile for tile (z/x/y and bytes), every zoom: the added file's tiles, their ancestors and the rest.
            assertEquals(tileHashes(fresh.id()), tileHashes(grown.id()), "tiles of a+b+c fresh vs a+b then c");
            LayerMetadataRepository metadata = new LayerMetadataRepository(dataSource);
            LayerMetadata grownMeta = metadata.find(grown.id()).orElseThrow();
            LayerMetadata freshMeta = metadata.find(fresh.id()).orElseThrow();
            assertEquals(freshMeta.upperLeftX(), grownMeta.upperLeftX());
            assertEquals(freshMeta.upperLeftY(), grownMeta.upperLeftY());
            assertEquals(freshMeta.width(), grownMeta.width());
            assertEquals(freshMeta.height(), grownMeta.height());
            BandMetadata grownBand = metadata.bands(grown.id()).get(0);
            BandMetadata freshBand = metadata.bands(fresh.id()).get(0);
            assertEquals(freshBand.min(), grownBand.min());
            assertEquals(freshBand.max(), grownBand.max());
            assertEquals(freshBand.mean(), grownBand.mean());
            assertTrue(java.util.Arrays.equals(freshBand.histValues(), grownBand.histValues()), "histogram");
            assertEquals(3, new MosaicFiles(dataSource).find(grown.id()).orElseThrow().files().size());

            // Only the tiles c touches were written again: every other tile is the same row as before.
            java.util.Map<String, Integer> ridsAfter = rids(grown.id());
            long rewritten = ridsAfter.entrySet().stream()
                    .filter(e -> !e.getValue().equals(ridsBefore.get(e.getKey()))).count();
            long remade = added.tilesPerZoom().values().stream().mapToLong(Long::longValue).sum();
            int top = added.tilesPerZoom().lastKey();
            System.out.printf(Locale.ROOT, "added c (%s): %d tiles re-made of %d (before %d)%n",
                    firstWins ? "first wins" : "later wins", rewritten, ridsAfter.size(), ridsBefore.size());
            assertEquals(remade, rewritten, "tiles written by the addition");
            assertTrue(rewritten < ridsAfter.size() / 2, rewritten + " of " + ridsAfter.size() + ": " + log);
            assertTrue(ridsAfter.keySet().containsAll(ridsBefore.keySet()), "no tile lost");
            String summary = String.format(Locale.ROOT, "Added 1 file: %,d tiles re-made of %,d.", remade,
                    ridsAfter.size());
            assertTrue(log.stream().anyMatch(l -> l.endsWith(summary)), log.toString());
            org.rasterdesk.layer.LayerParseStatus stored = new org.rasterdesk.layer.ParseStatusRepository(dataSource)
                    .find(grown.id()).orElseThrow();
            assertEquals(org.rasterdesk.layer.ParseStatus.FINISHED, stored.status());
            assertTrue(stored.log().endsWith(summary), stored.log());
            assertEquals(new TileRepository(dataSource).countByZoom(grown.id()).keySet().stream().toList(),
                    stored.tileLevels());
            if (!firstWins) {
                assertSameTiles(grown.id(), top, List.of(vrt("abc-added.vrt", a, b, c)), "vrt a b c (c added)");
            }
        }
    }

    /**
     * The layer's band statistics against GDAL's of the VRT (min, max, mean, std as gdalinfo -stats computes them),
     * and its histogram against that of the pixels GDAL composes from the VRT, written out by gdal_translate.
     */
    private void assertStatisticsOf(int layerId, Path vrt, String label) throws Exception {
        BandMetadata band = new LayerMetadataRepository(dataSource).bands(layerId).get(0);
        String stats = GdalRaster.run("gdalinfo", "-json", "-stats", vrt.toString());
        assertEquals(number(stats, "STATISTICS_MINIMUM"), band.min(), label + " min");
        assertEquals(number(stats, "STATISTICS_MAXIMUM"), band.max(), label + " max");
        assertEquals(number(stats, "STATISTICS_MEAN"), band.mean(), 1e-9, label + " mean");
        assertEquals(number(stats, "STATISTICS_STDDEV"), band.std(), 1e-9, label + " std");
        Path composed = work.resolve(vrt.getFileName() + ".tif");
        GdalRaster.run("gdal_translate", "-q", vrt.toString(), composed.toString());
        try (org.rasterdesk.raster.GeoTiffReader reader = org.rasterdesk.raster.GeoTiffReader.open(composed)) {
            org.rasterdesk.raster.BandStats gdal = org.rasterdesk.raster.BandStatistics.compute(reader).get(0);
            assertTrue(java.util.Arrays.equals(gdal.histValues(), band.histValues()), label + " histogram "
                    + java.util.Arrays.toString(band.histValues()) + " vs " + java.util.Arrays.toString(gdal.histValues()));
            assertTrue(java.util.Arrays.equals(gdal.histBins(), band.histBins()), label + " histogram bins");
        }
    }

    private RasterLayer mosaicWithPyramid(String name, List<Path> files, boolean firstWins) throws Exception {
        return new MosaicFiles(dataSource).create(RasterLayer.create(name), files, firstWins, false);
    }

    private java.util.Map<String, String> tileHashes(int layerId) throws Exception {
        return ParsedLayers.tileColumn(dataSource, layerId, "md5(ST_AsBinary(rast))");
    }

    private java.util.Map<String, Integer> rids(int layerId) throws Exception {
        java.util.Map<String, Integer> rids = new java.util.TreeMap<>();
        ParsedLayers.tileColumn(dataSource, layerId, "rid::text").forEach((k, v) -> rids.put(k, Integer.valueOf(v)));
        return rids;
    }

    private RasterLayer mosaic(String name, List<Path> files, boolean firstWins) throws Exception {
        return new MosaicFiles(dataSource).create(RasterLayer.create(name).withDatatype(DataType.CATEGORICAL)
                .withBuildPyramid(false).withStoreReprojected(false), files, firstWins, false);
    }

    /** Our max-zoom tiles against GDAL's warp of the inputs (later ones on top) onto the same tiles and one more. */
    private void assertSameTiles(int layerId, int z, List<Path> gdalInputs, String label) throws Exception {
        TileRepository tiles = new TileRepository(dataSource);
        List<TileKey> ours = tiles.keys(layerId, z);
        TileData first = tiles.read(layerId, ours.get(0)).orElseThrow();
        int n = (1 << z) - 1;
        TileRange wide = new TileRange(z, Math.max(0, ours.stream().mapToInt(TileKey::x).min().orElseThrow() - 1),
                Math.max(0, ours.stream().mapToInt(TileKey::y).min().orElseThrow() - 1),
                Math.min(n, ours.stream().mapToInt(TileKey::x).max().orElseThrow() + 1),
                Math.min(n, ours.stream().mapToInt(TileKey::y).max().orElseThrow() + 1));
        double[][] gdal = GdalRaster.warp(gdalInputs, wide, "near", first.nodata(), first.pixelType(), work);
        Set<String> gdalTiles = new TreeSet<>();
        Set<String> ourTiles = new TreeSet<>();
        long dataPixels = 0;
        long identical = 0;
        for (TileKey key : wide.keys()) {
            TileData theirs = new TileData(key, first.pixelType(), first.nodata(), GdalRaster.tile(gdal, wide, key));
            if (!theirs.isEmpty()) {
                gdalTiles.add(key.toString());
            }
            TileData mine = tiles.read(layerId, key).orElse(null);
            if (mine == null) {
                continue;
            }
            ourTiles.add(key.toString());
            for (int p = 0; p < 256 * 256; p++) {
                double m = mine.bands()[0][p];
                double g = theirs.bands()[0][p];
                if (mine.isNodata(0, m) && theirs.isNodata(0, g)) {
                    continue;
                }
                dataPixels++;
                identical += m == g ? 1 : 0;
            }
        }
        double share = 100.0 * identical / dataPixels;
        System.out.printf(Locale.ROOT, "mosaic vs %s (gdalwarp -et 0 -r near): z%d tiles %d (gdal %d), data pixels "
                + "%d, identical %.4f %%%n", label, z, ourTiles.size(), gdalTiles.size(), dataPixels, share);
        assertEquals(gdalTiles, ourTiles, "non-empty tiles at max zoom");
        assertTrue(share >= 99.9, label + ": identical pixels " + share + " %");
    }

    private static Path cut(Path source, String name, int x, int y, int w, int h, String... options)
            throws Exception {
        Path out = work.resolve(name);
        List<String> command = new ArrayList<>(List.of("gdal_translate", "-q"));
        command.addAll(List.of(options));
        command.addAll(List.of("-srcwin", Integer.toString(x), Integer.toString(y), Integer.toString(w),
                Integer.toString(h), source.toString(), out.toString()));
        GdalRaster.run(command.toArray(String[]::new));
        return out;
    }

    private static Path vrt(String name, Path... files) throws Exception {
        Path out = work.resolve(name);
        List<String> command = new ArrayList<>(List.of("gdalbuildvrt", "-q", "-overwrite", out.toString()));
        for (Path f : files) {
            command.add(f.toString());
        }
        GdalRaster.run(command.toArray(String[]::new));
        return out;
    }

    private static double[] geoTransform(Path file) throws Exception {
        Matcher m = GEOTRANSFORM.matcher(GdalRaster.run("gdalinfo", "-json", file.toString()));
        assertTrue(m.find(), "no geotransform in " + file);
        return java.util.Arrays.stream(m.group(1).split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\":\\s*\"?([-0-9.eE+]+)").matcher(json);
        assertTrue(m.find(), key);
        return Double.parseDouble(m.group(1));
    }

    private static String d(double v) {
        return String.format(Locale.ROOT, "%.15f", v);
    }
}
