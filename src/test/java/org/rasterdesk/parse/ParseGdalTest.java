package org.rasterdesk.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rasterdesk.layer.DataType;
import org.rasterdesk.layer.RasterLayer;
import org.rasterdesk.layer.TileRepository;
import org.rasterdesk.tiling.GdalRaster;
import org.rasterdesk.tiling.Resampling;
import org.rasterdesk.tiling.TileData;
import org.rasterdesk.tiling.TileKey;
import org.rasterdesk.tiling.TileRange;

/**
 * Whole parses of every real file, their max-zoom tiles read back from PostGIS and compared pixel by pixel with
 * GDAL's exact warp (-et 0, nearest neighbour) onto the same tiles.
 */
@Tag("slow")
class ParseGdalTest {

    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"django_raster_test.tif", "RGB.byte.tif", "opengeos_dsm.tif", "gpm_1d.20240617.tif",
        "openlandmap_cropland_10km_2016.tif", "dom1_32_356_5699_1_nw_2020.tif", "LisbonElevation.tif"})
    void maxZoomTilesInPostgisMatchGdal(String name) throws Exception {
        Path file = GdalRaster.data("real/" + name);
        ParsedLayers parsed = new ParsedLayers();
        RasterLayer layer = parsed.layers.create(RasterLayer.create("gdal " + name).withDatatype(DataType.CONTINUOUS)
                .withBuildPyramid(false).withStoreReprojected(false).withSourceUrl(file.toUri().toString()));
        ParseResult result = new LayerParser(parsed.dataSource).parse(layer.id(), file,
                new ParseOptions(Resampling.NEAREST), ParseListener.NONE, () -> false);
        assertTrue(result.finished(), result.message());

        TileRepository tiles = new TileRepository(parsed.dataSource);
        int z = result.tilesPerZoom().lastKey();
        Set<TileKey> ours = new TreeSet<>(java.util.Comparator.comparing(TileKey::toString));
        ours.addAll(tiles.keys(layer.id(), z));
        TileData first = tiles.read(layer.id(), ours.iterator().next()).orElseThrow();
        int minX = ours.stream().mapToInt(TileKey::x).min().orElseThrow();
        int maxX = ours.stream().mapToInt(TileKey::x).max().orElseThrow();
        int minY = ours.stream().mapToInt(TileKey::y).min().orElseThrow();
        int maxY = ours.stream().mapToInt(TileKey::y).max().orElseThrow();
        int n = (1 << z) - 1;
        // One tile more on every side: a tile GDAL fills outside ours would show.
        TileRange wide = new TileRange(z, Math.max(0, minX - 1), Math.max(0, minY - 1), Math.min(n, maxX + 1),
                Math.min(n, maxY + 1));
        double[][] gdal = GdalRaster.warp(file, wide, "near", first.nodata(), first.pixelType(), work);

        Set<String> gdalTiles = new TreeSet<>();
        Set<String> ourTiles = new TreeSet<>();
        long dataPixels = 0;
        long identical = 0;
        for (TileKey key : wide.keys()) {
            TileData theirs = new TileData(key, first.pixelType(), first.nodata(), GdalRaster.tile(gdal, wide, key));
            if (!theirs.isEmpty()) {
                gdalTiles.add(key.toString());
            }
            TileData mine = tiles.read(layer.id(), key).orElse(null);
            if (mine == null) {
                continue;
            }
            ourTiles.add(key.toString());
            for (int b = 0; b < mine.bandCount(); b++) {
                for (int p = 0; p < 256 * 256; p++) {
                    double a = mine.bands()[b][p];
                    double g = theirs.bands()[b][p];
                    if (mine.isNodata(b, a) && theirs.isNodata(b, g)) {
                        continue;
                    }
                    dataPixels++;
                    if (a == g || (float) a == (float) g) {
                        identical++;
                    }
                }
            }
        }
        double share = 100.0 * identical / dataPixels;
        System.out.printf(Locale.ROOT, "parse vs gdalwarp -et 0 -r near: %-36s z%-2d tiles %d (gdal %d), data pixels "
                + "%d, identical %.4f %%%n", name, z, ourTiles.size(), gdalTiles.size(), dataPixels, share);
        assertEquals(gdalTiles, ourTiles, "non-empty tiles at max zoom");
        assertTrue(share >= 99.9, name + ": identical pixels " + share + " %");
    }
}
